/**
 * Built-in frameworks from the e-government literature these studies grew from
 * (DESIGN §4): Indrajit's success elements, the policy–programme–utilisation reading,
 * and the barriers the studies report again and again.
 */
import type { Framework } from '../model';

export const INDRAJIT: Framework = {
  id: 'indrajit',
  label: { en: 'E-government success elements (Indrajit)', id: 'Elemen sukses e-government (Indrajit)' },
  description: {
    en: 'Three elements an e-government initiative needs to succeed: support, capacity and value.',
    id: 'Tiga elemen sukses pengembangan e-government: dukungan, kapasitas dan nilai manfaat.',
  },
  dimensions: [
    {
      id: 'support',
      label: { en: 'Support', id: 'Dukungan' },
      color: '#4e79a7',
      description: {
        en: 'The will and backing of leaders and institutions: political commitment, regulation, resources allocated and socialization.',
        id: 'Kemauan dan dukungan pimpinan serta lembaga: komitmen politik, regulasi, alokasi sumber daya dan sosialisasi.',
      },
      indicators: [
        { id: 'political-will', label: { en: 'Political will of leaders', id: 'Kemauan politik pimpinan' } },
        { id: 'regulation', label: { en: 'Legal and regulatory framework', id: 'Kerangka regulasi' } },
        { id: 'resource-allocation', label: { en: 'Allocation of resources', id: 'Alokasi sumber daya' } },
        { id: 'socialization', label: { en: 'Socialization to staff and the public', id: 'Sosialisasi kepada aparatur dan masyarakat' } },
      ],
    },
    {
      id: 'capacity',
      label: { en: 'Capacity', id: 'Kapasitas' },
      color: '#f28e2b',
      description: {
        en: 'The ability of the government to build and run e-government: funds, ICT infrastructure and skilled people.',
        id: 'Kemampuan pemerintah untuk membangun dan menjalankan e-government: dana, infrastruktur TIK dan sumber daya manusia.',
      },
      indicators: [
        { id: 'financial-resources', label: { en: 'Financial resources', id: 'Ketersediaan dana' } },
        { id: 'ict-infrastructure', label: { en: 'ICT infrastructure', id: 'Infrastruktur TIK' } },
        { id: 'human-resources', label: { en: 'Human resources', id: 'Sumber daya manusia' } },
      ],
    },
    {
      id: 'value',
      label: { en: 'Value', id: 'Nilai manfaat' },
      color: '#e15759',
      description: {
        en: 'The benefits the public and the government actually get from e-government.',
        id: 'Manfaat yang benar-benar dirasakan masyarakat dan pemerintah dari e-government.',
      },
      indicators: [
        { id: 'public-benefit', label: { en: 'Benefit to the public', id: 'Manfaat bagi masyarakat' } },
        { id: 'government-benefit', label: { en: 'Benefit to the government', id: 'Manfaat bagi pemerintah' } },
      ],
    },
  ],
};

export const POLICY_PROCESS: Framework = {
  id: 'policy-process',
  label: { en: 'Policy, programme and utilisation', id: 'Kebijakan, program dan pemanfaatan' },
  description: {
    en: 'Implementation read as a chain from the policy to its programme to the use made of the results (output and outcome).',
    id: 'Implementasi dibaca sebagai rangkaian dari kebijakan, program, hingga pemanfaatan hasilnya (output dan outcome).',
  },
  dimensions: [
    {
      id: 'policy',
      label: { en: 'Policy', id: 'Kebijakan' },
      color: '#4e79a7',
      description: {
        en: 'The regulation that mandates the work: its legal basis and its objectives.',
        id: 'Regulasi yang mendasari pelaksanaan: dasar hukum dan tujuannya.',
      },
      indicators: [
        { id: 'legal-basis', label: { en: 'Legal basis', id: 'Dasar hukum' } },
        { id: 'objectives', label: { en: 'Policy objectives', id: 'Tujuan kebijakan' } },
      ],
    },
    {
      id: 'programme',
      label: { en: 'Programme', id: 'Program' },
      color: '#f28e2b',
      description: {
        en: 'The activities and target groups through which the policy is put into practice.',
        id: 'Kegiatan dan kelompok sasaran yang menjadi wujud pelaksanaan kebijakan.',
      },
      indicators: [
        { id: 'activities', label: { en: 'Activities', id: 'Kegiatan' } },
        { id: 'target-groups', label: { en: 'Target groups', id: 'Kelompok sasaran' } },
      ],
    },
    {
      id: 'utilisation',
      label: { en: 'Utilisation', id: 'Pemanfaatan' },
      color: '#e15759',
      description: {
        en: 'What the programme produces and whether it is used: the outputs delivered and the outcomes achieved.',
        id: 'Apa yang dihasilkan program dan apakah dimanfaatkan: keluaran yang diberikan dan hasil yang dicapai.',
      },
      indicators: [
        { id: 'output', label: { en: 'Output', id: 'Keluaran (output)' } },
        { id: 'outcome', label: { en: 'Outcome', id: 'Hasil (outcome)' } },
      ],
    },
  ],
};

