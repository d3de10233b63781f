/**
 * Built-in frameworks: the implementation models these studies read their interviews
 * against (DESIGN §4). Indonesian labels use the terms of the Indonesian literature, so
 * a researcher recognises the dimension names of their own chapter outline.
 */
import type { Framework } from '../model';

export const JONES: Framework = {
  id: 'jones',
  label: { en: 'Charles O. Jones', id: 'Charles O. Jones' },
  description: {
    en: 'Policy implementation as three activities: organization, interpretation and application.',
    id: 'Implementasi kebijakan sebagai tiga aktivitas: organisasi, interpretasi dan aplikasi (penerapan).',
  },
  dimensions: [
    {
      id: 'organization',
      label: { en: 'Organization', id: 'Organisasi' },
      color: '#4e79a7',
      description: {
        en: 'Setting up the work units, staff, facilities and working relations the policy needs to be carried out.',
        id: 'Penataan unit kerja, aparatur, sarana dan hubungan kerja yang dibutuhkan agar kebijakan dapat dilaksanakan.',
      },
      indicators: [
        { id: 'apparatus-resources', label: { en: 'Apparatus resources and work unit', id: 'Sumber daya aparatur dan unit kerja' } },
        { id: 'facilities-ict', label: { en: 'Facilities and ICT infrastructure', id: 'Sarana dan prasarana TIK' } },
        { id: 'communication', label: { en: 'Internal and external communication', id: 'Komunikasi internal dan eksternal' } },
        { id: 'coordination', label: { en: 'Coordination between parties', id: 'Koordinasi antar pihak' } },
      ],
    },
    {
      id: 'interpretation',
      label: { en: 'Interpretation', id: 'Interpretasi' },
      color: '#f28e2b',
      description: {
        en: 'Translating the policy into plans, directions and procedures that implementers understand and accept.',
        id: 'Penafsiran kebijakan menjadi rencana, arahan dan prosedur yang dipahami serta dapat diterima pelaksana.',
      },
      indicators: [
        { id: 'socialization', label: { en: 'Socialization and direction', id: 'Sosialisasi dan pengarahan' } },
        { id: 'rule-interpretation', label: { en: 'Interpretation and execution of the governing rules', id: 'Interpretasi dan pelaksanaan aturan' } },
        { id: 'procedure-clarity', label: { en: 'Clarity of procedures', id: 'Kejelasan prosedur' } },
      ],
    },
    {
      id: 'application',
      label: { en: 'Application', id: 'Aplikasi (penerapan)' },
      color: '#e15759',
      description: {
        en: 'The routine delivery of the services or other outputs the policy aims at, and keeping it on course.',
        id: 'Penerapan rutin kebijakan berupa pelayanan atau keluaran lain sesuai tujuannya, serta menjaga agar tetap terarah.',
      },
      indicators: [
        { id: 'leadership-commitment', label: { en: 'Leadership commitment', id: 'Komitmen pimpinan' } },
        { id: 'supervision', label: { en: 'Supervision and monitoring', id: 'Pengawasan dan monitoring' } },
        { id: 'budget-priority', label: { en: 'Budget priority', id: 'Prioritas anggaran' } },
        { id: 'evaluation', label: { en: 'Evaluation', id: 'Evaluasi' } },
      ],
    },
  ],
};

export const EDWARD_III: Framework = {
  id: 'edward3',
  label: { en: 'George C. Edward III (1980)', id: 'George C. Edward III (1980)' },
  description: {
    en: 'Four variables that decide whether implementation succeeds: communication, resources, disposition and bureaucratic structure.',
    id: 'Empat variabel yang menentukan keberhasilan implementasi: komunikasi, sumber daya, disposisi dan struktur birokrasi.',
  },
  dimensions: [
    {
      id: 'communication',
      label: { en: 'Communication', id: 'Komunikasi' },
      color: '#4e79a7',
      description: {
        en: 'Whether decisions and orders reach the implementers, clearly and consistently.',
        id: 'Apakah keputusan dan perintah kebijakan sampai kepada pelaksana secara jelas dan konsisten.',
      },
      indicators: [
        { id: 'transmission', label: { en: 'Transmission', id: 'Transmisi' } },
        { id: 'clarity', label: { en: 'Clarity', id: 'Kejelasan' } },
        { id: 'consistency', label: { en: 'Consistency', id: 'Konsistensi' } },
      ],
    },
    {
      id: 'resources',
      label: { en: 'Resources', id: 'Sumber daya' },
      color: '#f28e2b',
      description: {
        en: 'The staff, information, authority, facilities and budget implementers have to do the work.',
        id: 'Staf, informasi, kewenangan, fasilitas dan anggaran yang dimiliki pelaksana untuk menjalankan kebijakan.',
      },
      indicators: [
        { id: 'staff', label: { en: 'Staff', id: 'Staf' } },
        { id: 'information', label: { en: 'Information', id: 'Informasi' } },
        { id: 'authority', label: { en: 'Authority', id: 'Kewenangan' } },
        { id: 'facilities', label: { en: 'Facilities', id: 'Fasilitas' } },
        { id: 'budget', label: { en: 'Budget', id: 'Anggaran' } },
      ],
    },
    {
      id: 'disposition',
      label: { en: 'Disposition', id: 'Disposisi' },
      color: '#e15759',
      description: {
        en: 'The attitude and willingness of implementers to carry out the policy as its makers intended.',
        id: 'Sikap dan kemauan pelaksana untuk menjalankan kebijakan sesuai maksud pembuatnya.',
      },
      indicators: [
        { id: 'appointment', label: { en: 'Appointment of bureaucrats', id: 'Pengangkatan birokrat' } },
        { id: 'incentives', label: { en: 'Incentives', id: 'Insentif' } },
      ],
    },
    {
      id: 'bureaucratic-structure',
      label: { en: 'Bureaucratic structure', id: 'Struktur birokrasi' },
      color: '#76b7b2',
      description: {
        en: 'How the implementing organisation is arranged: its standard operating procedures and how responsibility is spread.',
        id: 'Susunan organisasi pelaksana: standar operasional prosedur (SOP) dan penyebaran tanggung jawab.',
      },
      indicators: [
        { id: 'sop', label: { en: 'Standard operating procedures (SOPs)', id: 'Standar operasional prosedur (SOP)' } },
        { id: 'fragmentation', label: { en: 'Fragmentation', id: 'Fragmentasi' } },
      ],
    },
  ],
};

