/**
 * Fuzzing every reader (issue 19, item 5): arbitrary bytes, and mutations (bytes
 * flipped, inserted, deleted, spliced, truncated) of real files — the example study in
 * examples/, the REFI-QDA fixtures in test/fixtures/refi-qda — fed to the sidecar,
 * codebook, memos and transcript readers (through loadStudy and loadMemos, in UTF-8,
 * UTF-8 with BOM, UTF-16 LE/BE and Windows-1252), the .qdpx importer (which reads the
 * project XML, i.e. the QDE/QDC codebook inside it) and the transcript importers (.docx,
 * .vtt, .srt, .txt). For every input:
 * - no exception escapes but the documented refusals, whose message names the file;
 * - every problem reported names the file it is about;
 * - time stays within a bound per megabyte. Measured as a ratio, not a wall-clock
 *   limit: each reader is first timed on its clean seeds (ms per MB, the best of a few
 *   runs, at least 1 ms), and a mutated input may take at most SLOWDOWN times that rate
 *   for its size, plus GRACE_MS for garbage collection and JIT pauses. A quadratic
 *   path on a 1 MB input breaks that by orders of magnitude; a busy machine does not.
 *
 * The default run is small (a few seconds, in the unit suite). A longer one:
 *   FUZZ_RUNS=5000 npx mocha test/unit/security-fuzz.test.ts
 * fast-check prints the seed and the shrunk counterexample of a failure; replay with
 * FUZZ_SEED=<seed>.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { encodeText } from '../../src/core/transcript/encoding';
import { loadMemos } from '../../src/core/study/memos';
import { ImportRefusedError, importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { loadStudy, type StudyReader } from '../../src/core/study/study';
import { importTranscript, TranscriptImportError } from '../../src/core/transcript-import/import-transcript';
import { writeZip } from '../../src/core/zip/zip-writer';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);
const SEED = process.env['FUZZ_SEED'] === undefined ? {} : { seed: Number(process.env['FUZZ_SEED']) };
const SLOWDOWN = 50;
const GRACE_MS = 250;
const ROOT = join(__dirname, '..', '..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const EXAMPLE = join(ROOT, 'examples');
const exampleFiles = new Map(
  filesUnder(EXAMPLE)
    .filter((path) => !path.endsWith('README.md'))
    .map((path) => [relative(EXAMPLE, path).split(sep).join('/'), new Uint8Array(readFileSync(path))] as const),
);
const textSeeds = [...exampleFiles.values()];
const qdpxSeeds = filesUnder(join(ROOT, 'test', 'fixtures', 'refi-qda'))
  .filter((path) => path.endsWith('.qdpx'))
  .map((path) => new Uint8Array(readFileSync(path)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const docxSeed = writeZip([
  { path: '[Content_Types].xml', data: utf8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  {
    path: 'word/document.xml',
    data: utf8(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        '<w:p><w:r><w:t>Pewawancara: Bagaimana koordinasi antar dinas?</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t>Kadis: Rapat bulanan sudah berjalan.</w:t></w:r></w:p></w:body></w:document>',
    ),
  },
]);
const subtitleSeeds = {
  vtt: utf8('WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Kadis>Rapat bulanan sudah berjalan.\n\n00:00:05.000 --> 00:00:07.500\nAnggaran dialihkan.\n'),
  srt: utf8('1\n00:00:01,000 --> 00:00:04,000\nKadis: Rapat bulanan sudah berjalan.\n\n2\n00:00:05,000 --> 00:00:07,500\nAnggaran dialihkan.\n'),
};

/** A seed changed the ways files get damaged: bytes overwritten, inserted, deleted, a slice repeated, the end cut off. */
function mutated(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 200 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  );
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([seed, edits]) => {
    let bytes = [...seed];
    for (const change of edits) {
      const at = bytes.length === 0 ? 0 : change.at % bytes.length;
      if (change.kind === 'set') bytes[at] = change.byte;
      else if (change.kind === 'insert') bytes.splice(at, 0, ...change.bytes);
      else if (change.kind === 'delete') bytes.splice(at, change.length);
      else if (change.kind === 'repeat') bytes.splice(at, 0, ...Array.from({ length: change.times }, () => bytes.slice(at, at + change.length)).flat());
      else bytes = bytes.slice(0, at);
    }
    return Uint8Array.from(bytes);
  });
}

const anyBytes = fc.uint8Array({ maxLength: 4096 });
const reencoded = fc
  .tuple(fc.constantFrom(...textSeeds.map((bytes) => new TextDecoder().decode(bytes))), fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252' as const), fc.constantFrom('lf', 'crlf' as const))
  // eslint-disable-next-line no-control-regex -- Windows-1252 and the rest take Latin-1 text only
  .map(([text, encoding, ending]) => encodeText(text.replace(/[^\u0000-\u00ff]/gu, '?'), encoding, ending));
const textInput = fc.oneof(anyBytes, mutated(textSeeds), reencoded);

/** ms per byte of `read` on clean seeds: the best of three passes. */
function calibrate(seeds: readonly Uint8Array[], read: (bytes: Uint8Array) => unknown): number {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const seed of seeds) {
      try {
        read(seed);
      } catch {
        // A clean seed may be refused (an encoding the importer does not take); only its time matters here.
      }
    }
    best = Math.min(best, performance.now() - start);
  }
  const bytes = seeds.reduce((sum, seed) => sum + seed.length, 0);
  return Math.max(best, 1) / Math.max(bytes, 1);
}

