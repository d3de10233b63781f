/**
 * Shared pieces of the reliability tests: a study held in memory (as the core reads it
 * through a StudyReader), transcript lines that trouble anchoring (repeats, near
 * repeats, speaker labels, timestamps, notes, hostile text), and the check that every
 * code is either on its text or reported where the user sees it.
 */
import { strict as assert } from 'node:assert';
import { sitsOnQuote } from '../../src/core/anchoring';
import { checkIntegrity } from '../../src/core/study/integrity';
import { readConflictRecords, stableJson } from '../../src/core/merge';
import { parseSidecar, type SidecarParseOk } from '../../src/core/sidecar';
import type { CodeEntry } from '../../src/core/sidecar/model';
import { parseCodebook, type Codebook } from '../../src/core/codebook/codebook';
import { loadRecord, type StudyReader } from '../../src/core/study/study';
import { lineBodies, parseTranscript } from '../../src/core/transcript/transcript';
import { validateRecordCodes } from '../../src/core/study/validate';
import { seededRandom } from '../../src/core/text/seeded-random';

/** How many generated cases a property runs: FC_RUNS (total over a file) or RELIABILITY_LARGE=1 for ten times the default. */
export function runs(defaultTotal: number, share = 1): number {
  const fromEnv = Number(process.env['FC_RUNS']);
  const total = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : process.env['RELIABILITY_LARGE'] === '1' ? defaultTotal * 10 : defaultTotal;
  return Math.max(1, Math.round(total * share));
}

/** `n`, or ten times `n` with RELIABILITY_LARGE=1: the size of the other reliability tests. */
export function scaled(n: number): number {
  return process.env['RELIABILITY_LARGE'] === '1' ? n * 10 : n;
}

export const CODE_PATHS = ['jones/organization', 'jones/organization/coordination', 'jones/interpretation', 'jones/application'] as const;
export const POLARITIES = ['supporting', 'inhibiting', 'effort', 'neutral'] as const;
export const FACTORS = ['Anggaran terbatas', 'Rapat rutin', 'Faktor: "kutip" # bukan komentar', '[klik](command:workbench.action.quit)', 'Pelatihan 😅'] as const;
export const CODERS = ['rina', 'budi'] as const;

export const CODEBOOK = `version: 1
frameworks:
  - id: jones
    label: {en: "Charles O. Jones", id: "Charles O. Jones"}
    dimensions:
      - id: organization
        label: {en: Organization, id: Organisasi}
        indicators:
          - id: coordination
            label: {en: Coordination between parties, id: Koordinasi antar pihak}
      - id: interpretation
        label: {en: Interpretation, id: Interpretasi}
      - id: application
        label: {en: Application, id: Aplikasi}
`;

let parsedCodebook: Codebook | undefined;
function codebook(): Codebook {
  parsedCodebook ??= parseCodebook(CODEBOOK, 'codebook.yaml').codebook;
  assert.ok(parsedCodebook !== undefined, 'the test codebook reads');
  return parsedCodebook;
}

/** Lines of an interview: repeated and similar ones on purpose, so that quotes are found in more than one place. */
export const LINE_POOL = [
  'Pewawancara: Bagaimana koordinasi antar bidang?',
  'Kepala Dinas: Koordinasi antar bidang belum jalan.',
  'Kepala Dinas: [00:01:02] Anggaran kami terbatas.',
  'Sekretaris: Anggaran kami sangat terbatas.',
  '**Operator:** Server sering mati [tertawa].',
  '',
  'Catatan: wawancara dihentikan sebentar.',
  'Kepala Dinas: Ya.',
  '# Bagian 2',
  'Sekretaris: Tidak ada pelatihan untuk operator SIMPEG, jadi data pegawai sering terlambat dimasukkan ke sistem dan laporan bulanan tertunda.',
  'Budi: [klik](command:workbench.action.quit) <script>alert(1)</script> \u001b[31mmerah\u001b[0m',
  'Ani: Kami sudah mengajukan tambahan tenaga ahli TI.',
] as const;

/** The ids a session makes depend only on the seed. */
export const seeded = seededRandom;

export function bodiesOf(text: string): string[] {
  return lineBodies(parseTranscript(text, '').transcript);
}

