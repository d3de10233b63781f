/**
 * The diagnostics' bookkeeping: problems kept per source (a sidecar, a codebook) so one
 * changed sidecar costs one sidecar. After any sequence of changes, each file shows the
 * problems all its sources say now, and every file whose problems changed is named.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ProblemsByFile } from '../../src/extension/problems-by-file';

const FILES = ['a.txt', 'a.txt.codes.yaml', 'b.txt.codes.yaml', 'codebook.yaml'];
const SOURCES = ['codebook', 'a', 'b'];

const problems = fc
  .array(fc.tuple(fc.constantFrom(...FILES), fc.array(fc.constantFrom('error 1', 'error 2', 'warning'), { maxLength: 3 })), { maxLength: 3 })
  .map((entries) => new Map(entries));

describe('problems kept per source', () => {
  it('shows on each file what its sources say now, and names every file that changed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...SOURCES), problems), { maxLength: 15 }), (steps) => {
        const kept = new ProblemsByFile<string>();
        const truth = new Map<string, Map<string, string[]>>();
        const expected = (file: string) => SOURCES.flatMap((source) => truth.get(source)?.get(file) ?? []).sort();
        for (const [source, said] of steps) {
          const before = FILES.map((file) => kept.of(file).sort());
          const named = kept.set(source, said);
          truth.set(source, said);
          FILES.forEach((file, index) => {
            const now = kept.of(file).sort();
            assert.deepEqual(now, expected(file), file);
            if (JSON.stringify(now) !== JSON.stringify(before[index])) assert.ok(named.includes(file), `${file} changed but was not named`);
          });
          assert.deepEqual(kept.sources().sort(), SOURCES.filter((s) => [...(truth.get(s)?.values() ?? [])].some((items) => items.length > 0)).sort());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a file\'s problems from one source when another source that shares the file changes', () => {
    const kept = new ProblemsByFile<string>();
    kept.set('codebook', new Map([['shared.yaml', ['from the codebook']]]));
    kept.set('a', new Map([['shared.yaml', ['from a']], ['a.txt', ['transcript']]]));
    assert.deepEqual(kept.set('a', new Map()).sort(), ['a.txt', 'shared.yaml']);
    assert.deepEqual(kept.of('shared.yaml'), ['from the codebook']);
    assert.deepEqual(kept.of('a.txt'), []);
    assert.deepEqual(kept.sources(), ['codebook']);
  });
});
