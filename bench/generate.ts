/**
 * Generated studies for the benchmarks: transcripts of Indonesian-ish interview turns
 * with timestamps and speaker labels, and canonical sidecars (written by the tool's own
 * writer) coding them against the example codebook. Everything follows from the seed, so
 * two runs of `npm run bench` measure the same bytes.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync, renameSync } from 'node:fs';
import path from 'node:path';
import { newCodeId, serializeSidecar } from '../src/core/sidecar';
import type { CodeEntry, SidecarData } from '../src/core/sidecar/model';
import { quoteOfLines } from '../src/core/transcript/quote';
import { seededRandom } from '../src/core/text/seeded-random';
import { lineBodies, parseTranscript } from '../src/core/transcript/transcript';

export interface StudySpec {
  seed: number;
  transcripts: number;
  linesPerTranscript: number;
  codesPerTranscript: number;
  /** Agencies the transcripts are spread over. */
  agencies: number;
}

/** Bumped whenever the generator's output changes, so cached studies are rebuilt. */
export const GENERATOR_VERSION = 3;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const AGENCY_KINDS = ['BKPSDM', 'Diskominfo', 'Dinas Kesehatan', 'Dinas Pendidikan', 'Bappeda', 'DPMPTSP', 'Dukcapil', 'Dinas Sosial', 'Inspektorat', 'BPKAD'];
const REGIONS = ['Kabupaten Tanah Laut Selatan', 'Kota Batu Bidadari', 'Kabupaten Sungai Jernih', 'Kota Pelabuhan Baru', 'Kabupaten Lembah Hijau'];
const INFORMANTS = ['Kepala Badan', 'Kepala Dinas', 'Sekretaris', 'Kabid Aptika', 'Kabid Mutasi', 'Kasubbag Umum', 'Staf Operator', 'Programmer', 'Camat', 'Lurah', 'Operator Kecamatan', 'Warga'];
const ROLES = ['Informan kunci', 'Informan utama', 'Informan pendukung'];
const SOURCES = ['interview', 'interview', 'interview', 'observation', 'document', 'focus-group'] as const;
const CODERS = ['rina', 'budi', 'sari', 'dewi'];
const POLARITIES = ['supporting', 'supporting', 'inhibiting', 'inhibiting', 'effort', 'neutral'];

/** The example codebook's paths (examples/codebook.yaml, copied into every study). */
const CODE_PATHS = [
  'jones/organization',
  'jones/organization/apparatus-resources',
  'jones/organization/facilities-ict',
  'jones/organization/communication',
  'jones/organization/coordination',
  'jones/interpretation',
  'jones/interpretation/socialization',
  'jones/interpretation/rule-interpretation',
  'jones/interpretation/procedure-clarity',
  'jones/application',
  'jones/application/leadership-commitment',
  'jones/application/supervision',
  'jones/application/budget-priority',
  'jones/application/evaluation',
];

const SUBJECTS = ['Kami', 'Pegawai', 'Operator SIMPEG', 'Pimpinan', 'Bidang kami', 'Pemerintah daerah', 'Tim teknis', 'Staf di kecamatan', 'Masyarakat', 'Diskominfo', 'Kepala OPD', 'Para camat'];
const VERBS = ['sudah melaksanakan', 'belum memahami', 'sering mengeluhkan', 'terus mendorong', 'mulai menggunakan', 'masih kesulitan dengan', 'rutin memeriksa', 'ikut menyosialisasikan', 'memprioritaskan', 'menunda', 'mengevaluasi', 'mendukung penuh'];
const OBJECTS = ['pemutakhiran data pegawai', 'aplikasi SIMPEG', 'jaringan internet di kantor', 'anggaran pengembangan sistem', 'bimbingan teknis operator', 'surat edaran bupati', 'prosedur verifikasi berkas', 'server di ruang data', 'laporan bulanan', 'Perbup Nomor 17 Tahun 2021', 'layanan helpdesk', 'koordinasi lintas bidang', 'kelengkapan dokumen', 'pelatihan aparatur'];
const TAILS = ['setiap bulan', 'sejak tahun lalu', 'karena keterbatasan anggaran', 'sesuai arahan pimpinan', 'walaupun jaringannya sering putus', 'supaya datanya lengkap', 'di setiap kecamatan', 'dengan bantuan Diskominfo', 'tanpa menunggu surat resmi', 'meskipun tenaganya masih kurang', 'agar pelayanan lebih cepat', 'menjelang akhir tahun anggaran'];
const FILLERS = ['Jadi begini,', 'Ya,', 'Memang', 'Sebenarnya', 'Nah,', 'Kalau saya lihat,', 'Terus terang,', 'Intinya', 'Menurut saya', 'Betul,'];
const NOTES = ['[tertawa]', '[jeda]', '[tidak jelas]', '[suara telepon]', '[mengangguk]'];
const QUESTIONS = ['Bagaimana pelaksanaannya selama ini, Pak?', 'Apa kendala utamanya, Bu?', 'Siapa yang bertanggung jawab atas hal itu?', 'Bisa dijelaskan lebih rinci?', 'Lalu bagaimana cara mengatasinya?', 'Apakah sudah ada evaluasi?', 'Bagaimana dukungan pimpinan?', 'Sejak kapan kebijakan itu berlaku?'];
const FACTOR_STEMS = ['Komitmen pimpinan', 'Keterbatasan anggaran', 'Kurangnya tenaga ahli TI', 'Bimtek operator rutin', 'Jaringan internet tidak stabil', 'Sosialisasi lewat surat edaran', 'Perbup sebagai dasar hukum', 'Koordinasi dengan Diskominfo', 'Prosedur verifikasi belum jelas', 'Server sering mati', 'Helpdesk cepat tanggap', 'Kesadaran pegawai rendah', 'Evaluasi bulanan oleh Kepala Badan', 'Anggaran dialihkan', 'Insentif bagi operator', 'Beban kerja operator tinggi', 'Dukungan Kantor Regional BKN', 'Data ganda antar aplikasi'];
const MEMOS = ['Perlu dibandingkan dengan temuan di OPD lain.', 'Bisa juga dibaca sebagai disposisi pelaksana (Edward III).', 'Informan ragu-ragu ketika menjawab; cek dengan dokumen.', 'Konsisten dengan catatan observasi.'];