/** A study as files in memory; paths are study-relative and '/'-separated. */
export class MemoryStudy implements StudyReader {
  readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  text(path: string): string | undefined {
    const bytes = this.files.get(path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  listFiles(): Promise<string[]> {
    return Promise.resolve([...this.files.keys()].sort());
  }

  readFile(path: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.files.get(path));
  }
}

export function parseOk(text: string, file: string): SidecarParseOk {
  const parsed = parseSidecar(text, file);
  assert.equal(parsed.status, 'ok', `${file} does not read as a sidecar: ${JSON.stringify(parsed.problems)}\n${text}`);
  return parsed as SidecarParseOk;
}

/** What a three-way merge by code id keeps (docs/merging.md): everything either side has, but what one side deleted and the other left alone. */
export function expectedMergeIds(base: string | undefined, ours: string, theirs: string, file: string): Set<string> {
  const read = (text: string) => {
    const data = parseOk(text, file).data;
    const records = readConflictRecords(text, file).records;
    return { codes: new Map(data.codes.map((code) => [code.id, code])), records: records.codes };
  };
  const o = read(ours);
  const t = read(theirs);
  const b = base === undefined || base.trim() === '' ? undefined : read(base);
  const same = (x: CodeEntry | undefined, y: CodeEntry | undefined): boolean => stableJson(fields(x)) === stableJson(fields(y));
  const ids = new Set<string>();
  for (const id of new Set([...o.codes.keys(), ...t.codes.keys()])) {
    const inOurs = o.codes.get(id);
    const inTheirs = t.codes.get(id);
    if (inOurs !== undefined && inTheirs !== undefined) ids.add(id);
    else if (b === undefined || !b.codes.has(id)) ids.add(id);
    else {
      const present = inOurs ?? inTheirs;
      const record = inOurs !== undefined ? o.records.get(id) : t.records.get(id);
      if (!same(b.codes.get(id), present) || stableJson(record ?? null) !== stableJson(b.records.get(id) ?? null)) ids.add(id);
    }
  }
  return ids;
}

function fields(code: CodeEntry | undefined): unknown {
  if (code === undefined) return null;
  return { lines: code.lines, quote: code.quote, code: code.code, polarity: code.polarity, factor: code.factor, memo: code.memo ?? null, coder: code.coder };
}

export interface StudyCheck {
  codes: number;
  onQuote: number;
  reported: number;
  /** Codes without a quote on lines that hold text: re-anchoring leaves them in place, check-integrity warns. */
  unverifiable: number;
}

/**
 * The invariant of the whole pipeline, on the study as it is on disk: every sidecar
 * reads; its code ids are exactly `expected` (nothing lost, nothing invented); every code
 * either sits on its quote or `validate` reports it as not on its quote or an orphan
 * (so the user sees it) — and `check-integrity` reports exactly the codes that are not
 * on their quote. `integrity: false` skips the last, slower check.
 */
export async function checkStudy(
  study: MemoryStudy,
  expected: ReadonlyMap<string, ReadonlySet<string>>,
  step: string,
  options: { integrity?: boolean } = {},
): Promise<StudyCheck> {
  // The codebook never changes here: read once, and each sidecar with its transcript as the study index does.
  const records = await Promise.all([...expected.keys()].filter((path) => study.files.has(path)).map((path) => loadRecord(study, path, 'all')));
  const problems = records.flatMap((record) => validateRecordCodes(record, codebook()));
  const loaded = { records };
  const result: StudyCheck = { codes: 0, onQuote: 0, reported: 0, unverifiable: 0 };
  const notOnQuote = new Set<string>();
  const withoutQuote = new Set<string>();
  for (const [sidecarPath, ids] of expected) {
    const record = loaded.records.find((candidate) => candidate.sidecarPath === sidecarPath);
    if (record === undefined) {
      assert.equal(ids.size, 0, `${step}: ${sidecarPath} is gone with ${[...ids].join(', ')} in it`);
      continue;
    }
    assert.equal(record.sidecar.status, 'ok', `${step}: ${sidecarPath} is broken: ${JSON.stringify(record.problems)}`);
    if (record.sidecar.status !== 'ok') continue;
    const codes = record.sidecar.data.codes;
    assert.deepEqual(codes.map((code) => code.id).sort(), [...ids].sort(), `${step}: the codes of ${sidecarPath}\n${study.text(sidecarPath)}`);
    const bodies = record.transcript?.bodies;
    assert.ok(bodies !== undefined, `${step}: the transcript of ${sidecarPath} reads`);
    for (const code of codes) {
      result.codes++;
      const anchoring = problems.filter((found) => found.codeId === code.id && found.file === sidecarPath && /not on its quote|orphan/u.test(found.message));
      if (sitsOnQuote(bodies, code)) {
        result.onQuote++;
        assert.deepEqual(anchoring, [], `${step}: ${code.id} sits on its quote but is reported`);
      } else if (code.quote === '' && code.lines[1] <= bodies.length) {
        // A code without a quote (coded on blank lines, or from another tool) cannot be searched
        // for: re-anchoring leaves it in place (docs/anchoring.md) and check-integrity warns.
        result.unverifiable++;
        withoutQuote.add(`${sidecarPath}#${code.id}`);
      } else {
        result.reported++;
        notOnQuote.add(`${sidecarPath}#${code.id}`);
        assert.equal(anchoring.length, 1, `${step}: ${code.id} at ${code.lines} is not on its quote "${code.quote}" and validate does not say so\n${bodies.join('\n')}`);
        assert.equal(anchoring[0]?.severity, 'error');
      }
    }
  }
  if (options.integrity !== false) {
    const integrity = await checkIntegrity(study);
    const misplaced = integrity.problems.filter((found) => found.codeId !== undefined && /^(?:the quote|lines \d)/u.test(found.message));
    const flagged = new Set(misplaced.map((found) => `${found.file}#${found.codeId}`));
    assert.deepEqual([...flagged].sort(), [...notOnQuote].sort(), `${step}: check-integrity flags exactly the codes not on their quote`);
    const warned = new Set(integrity.problems.filter((found) => found.codeId !== undefined && /has no quote/u.test(found.message)).map((found) => `${found.file}#${found.codeId}`));
    assert.deepEqual([...warned].sort(), [...withoutQuote].sort(), `${step}: check-integrity warns about the codes without a quote whose lines hold text`);
  }
  return result;
}
