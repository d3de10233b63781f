/**
 * A hand-made study for the co-occurrence tests, small enough to count by hand (the
 * counts are worked out in cooccurrence.test.ts). Lines read `Informan: Baris N …`, and
 * every code's quote is its first line's text, so each code is on its text unless said.
 */
import { loadStudy, type Study } from '../../src/core/study/study';
import { memoryReader } from './report-fixtures';

export const COOCCURRENCE_CODEBOOK = `version: 1
frameworks:
  - id: jones
    label: {en: "Charles O. Jones", id: "Charles O. Jones"}
    dimensions:
      - id: organization
        label: {en: Organization, id: Organisasi}
        color: "#4e79a7"
        indicators:
          - id: coordination
            label: {en: Coordination between parties, id: Koordinasi antar pihak}
          - id: apparatus-resources
            label: {en: Apparatus resources, id: Sumber daya aparatur}
      - id: interpretation
        label: {en: Interpretation, id: Interpretasi}
        color: "#f28e2b"
      - id: application
        label: {en: Application, id: Aplikasi}
        color: "#59a14f"
`;

export const lineText = (transcript: string, n: number): string => `Baris ${n} dari ${transcript} tentang pelaksanaan.`;

export const transcriptText = (transcript: string, lines: number): string =>
  Array.from({ length: lines }, (_, i) => `Informan: ${lineText(transcript, i + 1)}`).join('\n') + '\n';

export interface HandCode {
  id: string;
  lines: [number, number];
  code: string;
  polarity: string;
  factor: string;
  /** Default: the first line's text. */
  quote?: string;
}

export function sidecarText(transcript: string, agency: string | undefined, codes: readonly HandCode[]): string {
  const attributes = agency === undefined ? '  informant: Informan\n' : `  agency: ${agency}\n  informant: Informan\n`;
  const entries = codes
    .map(
      (c) =>
        `  - id: ${c.id}\n    lines: [${c.lines[0]}, ${c.lines[1]}]\n    code: ${c.code}\n    polarity: ${c.polarity}\n` +
        `    factor: ${JSON.stringify(c.factor)}\n    quote: ${JSON.stringify(c.quote ?? lineText(transcript, c.lines[0]))}\n    coder: rina\n`,
    )
    .join('');
  return `version: 1\ntranscript: ${transcript}\nattributes:\n${attributes}codes:${codes.length === 0 ? ' []' : ''}\n${entries}`;
}

export const SATU_CODES: HandCode[] = [
  { id: 's1', lines: [1, 3], code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Rapat rutin' },
  { id: 's2', lines: [2, 2], code: 'jones/application', polarity: 'inhibiting', factor: 'Anggaran kurang' },
  { id: 's3', lines: [3, 5], code: 'jones/organization/apparatus-resources', polarity: 'inhibiting', factor: 'SDM kurang' },
  { id: 's4', lines: [4, 4], code: 'jones/interpretation', polarity: 'supporting', factor: 'Juknis jelas' },
  { id: 's5', lines: [6, 7], code: 'jones/application', polarity: 'inhibiting', factor: 'anggaran  Kurang' },
  { id: 's6', lines: [8, 8], code: 'jones/organization', polarity: 'effort', factor: 'Bimtek' },
  { id: 's7', lines: [5, 9], code: 'jones/interpretation', polarity: 'neutral', factor: 'Sosialisasi' },
  // Not on its text: left out, named, in no count.
  { id: 's8', lines: [9, 9], code: 'jones/application', polarity: 'inhibiting', factor: 'Hilang', quote: 'Kalimat ini sudah dihapus dari transkrip sama sekali.' },
];

export const DUA_CODES: HandCode[] = [
  { id: 'd1', lines: [1, 2], code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Koordinasi baik' },
  { id: 'd2', lines: [2, 3], code: 'jones/application', polarity: 'supporting', factor: 'Aplikasi dipakai' },
  { id: 'd3', lines: [2, 2], code: 'jones/application', polarity: 'inhibiting', factor: 'Jaringan putus' },
  { id: 'd4', lines: [5, 5], code: 'jones/interpretation', polarity: 'neutral', factor: 'Catatan' },
];

/** Coded on one line with two dimensions, but without an agency: left out of every table. */
const TANPA_CODES: HandCode[] = [
  { id: 't1', lines: [1, 1], code: 'jones/organization', polarity: 'supporting', factor: 'Tanpa instansi' },
  { id: 't2', lines: [1, 1], code: 'jones/application', polarity: 'supporting', factor: 'Tanpa instansi' },
];

export const COOCCURRENCE_FILES: Record<string, string> = {
  'codebook.yaml': COOCCURRENCE_CODEBOOK,
  'a/satu.txt': transcriptText('satu.txt', 10),
  'a/satu.txt.codes.yaml': sidecarText('satu.txt', 'Dinas A', SATU_CODES),
  'b/dua.txt': transcriptText('dua.txt', 5),
  'b/dua.txt.codes.yaml': sidecarText('dua.txt', 'Dinas B', DUA_CODES),
  'c/tanpa.txt': transcriptText('tanpa.txt', 2),
  'c/tanpa.txt.codes.yaml': sidecarText('tanpa.txt', undefined, TANPA_CODES),
  'c/rusak.txt': transcriptText('rusak.txt', 2),
  'c/rusak.txt.codes.yaml': 'version: 1\ntranscript: rusak.txt\n<<<<<<< HEAD\ncodes: []\n=======\ncodes: [x]\n>>>>>>> other\n',
};

export async function loadCooccurrenceStudy(files: Record<string, string> = COOCCURRENCE_FILES): Promise<Study> {
  return loadStudy(memoryReader(files), { transcripts: 'all' });
}
