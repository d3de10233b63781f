/**
 * A study opened again parses only the sidecars whose bytes changed (issue 15,
 * core/study/parse-cache.ts): what it takes from the cache must be what parsing the same
 * bytes gives, and a changed byte anywhere must parse again.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { loadRecord, StudyParseCache, type StudyReader } from '../../src/core/study';
import type { SidecarParse } from '../../src/core/sidecar';

const SIDECAR = (factor: string) =>
  `version: 1\ntranscript: kaban.txt\ncodes:\n  - id: c1\n    lines: [1, 1]\n    code: jones/organization\n    polarity: inhibiting\n    factor: ${factor}\n    quote: "Anggaran dialihkan."\n    coder: rina\n`;

function readerOf(files: Record<string, string>, cache: StudyParseCache): StudyReader {
  return {
    listFiles: async () => Object.keys(files),
    readFile: async (path) => (files[path] === undefined ? undefined : new TextEncoder().encode(files[path])),
    parsedBefore: cache,
  };
}

describe("sidecars and transcripts parsed before, by content and version (issue 15)", () => {
  it('a study read again takes unchanged sidecars from the cache and parses the changed one', async () => {
    const cache = new StudyParseCache();
    const files = { 'kaban.txt': 'Rina: Anggaran dialihkan.\n', 'kaban.txt.codes.yaml': SIDECAR('budget moved') };
    const first = await loadRecord(readerOf(files, cache), 'kaban.txt.codes.yaml', 'all');
    const again = await loadRecord(readerOf(files, cache), 'kaban.txt.codes.yaml', 'all');
    assert.equal(again.sidecar, first.sidecar);
    assert.deepEqual(cache.counts, { reused: 1, parsed: 1, unread: 0 });
    files['kaban.txt.codes.yaml'] = SIDECAR('budget moved away');
    const changed = await loadRecord(readerOf(files, cache), 'kaban.txt.codes.yaml', 'all');
    assert.equal(changed.sidecar.status === 'ok' && changed.sidecar.data.codes[0]?.factor, 'budget moved away');
    assert.deepEqual(cache.counts, { reused: 1, parsed: 2, unread: 0 });
  });

  it('with versions from the file system, a sidecar or transcript whose version has not changed is not read again; one whose version changed is', async () => {
    const cache = new StudyParseCache();
    const files: Record<string, string> = { 'kaban.txt': 'Rina: Anggaran dialihkan.\n', 'kaban.txt.codes.yaml': SIDECAR('budget moved') };
    const versionNow: Record<string, string | undefined> = { 'kaban.txt': '100:26', 'kaban.txt.codes.yaml': '100:240' };
    const reads: string[] = [];
    const seen = new Map<string, string | undefined>();
    const reader = (): StudyReader => ({
      listFiles: async () => Object.keys(files),
      readFile: async (path) => {
        reads.push(path);
        seen.set(path, versionNow[path]);
        return new TextEncoder().encode(files[path]);
      },
      parsedBefore: cache,
      version: async (path) => versionNow[path],
      versionOfLastRead: (path) => seen.get(path),
    });
    const first = await loadRecord(reader(), 'kaban.txt.codes.yaml', 'all');
    assert.deepEqual([...reads].sort(), ['kaban.txt', 'kaban.txt.codes.yaml'], 'both read (at once)');
    reads.length = 0;
    const again = await loadRecord(reader(), 'kaban.txt.codes.yaml', 'all');
    assert.equal(again.sidecar, first.sidecar);
    assert.deepEqual(reads, [], 'neither the sidecar nor its transcript was read again');
    assert.deepEqual(again.transcript, first.transcript);
    files['kaban.txt.codes.yaml'] = SIDECAR('budget moved away');
    versionNow['kaban.txt.codes.yaml'] = '200:245';
    reads.length = 0;
    files['kaban.txt'] = 'Rina: Anggaran dialihkan lagi.\n';
    versionNow['kaban.txt'] = '200:32';
    const changed = await loadRecord(reader(), 'kaban.txt.codes.yaml', 'all');
    assert.deepEqual([...reads].sort(), ['kaban.txt', 'kaban.txt.codes.yaml'], 'both read (at once)');
    assert.equal(changed.transcript?.bodies[0], 'Anggaran dialihkan lagi.');
    assert.equal(changed.sidecar.status === 'ok' && changed.sidecar.data.codes[0]?.factor, 'budget moved away');
    // A file system that gives no time gives no version: the sidecar is read every time.
    versionNow['kaban.txt.codes.yaml'] = undefined;
    reads.length = 0;
    await loadRecord(reader(), 'kaban.txt.codes.yaml', 'all');
    await loadRecord(reader(), 'kaban.txt.codes.yaml', 'all');
    assert.equal((reads as string[]).filter((path) => path.endsWith('.codes.yaml')).length, 2);
    // Unread: the sidecar once; the transcript on the second load and on the last two.
    assert.deepEqual(cache.counts, { reused: 2, parsed: 2, unread: 4 });
  });

  it('reuses a parse exactly when the bytes at that path are the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), fc.constantFrom('a.codes.yaml', 'b.codes.yaml'), (before, after, path) => {
        const cache = new StudyParseCache();
        const parse = (): SidecarParse => ({ status: 'broken', reason: 'invalid', problems: [] });
        const first = cache.parseOf('a.codes.yaml', before, parse);
        const second = cache.parseOf(path, after, parse);
        const same = path === 'a.codes.yaml' && before.length === after.length && before.every((byte, index) => byte === after[index]);
        assert.equal(second === first, same);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart bytes that differ in one place or by their order', () => {
    const cache = new StudyParseCache();
    const parse = (): SidecarParse => ({ status: 'broken', reason: 'invalid', problems: [] });
    const first = cache.parseOf('a', new Uint8Array([1, 2, 3, 4]), parse);
    assert.notEqual(cache.parseOf('a', new Uint8Array([2, 1, 3, 4]), parse), first);
    const third = cache.parseOf('a', new Uint8Array([0, 0, 0, 0]), parse);
    assert.notEqual(cache.parseOf('a', new Uint8Array([0, 0, 0, 0, 0]), parse), third);
  });
});
