/**
 * The words of the findings report in the two languages these studies are written in:
 * English for journals, Indonesian for the skripsi, tesis and the agency's own copy.
 * Codebook labels (dimensions, polarities) come from the codebook; these are the rest.
 */
import { ORPHAN_REASONS } from '../anchoring';
import { type OffText, offTextReason } from '../study';

export type ReportLanguage = 'en' | 'id';

export interface ReportWords {
  title(study: string): string;
  method(facts: MethodWords): string;
  polarityHeading: Readonly<Record<string, string>>;
  memoHeading: string;
  rankingHeading: string;
  rankingIntro: string;
  rankingColumns: readonly [rank: string, factor: string, dimensions: string, agencies: string, informants: string, segments: string, sources: string];
  noInhibiting: string;
  cooccurrenceHeading: string;
  cooccurrenceIntro: string;
  cooccurrenceColumns: readonly [dimension: string, otherDimension: string, lines: string, segmentPairs: string];
  wholeStudy: string;
  noCooccurrence: string;
  leftOutHeading: string;
  nothingLeftOut: string;
  otherProblems(count: number): string;
  informants(count: number): string;
  segments(count: number): string;
  unnamedFactor: string;
  /** Each reason says first what was left out, then why. */
  noAgencyReason(count: number, transcript: string): string;
  brokenSidecarReason(transcript: string, detail: string): string;
  /** Why a sidecar is broken, by SidecarParse reason. */
  sidecarFault: Readonly<Record<string, string>>;
  brokenMemosReason(file: string, detail: string): string;
  /** A code that is not on its text: which code, then why (offTextReason). */
  codeLeftOutReason(code: string, factor: string, quote: string, reason: string): string;
  offTextReason(offText: OffText): string;
  noCodedSegments: string;
  sourceType: Readonly<Record<string, string>>;
  /** "a, b and c" */
  list(items: readonly string[]): string;
}

export interface MethodWords {
  exportedOn: string;
  transcripts: number;
  sources: readonly { source: string; transcripts: number }[];
  agencies: number;
  informants: number;
  coders: readonly string[];
  segments: number;
  frameworks: readonly string[];
}

const EN: ReportWords = {
  title: (study) => `Findings: ${study}`,
  method: (f) =>
    `This chapter reports the coded findings of ${count(f.transcripts, 'transcript')}` +
    (f.sources.length > 0 ? ` (${EN.list(f.sources.map((s) => sourceCount(s.transcripts, s.source)))})` : '') +
    ` from ${count(f.agencies, 'agency', 'agencies')}, with ${count(f.informants, 'informant')}. ` +
    `${count(f.segments, 'segment was', 'segments were')} coded` +
    (f.frameworks.length > 0 ? ` against ${EN.list(f.frameworks)}` : '') +
    (f.coders.length > 0 ? ` by ${count(f.coders.length, 'coder')} (${EN.list(f.coders)})` : '') +
    `. Each factor lists the informants and the kinds of source that back it (triangulation) and quotes the transcripts ` +
    `with file and line. Exported with Transcript Coder${f.exportedOn === '' ? '' : ` on ${f.exportedOn}`}.`,
  polarityHeading: {
    supporting: 'Supporting factors',
    inhibiting: 'Inhibiting factors',
    effort: 'Efforts',
    neutral: 'Descriptive findings',
  },
  memoHeading: 'Analytic memo',
  rankingHeading: 'Inhibiting factors ranked',
  rankingIntro: 'Across the study, ranked by the number of agencies, then of informants, that cite each inhibiting factor.',
  rankingColumns: ['#', 'Inhibiting factor', 'Dimensions', 'Agencies', 'Informants', 'Segments', 'Sources'],
  noInhibiting: 'No inhibiting factors were coded.',
  cooccurrenceHeading: 'Dimensions coded together',
  cooccurrenceIntro:
    'Pairs of dimensions coded on the same lines of a transcript: the number of lines coded with both, and the number of pairs ' +
    'of segments whose lines overlap. The codes counted are those of the findings above; what the report lists at its end as left out is not counted.',
  cooccurrenceColumns: ['Dimension', 'Coded together with', 'Lines', 'Segment pairs'],
  wholeStudy: 'Whole study',
  noCooccurrence: 'No two dimensions were coded on the same lines.',
  leftOutHeading: 'Left out',
  nothingLeftOut: 'Nothing was left out: every sidecar of the study was read and every code is on its text.',
  otherProblems: (n) => `${count(n, 'other problem was', 'other problems were')} found in the study's files; run transcript-coder validate to see them.`,
  informants: (n) => count(n, 'informant'),
  segments: (n) => count(n, 'segment'),
  unnamedFactor: '(factor not named)',
  noAgencyReason: (n, transcript) =>
    `${count(n, 'coded segment')} of ${transcript}: the transcript has no agency (set attributes.agency in its sidecar, or agency: in its front matter)`,
  brokenSidecarReason: (transcript, detail) => `every code of ${transcript}: its sidecar cannot be read (${detail})`,
  sidecarFault: { syntax: 'not valid YAML', conflict: 'git merge conflict markers', version: 'a version this Transcript Coder cannot read', invalid: 'invalid content' },
  brokenMemosReason: (file, detail) => `the analytic memos: ${file} cannot be read (${detail})`,
  codeLeftOutReason: (code, factor, quote, reason) => `the code ${code}${factor === '' ? '' : ` “${factor}”`} (“${quote}”): ${reason}`,
  offTextReason,
  noCodedSegments: 'No coded segments.',
  sourceType: { interview: 'interview', observation: 'observation', document: 'document', 'focus-group': 'focus group' },
  list: (items) => joinList(items, 'and'),
};