export const BARRIERS: Framework = {
  id: 'barriers',
  label: { en: 'Barriers to e-government', id: 'Hambatan e-government' },
  description: {
    en: 'Barriers reported across studies of e-government in regencies and provinces; pair each with a polarity to record what inhibits and what is being done about it.',
    id: 'Hambatan yang dilaporkan berbagai penelitian e-government di kabupaten dan provinsi; pasangkan dengan polaritas untuk mencatat penghambat dan upaya mengatasinya.',
  },
  dimensions: [
    {
      id: 'human-resources',
      label: { en: 'Human-resource capacity', id: 'Kapasitas sumber daya manusia' },
      color: '#4e79a7',
      description: {
        en: 'Too few staff with ICT skills or the right educational background.',
        id: 'Kurangnya aparatur yang memiliki keterampilan TIK atau latar belakang pendidikan yang sesuai.',
      },
      indicators: [],
    },
    {
      id: 'infrastructure',
      label: { en: 'Infrastructure', id: 'Infrastruktur' },
      color: '#f28e2b',
      description: {
        en: 'Networks, hardware, electricity and internet access that are missing, unreliable or outdated.',
        id: 'Jaringan, perangkat keras, listrik dan akses internet yang belum tersedia, tidak andal atau usang.',
      },
      indicators: [],
    },
    {
      id: 'budget',
      label: { en: 'Budget', id: 'Anggaran' },
      color: '#e15759',
      description: {
        en: 'Funds that are too small, cut, or diverted to other priorities.',
        id: 'Anggaran yang terbatas, dipotong, atau dialihkan ke prioritas lain.',
      },
      indicators: [],
    },
    {
      id: 'security-privacy',
      label: { en: 'Security and data privacy', id: 'Keamanan dan privasi data' },
      color: '#76b7b2',
      description: {
        en: 'Risks to systems and personal data: attacks, leaks and weak access control.',
        id: 'Risiko terhadap sistem dan data pribadi: serangan, kebocoran dan lemahnya pengendalian akses.',
      },
      indicators: [],
    },
    {
      id: 'digital-divide',
      label: { en: 'Digital divide', id: 'Kesenjangan digital' },
      color: '#59a14f',
      description: {
        en: 'Citizens or staff who cannot reach or use online services.',
        id: 'Masyarakat atau aparatur yang belum dapat menjangkau atau menggunakan layanan daring.',
      },
      indicators: [],
    },
    {
      id: 'bureaucratic-culture',
      label: { en: 'Bureaucratic culture', id: 'Budaya birokrasi' },
      color: '#c9a227',
      description: {
        en: 'Habits of paper-based, hierarchical work and resistance to change.',
        id: 'Kebiasaan kerja manual dan hierarkis serta resistensi terhadap perubahan.',
      },
      indicators: [],
    },
    {
      id: 'inter-agency-coordination',
      label: { en: 'Coordination between agencies', id: 'Koordinasi antar instansi' },
      color: '#b07aa1',
      description: {
        en: 'Agencies that do not share data, systems or responsibilities.',
        id: 'Instansi yang belum berbagi data, sistem atau tanggung jawab.',
      },
      indicators: [],
    },
    {
      id: 'regulation-change',
      label: { en: 'Regulation changes', id: 'Perubahan regulasi' },
      color: '#ef7fa0',
      description: {
        en: 'Rules, structures or mandates that change while the work is under way.',
        id: 'Aturan, struktur atau kewenangan yang berubah di tengah pelaksanaan.',
      },
      indicators: [],
    },
    {
      id: 'disasters',
      label: { en: 'Disasters', id: 'Bencana' },
      color: '#9c755f',
      description: {
        en: 'Floods, pandemics and other disasters that halt work or divert resources.',
        id: 'Banjir, pandemi dan bencana lain yang menghentikan pekerjaan atau mengalihkan sumber daya.',
      },
      indicators: [],
    },
  ],
};
