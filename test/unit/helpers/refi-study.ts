/**
 * A small coded study whose text exercises what REFI-QDA positions get wrong: Indonesian
 * diacritics (precomposed and combining), emoji outside the Basic Multilingual Plane,
 * CRLF line endings and a BOM on disk, front matter, and a code without coder or memo.
 */
import { loadStudy, type Study } from '../../../src/core/study/study';
import { createFsStudyReader } from '../../../src/node/fs-study-reader';
import { SMALL_CODEBOOK, TempStudy } from './temp-study';

/** Lines of the CRLF transcript, as the sidecar counts them. */
export const WAWANCARA_LINES = [
  'Pewawancara: Apa kendala utama di Dinas?',
  'Kepala Dinas: Pegawai yang paham TI 😀 masih kurang, kata Pak Ṣāliḥ.',
  'Kepala Dinas: Anggaran dialihkan untuk banjir 🌊🌊 tahun ini.',
  'Pewawancara: Bagaimana koordinasi dengan Bappeda?',
  // A decomposed é (e + U+0301) and a flag made of two regional indicators.
  'Kepala Dinas: Rapat koordinasi rutin di cafe\u0301 🇮🇩 setiap bulan.',
];

export const WAWANCARA_SIDECAR = `version: 1
transcript: wawancara.txt
attributes:
  agency: Dinas Kominfo Kabupaten Hulu Sungai Tengah
  informant: Kepala Dinas
  role: kepala
  date: 2022-01-07
  source: interview
  wilayah: Barabai
codes:
  - id: k3x9a2mq
    lines: [2, 2]
    code: jones/organization/apparatus-resources
    polarity: inhibiting
    factor: Tenaga ahli TI masih kurang
    quote: "Pegawai yang paham TI 😀 masih kurang, kata Pak Ṣāliḥ."
    memo: "Dikonfirmasi oleh operator; lihat juga catatan observasi."
    coder: rina
  - id: b7c2d9ee
    lines: [2, 3]
    code: jones/application
    polarity: inhibiting
    factor: Anggaran dialihkan ke banjir
    quote: "Pegawai yang paham TI 😀 masih kurang, kata Pak Ṣāliḥ. Anggaran dialihkan untuk b"
    coder: budi
  - id: p7q2m4zz
    lines: [5, 5]
    code: jones/organization/coordination
    polarity: supporting
    factor: ""
    quote: "Rapat koordinasi rutin di cafe\u0301 🇮🇩 setiap bulan."
    coder: rina
`;

export const OBSERVASI = `---
agency: Bappeda Kabupaten Hulu Sungai Tengah
---
Catatan: ruang server tidak ber-AC.
Operator menunjukkan jaringan putus dua kali.
`;

export const OBSERVASI_SIDECAR = `version: 1
transcript: observasi.md
attributes:
  source: observation
codes:
  - id: o1b2s3v4
    lines: [5, 5]
    code: jones/organization/facilities
    polarity: inhibiting
    factor: Jaringan tidak stabil
    quote: "Operator menunjukkan jaringan putus dua kali."
    coder: rina
`;

const FACILITIES_CODEBOOK = SMALL_CODEBOOK.replace(
  '          - id: apparatus-resources',
  '          - id: facilities\n            label: {en: Facilities and ICT, id: Sarana dan prasarana TIK}\n          - id: apparatus-resources',
);

export async function unicodeStudy(): Promise<TempStudy> {
  const crlf = '\ufeff' + WAWANCARA_LINES.join('\r\n') + '\r\n';
  return TempStudy.create({
    'codebook.yaml': FACILITIES_CODEBOOK,
    'transcripts/dinas/wawancara.txt': new TextEncoder().encode(crlf),
    'transcripts/dinas/wawancara.txt.codes.yaml': WAWANCARA_SIDECAR,
    'transcripts/bappeda/observasi.md': OBSERVASI,
    'transcripts/bappeda/observasi.md.codes.yaml': OBSERVASI_SIDECAR,
  });
}

export async function loadAll(root: string): Promise<Study> {
  return loadStudy(createFsStudyReader(root), { transcripts: 'all' });
}