/**
 * An input over the bound is read twice more and judged by its best time: a pathological
 * input is slow every time, while a garbage collection or another process taking the core
 * (CI machines are shared) slows one read only.
 */
async function assertWithinBound(name: string, msPerByte: number, bytes: number, elapsed: number, again: () => unknown): Promise<void> {
  const bound = SLOWDOWN * msPerByte * Math.max(bytes, 1024) + GRACE_MS;
  let best = elapsed;
  for (let retry = 0; retry < 2 && best > bound; retry++) {
    const start = performance.now();
    await again();
    best = Math.min(best, performance.now() - start);
  }
  assert.ok(best <= bound, `${name}: ${best.toFixed(0)} ms for ${bytes} bytes (best of 3), over the bound of ${bound.toFixed(0)} ms (${SLOWDOWN}× the clean rate)`);
}

/** Runs `read`, letting through only the refusals the reader documents, whose message must name the file. */
function readOrRefusal<T>(file: string, read: () => T, refusals: readonly (abstract new (...args: never[]) => Error)[]): T | undefined {
  try {
    return read();
  } catch (error) {
    assert.ok(refusals.some((kind) => error instanceof kind), `an exception escaped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    assert.ok((error as Error).message.includes(file), `the refusal names ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function memoryReader(files: ReadonlyMap<string, Uint8Array>): StudyReader {
  return { listFiles: async () => [...files.keys()].sort(), readFile: async (path) => files.get(path) };
}

describe('security: fuzzing every reader with arbitrary and damaged files', function () {
  this.timeout(Math.max(60_000, RUNS * 2_000));

  it('the study readers (sidecar, codebook, memos, transcript in every encoding) never throw, and every problem names its file', async () => {
    const paths = [...exampleFiles.keys()];
    const slots = ['codebook.yaml', 'memos.yaml', ...paths.filter((path) => path !== 'codebook.yaml')];
    const msPerByte = calibrate(textSeeds, (bytes) => new TextDecoder().decode(bytes)) * 20;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...slots), textInput, async (slot, bytes) => {
        const files = new Map<string, Uint8Array>(exampleFiles);
        files.set(slot, bytes);
        const start = performance.now();
        const study = await loadStudy(memoryReader(files), { transcripts: 'all' });
        const memos = await loadMemos(memoryReader(files));
        await assertWithinBound(slot, msPerByte, bytes.length, performance.now() - start, async () => {
          await loadStudy(memoryReader(files), { transcripts: 'all' });
          await loadMemos(memoryReader(files));
        });
        const known = new Set([...files.keys(), ...study.records.map((record) => record.transcriptPath)]);
        for (const found of [...study.codebook.problems, ...study.records.flatMap((record) => record.problems), ...memos.problems]) {
          assert.ok(known.has(found.file), `a problem names a file of the study: ${found.file}: ${found.message}`);
          assert.ok(found.line >= 1 && found.column >= 1, `${found.file}:${found.line}:${found.column}`);
        }
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  it('the .qdpx importer (project XML, codebook, sources) refuses damaged archives by name and never throws otherwise', async () => {
    const msPerByte = calibrate(qdpxSeeds, (bytes) => importQdpx(bytes, 'project.qdpx'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBytes, mutated(qdpxSeeds)), async (bytes) => {
        const start = performance.now();
        const read = () => readOrRefusal('project.qdpx', () => importQdpx(bytes, 'project.qdpx'), [ImportRefusedError]);
        const result = read();
        await assertWithinBound('project.qdpx', msPerByte, bytes.length, performance.now() - start, read);
        for (const notice of result?.notices ?? []) assert.ok(notice.file !== '', notice.message);
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  for (const [name, seeds] of [
    ['interview.docx', [docxSeed]],
    ['interview.vtt', [subtitleSeeds.vtt]],
    ['interview.srt', [subtitleSeeds.srt]],
    ['interview.txt', textSeeds.filter((_, index) => [...exampleFiles.keys()][index]?.endsWith('.txt'))],
  ] as const) {
    it(`the transcript importer for ${name.slice(name.lastIndexOf('.'))} refuses damaged files by name and never throws otherwise`, async () => {
      const msPerByte = calibrate(seeds, (bytes) => importTranscript(name, bytes, {}));
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyBytes, mutated(seeds)), async (bytes) => {
          const start = performance.now();
          const read = () => readOrRefusal(name, () => importTranscript(name, bytes, { agency: 'Diskominfo' }), [TranscriptImportError]);
          read();
          await assertWithinBound(name, msPerByte, bytes.length, performance.now() - start, read);
        }),
        { numRuns: RUNS, ...SEED },
      );
    });
  }
});