const ID: ReportWords = {
  title: (study) => `Hasil penelitian: ${study}`,
  method: (f) =>
    `Bab ini menyajikan temuan hasil pengodean atas ${f.transcripts} transkrip` +
    (f.sources.length > 0 ? ` (${ID.list(f.sources.map((s) => `${s.transcripts} ${ID.sourceType[s.source] ?? s.source}`))})` : '') +
    ` dari ${f.agencies} instansi, dengan ${f.informants} informan. Sebanyak ${f.segments} segmen dikodekan` +
    (f.frameworks.length > 0 ? ` berdasarkan ${ID.list(f.frameworks)}` : '') +
    (f.coders.length > 0 ? ` oleh ${f.coders.length} pengode (${ID.list(f.coders)})` : '') +
    `. Setiap faktor dicantumkan beserta informan dan jenis sumber yang mendukungnya (triangulasi) serta kutipan ` +
    `transkrip dengan berkas dan barisnya. Diekspor dengan Transcript Coder${f.exportedOn === '' ? '' : ` pada ${f.exportedOn}`}.`,
  polarityHeading: {
    supporting: 'Faktor pendukung',
    inhibiting: 'Faktor penghambat',
    effort: 'Upaya',
    neutral: 'Temuan deskriptif',
  },
  memoHeading: 'Memo analitis',
  rankingHeading: 'Peringkat faktor penghambat',
  rankingIntro: 'Di seluruh penelitian, diurutkan menurut jumlah instansi, lalu jumlah informan, yang menyebut setiap faktor penghambat.',
  rankingColumns: ['No.', 'Faktor penghambat', 'Dimensi', 'Instansi', 'Informan', 'Segmen', 'Sumber'],
  noInhibiting: 'Tidak ada faktor penghambat yang dikodekan.',
  cooccurrenceHeading: 'Dimensi yang dikodekan bersama',
  cooccurrenceIntro:
    'Pasangan dimensi yang dikodekan pada baris transkrip yang sama: jumlah baris yang dikodekan dengan keduanya, dan jumlah pasangan ' +
    'segmen yang barisnya bertumpang tindih. Kode yang dihitung adalah kode temuan di atas; yang dicantumkan di akhir laporan sebagai tidak disertakan tidak dihitung.',
  cooccurrenceColumns: ['Dimensi', 'Dikodekan bersama dengan', 'Baris', 'Pasangan segmen'],
  wholeStudy: 'Seluruh penelitian',
  noCooccurrence: 'Tidak ada dua dimensi yang dikodekan pada baris yang sama.',
  leftOutHeading: 'Tidak disertakan',
  nothingLeftOut: 'Tidak ada yang ditinggalkan: semua berkas sidecar penelitian terbaca dan setiap kode berada pada teksnya.',
  otherProblems: (n) => `Ditemukan ${n} masalah lain pada berkas penelitian; jalankan transcript-coder validate untuk melihatnya.`,
  informants: (n) => `${n} informan`,
  segments: (n) => `${n} segmen`,
  unnamedFactor: '(faktor tanpa nama)',
  noAgencyReason: (n, transcript) =>
    `${n} segmen berkode dari ${transcript}: transkrip tidak memiliki instansi (isi attributes.agency pada sidecar, atau agency: pada front matter)`,
  brokenSidecarReason: (transcript, detail) => `semua kode ${transcript}: sidecar-nya tidak dapat dibaca (${detail})`,
  sidecarFault: { syntax: 'YAML tidak valid', conflict: 'penanda konflik merge git', version: 'versi yang tidak dapat dibaca Transcript Coder ini', invalid: 'isi tidak valid' },
  brokenMemosReason: (file, detail) => `memo analitis: ${file} tidak dapat dibaca (${detail})`,
  codeLeftOutReason: (code, factor, quote, reason) => `kode ${code}${factor === '' ? '' : ` “${factor}”`} (“${quote}”): ${reason}`,
  offTextReason: offTextReasonId,
  noCodedSegments: 'Tidak ada segmen berkode.',
  sourceType: { interview: 'wawancara', observation: 'observasi', document: 'dokumen', 'focus-group': 'diskusi kelompok terarah' },
  list: (items) => joinList(items, 'dan'),
};

