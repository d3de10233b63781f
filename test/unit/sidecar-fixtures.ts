/**
 * Sidecars as people write them, for the reader and writer tests. Each is a template
 * literal so its bytes are plain to see; `lines(...)` joins lines with LF and ends with one.
 */
export const lines = (...all: string[]): string => all.join('\n') + '\n';

/** DESIGN.md §3, verbatim — aligned comments included. */
export const DESIGN_EXAMPLE = lines(
  'version: 1',
  'transcript: kaban.txt',
  'attributes:                 # the case: agency is what the sidebar groups by',
  '  agency: BKPSDMD Kabupaten Hulu Sungai Tengah',
  '  informant: Kepala Badan',
  '  date: 2022-01-07',
  '  source: interview         # interview | observation | document | focus-group',
  'codes:',
  '  - id: k3x9a2mq            # unique in the file, never reused',
  '    lines: [16, 16]         # first and last line, 1-based, inclusive',
  '    code: jones/organization/apparatus-resources',
  '    polarity: inhibiting',
  '    factor: Tenaga ahli TI masih kurang',
  '    quote: "Masih kurangnya pegawai yang memiliki basis keilmuan dan skill"',
  '    memo: optional free text',
  '    coder: rina',
);

export const DESIGN_EXAMPLE_FILE = 'transcripts/bkpsdmd/kaban.txt.codes.yaml';

export const LONG_FACTOR =
  'Anggaran untuk pengembangan aplikasi e-government dialihkan ke pemulihan pascabanjir sehingga pelatihan operator, ' +
  'pengadaan server, dan sosialisasi kepada SKPD/OPD tertunda sampai tahun anggaran berikutnya menurut kepala bidang';

/**
 * Canonical style — as the writer lays a file out — written by hand with comments in
 * every place a person puts them, unknown keys, Indonesian text, emoji, a long factor
 * and a multi-line memo. Reading and writing it must give back these exact bytes.
 */
export const HAND_WRITTEN = lines(
  '# Kode untuk wawancara Kepala Dinas Kominfo.',
  '# Double-coded by rina and adi (see agreement.md).',
  '',
  'version: 1',
  'transcript: kadis-kominfo.txt',
  '# The case',
  'attributes:',
  '  agency: Dinas Komunikasi dan Informatika Kabupaten Hulu Sungai Tengah',
  '  informant: Kepala Dinas',
  '  date: 2022-01-07   # the second visit',
  '  source: interview',
  '  interviewer: Rina Ayu Lestari',
  '  duration: 45',
  'codes:',
  '  # Organisation first.',
  '  - id: a1b2c3d4',
  '    lines: [3, 4]',
  '    code: jones/organization/apparatus-resources',
  '    polarity: inhibiting',
  `    factor: ${LONG_FACTOR}`,
  '    quote: "Pegawai yang paham TI masih sedikit — kami sering minta bantuan vendor 😅"',
  '    memo: |',
  '      Compare with the Bappeda interview.',
  '      Kepala bidang said the same in 2021.',
  '    coder: rina',
  '    reviewed: true        # a key Transcript Coder does not know',
  '',
  '  # Coordination; adi disagrees, see memo.',
  '  - id: e5f6g7h8',
  '    lines: [12, 15]',
  '    code: jones/organization/coordination',
  '    # Was "supporting" before the supervisor meeting.',
  '    polarity: effort',
  '    factor: Rapat koordinasi lintas OPD tiap bulan',
  '    quote: "Kami adakan rapat koordinasi: setiap bulan, bersama Diskominfo dan Bappeda"',
  '    coder: adi',
  '    tags: [follow-up, triangulate]',
  '    history:',
  '      - {at: 2022-02-01, by: adi}',
  '  - id: i9j0k1l2',
  '    lines: [20, 20]',
  '    code: edward-iii/resources/budget',
  '    polarity: inhibiting',
  '    factor: Anggaran dialihkan ke pemulihan banjir',
  '    quote: "[tertawa] Ya, anggarannya habis untuk banjir, Pak."',
  '    coder: rina',
  '    # end of the codes',
  '',
  '# Study bookkeeping the extension does not read:',
  'review:',
  '  status: in-progress',
  '  by: Dr. Siti Nurhaliza',
  '# The end.',
);

/**
 * A merge of two coders' work that git could not finish (diff3 style), as it lands in
 * the working tree.
 */
export const MERGE_CONFLICT = lines(
  'version: 1',
  'transcript: kaban.txt',
  'attributes:',
  '  agency: BKPSDMD Kabupaten Hulu Sungai Tengah',
  'codes:',
  '  - id: k3x9a2mq',
  '    lines: [16, 16]',
  '    code: jones/organization/apparatus-resources',
  '    polarity: inhibiting',
  '<<<<<<< HEAD',
  '    factor: Tenaga ahli TI masih kurang',
  '||||||| merged common ancestors',
  '    factor: SDM kurang',
  '=======',
  '    factor: Pegawai dengan keahlian TI terbatas',
  '>>>>>>> adi/coding-round-2',
  '    quote: "Masih kurangnya pegawai yang memiliki basis keilmuan dan skill"',
  '    coder: rina',
);

/** Hand-written in a different style: out of order, zero-indented list, flow maps. */
export const UNORDERED = lines(
  'transcript: kaban.txt',
  'version: 1',
  'codes:',
  '# the later code',
  '- coder: rina',
  '  id: zz000001',
  '  lines:',
  '  - 30',
  '  - 31',
  '  code: jones/application/budget-priority',
  '  polarity: inhibiting',
  '  factor: Budget cut',
  "  quote: 'Anggaran dipotong'",
  '  extra: {keep: me}',
  '# the earlier code',
  '- id: aa000001',
  '  lines: [2, 2]',
  '  code: jones/organization/coordination',
  '  polarity: supporting',
  '  factor: Regular meetings',
  '  quote: Kami rapat tiap bulan',
  '  coder: adi',
  'attributes: {source: interview, agency: Bappeda, date: 2022-03-01}',
);