export const VAN_METER_VAN_HORN: Framework = {
  id: 'vanmeter-vanhorn',
  label: { en: 'Van Meter & Van Horn (1975)', id: 'Van Meter & Van Horn (1975)' },
  description: {
    en: 'Six variables that link a policy to the performance of its implementation.',
    id: 'Enam variabel yang menghubungkan kebijakan dengan kinerja implementasinya.',
  },
  dimensions: [
    {
      id: 'standards-objectives',
      label: { en: 'Policy standards and objectives', id: 'Standar dan sasaran kebijakan' },
      color: '#4e79a7',
      description: {
        en: 'How clear and realistic the measures and targets of the policy are.',
        id: 'Kejelasan dan kerealistisan ukuran serta sasaran kebijakan.',
      },
      indicators: [
        { id: 'standards-clarity', label: { en: 'Clarity of standards', id: 'Kejelasan standar' } },
        { id: 'objectives-clarity', label: { en: 'Clarity of objectives', id: 'Kejelasan sasaran' } },
      ],
    },
    {
      id: 'resources',
      label: { en: 'Resources', id: 'Sumber daya' },
      color: '#f28e2b',
      description: {
        en: 'The people, funds and facilities that make implementation possible.',
        id: 'Manusia, dana dan sarana yang memungkinkan kebijakan dilaksanakan.',
      },
      indicators: [
        { id: 'human-resources', label: { en: 'Human resources', id: 'Sumber daya manusia' } },
        { id: 'budget', label: { en: 'Budget', id: 'Anggaran' } },
        { id: 'facilities', label: { en: 'Facilities', id: 'Sarana dan prasarana' } },
      ],
    },
    {
      id: 'agency-characteristics',
      label: { en: 'Characteristics of implementing agencies', id: 'Karakteristik agen pelaksana' },
      color: '#e15759',
      description: {
        en: 'The competence, size, structure and internal control of the bodies that carry out the policy.',
        id: 'Kompetensi, jumlah staf, struktur dan pengendalian internal badan-badan yang melaksanakan kebijakan.',
      },
      indicators: [
        { id: 'staff-competence', label: { en: 'Competence and size of staff', id: 'Kompetensi dan jumlah staf' } },
        { id: 'hierarchical-control', label: { en: 'Hierarchical control', id: 'Pengendalian hierarkis' } },
        { id: 'open-communication', label: { en: 'Openness of communication', id: 'Keterbukaan komunikasi' } },
      ],
    },
    {
      id: 'inter-organizational-communication',
      label: { en: 'Inter-organizational communication and enforcement', id: 'Komunikasi antar organisasi' },
      color: '#76b7b2',
      description: {
        en: 'How the standards of the policy are passed between bodies, and the advice and sanctions that secure compliance.',
        id: 'Penyampaian standar kebijakan antar organisasi, serta bimbingan teknis dan sanksi yang mendorong kepatuhan.',
      },
      indicators: [
        { id: 'coordination', label: { en: 'Coordination between organizations', id: 'Koordinasi antar organisasi' } },
        { id: 'technical-assistance', label: { en: 'Technical advice and assistance', id: 'Bimbingan dan bantuan teknis' } },
        { id: 'enforcement', label: { en: 'Enforcement and sanctions', id: 'Penegakan dan sanksi' } },
      ],
    },
    {
      id: 'economic-social-political',
      label: { en: 'Economic, social and political conditions', id: 'Kondisi ekonomi, sosial dan politik' },
      color: '#59a14f',
      description: {
        en: 'The environment of the implementing bodies: economic resources, public opinion and the support of elites and interest groups.',
        id: 'Lingkungan badan pelaksana: sumber daya ekonomi, opini publik, serta dukungan elit dan kelompok kepentingan.',
      },
      indicators: [
        { id: 'economic', label: { en: 'Economic conditions', id: 'Kondisi ekonomi' } },
        { id: 'social', label: { en: 'Social conditions and public opinion', id: 'Kondisi sosial dan opini publik' } },
        { id: 'political', label: { en: 'Political conditions and elite support', id: 'Kondisi politik dan dukungan elit' } },
      ],
    },
    {
      id: 'disposition',
      label: { en: 'Disposition of implementers', id: 'Disposisi pelaksana' },
      color: '#c9a227',
      description: {
        en: 'How implementers understand the policy, whether they accept, stay neutral or reject it, and how strongly.',
        id: 'Pemahaman pelaksana terhadap kebijakan, apakah mereka menerima, netral atau menolak, dan seberapa kuat sikap itu.',
      },
      indicators: [
        { id: 'comprehension', label: { en: 'Comprehension', id: 'Pemahaman' } },
        { id: 'response', label: { en: 'Direction of response', id: 'Arah tanggapan' } },
        { id: 'intensity', label: { en: 'Intensity of response', id: 'Intensitas tanggapan' } },
      ],
    },
  ],
};