function offTextReasonId(offText: OffText): string {
  const span = ([first, last]: readonly [number, number]): string => (first === last ? `baris ${first}` : `baris ${first}–${last}`);
  switch (offText.kind) {
    case 'no-transcript':
      return 'transkripnya tidak ada atau tidak dapat dibaca';
    case 'moved':
      return `kutipannya kini ada di ${span(offText.lines)}, bukan di tempat yang dicatat kode: jangkarkan ulang kode itu`;
    case 'similar':
      return `teksnya telah diubah; teks serupa (${Math.round(offText.score * 100)}% mirip) ada di ${span(offText.lines)}: terima teks itu atau jangkarkan ulang kode itu`;
    case 'orphan':
      switch (offText.reason) {
        case ORPHAN_REASONS.notFound:
          return 'kutipannya tidak lagi ada di transkrip';
        case ORPHAN_REASONS.pastEnd:
          return 'barisnya melewati akhir transkrip dan kutipannya tidak lagi ada di dalamnya';
        case ORPHAN_REASONS.emptyQuote:
          return 'kode tanpa kutipan dan barisnya melewati akhir transkrip';
        case ORPHAN_REASONS.ambiguous:
          return `kutipannya sama cocoknya dengan ${(offText.alternatives ?? []).map(span).join(' dan ') || 'beberapa tempat'}`;
        case ORPHAN_REASONS.tooManyPlaces:
          return 'terlalu banyak tempat yang diawali seperti kutipannya';
        default:
          return offText.reason;
      }
  }
}

/** `en` unless the language is Indonesian (`id`, `id-ID`, `in`). */
export function reportLanguage(language: string): ReportLanguage {
  const primary = language.toLowerCase().split('-')[0];
  return primary === 'id' || primary === 'in' ? 'id' : 'en';
}

export function reportWords(language: ReportLanguage): ReportWords {
  return language === 'id' ? ID : EN;
}

/** "5 interviews", "1 observation"; a source type the study made up is printed as written. */
function sourceCount(n: number, source: string): string {
  const known = EN.sourceType[source];
  return known === undefined ? `${n} ${source}` : count(n, known);
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1] ?? ''}`;
}
