/**
 * A hand-built study for the report and table tests, small enough to count by hand:
 *
 * - Dinas A: an interview (Kepala Dinas) and an observation note that both name
 *   "Tenaga ahli TI masih kurang" (the note with other spacing and case);
 * - Dinas B: an interview (Kepala Bidang, with an extra attribute `wilayah`) whose
 *   factor names are hostile: a command link, a script tag, a spreadsheet formula;
 * - a transcript with no agency, a sidecar with git conflict markers, and memos.yaml.
 *
 * Read from memory through a StudyReader, as the extension reads through workspace.fs.
 */
import { join } from 'node:path';
import { loadMemos, type LoadedMemos } from '../../src/core/study/memos';
import { loadStudy, type Study, type StudyReader } from '../../src/core/study/study';
import { createFsStudyReader } from '../../src/node/fs-study-reader';
import { SMALL_CODEBOOK } from './helpers/temp-study';

export const COMMAND_LINK = '[x](command:workbench.action.terminal.new)';
export const SCRIPT_TAG = '<script>alert(1)</script>';
export const FORMULA = "=cmd|' /C calc'!A0";
export const HOSTILE_MEMO = '# Not a heading [open](command:evil)\n\nSecond paragraph <b>bold</b>.';

const sidecar = (transcript: string, attributes: string, codes: string): string =>
  `version: 1\ntranscript: ${transcript}\nattributes:\n${attributes}codes:\n${codes}`;

const code = (id: string, line: number, path: string, polarity: string, factor: string, quote: string, extra = ''): string =>
  `  - id: ${id}\n    lines: [${line}, ${line}]\n    code: ${path}\n    polarity: ${polarity}\n    factor: ${JSON.stringify(factor)}\n    quote: ${JSON.stringify(quote)}\n${extra}    coder: rina\n`;

export const REPORT_STUDY_FILES: Record<string, string> = {
  'codebook.yaml': SMALL_CODEBOOK,
  'a/kadis.txt': [
    'Pewawancara: Apa kendala utama?',
    'Kepala Dinas: Pegawai yang paham TI masih kurang.',
    'Kepala Dinas: Anggaran dialihkan untuk banjir.',
    'Kepala Dinas: Rapat koordinasi setiap bulan.',
    'Kepala Dinas: Kami adakan bimtek operator.',
    '',
  ].join('\n'),
  'a/kadis.txt.codes.yaml': sidecar(
    'kadis.txt',
    '  agency: Dinas A\n  informant: Kepala Dinas\n  role: Informan kunci\n  date: 2023-03-14\n  source: interview\n',
    code('a1', 2, 'jones/organization/apparatus-resources', 'inhibiting', 'Tenaga ahli TI masih kurang', 'Pegawai yang paham TI masih kurang.') +
      code('a2', 3, 'jones/application', 'inhibiting', 'Anggaran dialihkan', 'Anggaran dialihkan untuk banjir.') +
      code('a3', 4, 'jones/organization/coordination', 'supporting', 'Rapat koordinasi bulanan', 'Rapat koordinasi setiap bulan.') +
      code('a4', 5, 'jones/organization', 'effort', 'Bimtek operator', 'Kami adakan bimtek operator.', '    memo: "Lihat juga, catatan; ada \\"kutipan\\""\n'),
  ),
  'a/observasi.txt': 'Hanya satu programmer yang bertugas di ruang server.\n',
  'a/observasi.txt.codes.yaml': sidecar(
    'observasi.txt',
    '  agency: Dinas A\n  date: 2023-03-20\n  source: observation\n',
    code('o1', 1, 'jones/organization/apparatus-resources', 'inhibiting', 'tenaga ahli  TI Masih kurang', 'Hanya satu programmer yang bertugas di ruang server.'),
  ),
  'b/kabid.txt': [
    'Kepala Bidang: Tenaga TI kami sedikit.',
    'Kepala Bidang: Ada tautan aneh.',
    'Kepala Bidang: Ada skrip aneh.',
    'Kepala Bidang: -5 persen anggaran.',
    '',
  ].join('\n'),
  'b/kabid.txt.codes.yaml': sidecar(
    'kabid.txt',
    '  agency: Dinas B\n  informant: Kepala Bidang\n  source: interview\n  wilayah: Utara\n',
    code('b1', 1, 'jones/organization', 'inhibiting', 'Tenaga ahli TI masih kurang', 'Tenaga TI kami sedikit.') +
      code('b2', 2, 'jones/application', 'neutral', COMMAND_LINK, 'Ada tautan aneh.') +
      code('b3', 3, 'jones/application', 'inhibiting', SCRIPT_TAG, 'Ada skrip aneh.') +
      code('b4', 4, 'jones/organization/coordination', 'supporting', FORMULA, '-5 persen anggaran.', '    memo: "@SUM(A1:A2)"\n'),
  ),
  'c/tanpa.txt': 'Informan: Tanpa instansi.\n',
  'c/tanpa.txt.codes.yaml': sidecar(
    'tanpa.txt',
    '  informant: Informan\n  source: interview\n',
    code('c1', 1, 'jones/application', 'supporting', 'Tanpa instansi', 'Tanpa instansi.'),
  ),
  'b/rusak.txt': 'Teks.\n',
  'b/rusak.txt.codes.yaml': 'version: 1\ntranscript: rusak.txt\n<<<<<<< HEAD\ncodes: []\n=======\ncodes: [x]\n>>>>>>> other\n',
  'memos.yaml': [
    '# Memo analitis',
    'version: 1',
    'memos:',
    '  - agency: Dinas A',
    '    dimension: jones/organization',
    '    text: |',
    ...HOSTILE_MEMO.split('\n').map((line) => (line === '' ? '' : `      ${line}`)),
    '    updated: 2024-05-02',
    '    author: rina',
    '  - agency: Dinas C',
    '    dimension: jones/application',
    '    text: Hanya memo, belum ada kode.',
    '',
  ].join('\n'),
};

export function memoryReader(files: Record<string, string | Uint8Array>): StudyReader {
  return {
    listFiles: async () => Object.keys(files).sort(),
    readFile: async (path) => {
      const content = files[path];
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  };
}

export async function loadReportStudy(files: Record<string, string> = REPORT_STUDY_FILES): Promise<{ study: Study; memos: LoadedMemos }> {
  const reader = memoryReader(files);
  return { study: await loadStudy(reader, { transcripts: 'all' }), memos: await loadMemos(reader) };
}

export const EXAMPLES = join(__dirname, '..', '..', 'examples');

export async function loadExampleStudy(): Promise<Study> {
  return loadStudy(createFsStudyReader(EXAMPLES), { transcripts: 'all' });
}