function sentence(random: () => number): string {
  const parts = [pick(random, SUBJECTS), pick(random, VERBS), pick(random, OBJECTS)];
  if (random() < 0.7) parts.push(pick(random, TAILS));
  let text = parts.join(' ') + '.';
  if (random() < 0.4) text = `${pick(random, FILLERS)} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return text;
}

function timestamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `[${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

export interface GeneratedTranscript {
  text: string;
  bodies: string[];
}

/**
 * A transcript of `lineCount` lines: an optional front matter, a title line, a blank
 * line, then turns `[hh:mm:ss] Speaker: text`, interviewer and informants in turn, with
 * an occasional blank line or non-verbal note.
 */
export function generateTranscript(random: () => number, lineCount: number, options: { informants: string[]; agency?: string }): GeneratedTranscript {
  const lines: string[] = [];
  if (options.agency !== undefined) {
    lines.push('---', `agency: ${options.agency}`, `informant: ${options.informants[0] ?? 'Informan'}`, '---');
  }
  lines.push(`Wawancara dengan ${options.informants.join(', ')}, ${between(random, 1, 28)} Maret 2023.`, '');
  let seconds = between(random, 0, 30);
  let speaker = 0;
  while (lines.length < lineCount) {
    if (random() < 0.05) {
      lines.push('');
      continue;
    }
    seconds += between(random, 4, 60);
    const isInterviewer = speaker % 2 === 0 && random() < 0.5;
    const name = isInterviewer ? 'Pewawancara' : pick(random, options.informants);
    speaker++;
    let body = isInterviewer ? pick(random, QUESTIONS) : Array.from({ length: between(random, 1, 3) }, () => sentence(random)).join(' ');
    if (!isInterviewer && random() < 0.08) body += ` ${pick(random, NOTES)}`;
    lines.push(`${timestamp(seconds)} ${name}: ${body}`);
  }
  const text = lines.slice(0, lineCount).join('\n') + '\n';
  return { text, bodies: lineBodies(parseTranscript(text, '').transcript) };
}

/** `count` codes on the transcript's turns, with quotes taken as the tool takes them. */
export function generateCodes(random: () => number, bodies: readonly string[], count: number): CodeEntry[] {
  const codeable = bodies.flatMap((body, index) => (body === '' ? [] : [index + 1]));
  const ids = new Set<string>();
  const codes: CodeEntry[] = [];
  for (let n = 0; n < count && codeable.length > 0; n++) {
    const first = pick(random, codeable);
    const last = Math.min(bodies.length, first + (random() < 0.6 ? 0 : between(random, 1, 4)));
    const id = newCodeId(ids, random);
    ids.add(id);
    const path = pick(random, CODE_PATHS);
    const factorStem = pick(random, FACTOR_STEMS);
    // Researchers type factors by hand: the same factor with other case now and then.
    const factor = random() < 0.1 ? factorStem.toLowerCase() : factorStem;
    const code: CodeEntry = {
      id,
      lines: [first, last],
      code: path,
      polarity: pick(random, POLARITIES),
      factor,
      quote: quoteOfLines(bodies, first, last),
      coder: pick(random, CODERS),
    };
    const memoRoll = random();
    if (memoRoll < 0.08) code.memo = pick(random, MEMOS);
    else if (memoRoll < 0.1) code.memo = `${pick(random, MEMOS)}\n${pick(random, MEMOS)}\n`;
    codes.push(code);
  }
  return codes;
}

export interface StudyLayout {
  root: string;
  /** The same sidecars as JSON, for the JSON.parse reference: `<jsonRoot>/<sidecar path>.json`. */
  jsonRoot: string;
  sidecars: string[];
  transcripts: string[];
  bytes: { sidecars: number; transcripts: number; json: number };
  codes: number;
}

const CODEBOOK_SOURCE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'examples', 'codebook.yaml');

function specKey(spec: StudySpec): string {
  return `v${GENERATOR_VERSION}-s${spec.seed}-t${spec.transcripts}-l${spec.linesPerTranscript}-c${spec.codesPerTranscript}-a${spec.agencies}`;
}

/**
 * Writes the study under `baseDir/<spec key>/` (study/ and json/), unless a complete one
 * from the same generator version is already there.
 */
export function ensureStudy(baseDir: string, spec: StudySpec, log: (message: string) => void = () => {}): StudyLayout {
  const dir = path.join(baseDir, specKey(spec));
  const manifestFile = path.join(dir, 'manifest.json');
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, 'utf8')) as StudyLayout;
  const started = Date.now();
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  const root = path.join(building, 'study');
  const jsonRoot = path.join(building, 'json');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'codebook.yaml'), readFileSync(CODEBOOK_SOURCE));
  const random = seededRandom(spec.seed);
  const agencies = Array.from({ length: spec.agencies }, (_, index) => `${AGENCY_KINDS[index % AGENCY_KINDS.length]} ${REGIONS[Math.floor(index / AGENCY_KINDS.length) % REGIONS.length]}${index >= AGENCY_KINDS.length * REGIONS.length ? ` ${index}` : ''}`);
  const layout: StudyLayout = { root: '', jsonRoot: '', sidecars: [], transcripts: [], bytes: { sidecars: 0, transcripts: 0, json: 0 }, codes: 0 };
  for (let n = 0; n < spec.transcripts; n++) {
    const agency = agencies[n % agencies.length] as string;
    const folder = `transcripts/${agency.toLowerCase().replace(/[^a-z0-9]+/gu, '-')}`;
    const source = pick(random, SOURCES);
    const informants = source === 'focus-group' ? [pick(random, INFORMANTS), pick(random, INFORMANTS), pick(random, INFORMANTS)] : [pick(random, INFORMANTS)];
    const name = `${informants[0]?.toLowerCase().replace(/[^a-z0-9]+/gu, '-')}-${String(n + 1).padStart(4, '0')}.txt`;
    // One transcript in twenty names its agency in front matter rather than in the sidecar.
    const agencyInFrontMatter = random() < 0.05;
    const transcript = generateTranscript(random, spec.linesPerTranscript, agencyInFrontMatter ? { informants, agency } : { informants });
    const codes = generateCodes(random, transcript.bodies, spec.codesPerTranscript);
    const attributes: Record<string, string> = {};
    if (!agencyInFrontMatter) attributes['agency'] = agency;
    attributes['informant'] = informants.join(', ');
    attributes['role'] = pick(random, ROLES);
    attributes['date'] = `2023-03-${String(between(random, 1, 28)).padStart(2, '0')}`;
    attributes['source'] = source;
    const data: SidecarData = { version: 1, transcript: name, attributes, codes };
    const sidecarText = serializeSidecar(data);
    const transcriptPath = `${folder}/${name}`;
    const sidecarPath = `${transcriptPath}.codes.yaml`;
    mkdirSync(path.join(root, folder), { recursive: true });
    mkdirSync(path.join(jsonRoot, folder), { recursive: true });
    writeFileSync(path.join(root, transcriptPath), transcript.text);
    writeFileSync(path.join(root, sidecarPath), sidecarText);
    const json = JSON.stringify(data);
    writeFileSync(path.join(jsonRoot, `${sidecarPath}.json`), json);
    layout.sidecars.push(sidecarPath);
    layout.transcripts.push(transcriptPath);
    layout.bytes.sidecars += Buffer.byteLength(sidecarText);
    layout.bytes.transcripts += Buffer.byteLength(transcript.text);
    layout.bytes.json += Buffer.byteLength(json);
    layout.codes += codes.length;
    if ((n + 1) % 100 === 0) log(`generated ${n + 1}/${spec.transcripts} transcripts`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  layout.root = path.join(dir, 'study');
  layout.jsonRoot = path.join(dir, 'json');
  writeFileSync(manifestFile, JSON.stringify(layout));
  log(`study ${specKey(spec)} generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return layout;
}

/** One large transcript and its sidecar, in memory (the editor budgets). */
export function generateLargeTranscript(seed: number, lineCount: number, codeCount: number): { transcriptText: string; sidecarText: string; data: SidecarData } {
  const random = seededRandom(seed);
  const transcript = generateTranscript(random, lineCount, { informants: ['Kepala Badan', 'Kabid Mutasi', 'Staf Operator', 'Camat', 'Lurah'] });
  const codes = generateCodes(random, transcript.bodies, codeCount);
  const data: SidecarData = {
    version: 1,
    transcript: 'diskusi-kelompok.txt',
    attributes: { agency: 'BKPSDM Kabupaten Tanah Laut Selatan', informant: 'Diskusi kelompok terpumpun', date: '2023-03-20', source: 'focus-group' },
    codes,
  };
  return { transcriptText: transcript.text, sidecarText: serializeSidecar(data), data };
}
