import * as assert from 'node:assert/strict';
import { NewestRead } from '../../src/extension/newest-read';

/** A promise the test settles by hand, to finish reads in any order. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('NewestRead: overlapping reads of one file', () => {
  it('keeps the newest read when an older one finishes after it', async () => {
    const reads = new NewestRead();
    const applied: string[] = [];
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = reads.read('a.codes.yaml', () => older.promise, (value) => applied.push(value));
    const second = reads.read('a.codes.yaml', () => newer.promise, (value) => applied.push(value));
    newer.resolve('new');
    await second;
    older.resolve('old');
    await first;
    assert.deepEqual(applied, ['new']);
  });

  it('returns from a superseded read only once the newest one is applied', async () => {
    const reads = new NewestRead();
    const applied: string[] = [];
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = reads.read('a.codes.yaml', () => older.promise, (value) => applied.push(value));
    void reads.read('a.codes.yaml', () => newer.promise, (value) => applied.push(value));
    older.resolve('old');
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(firstDone, false, 'the older read waits for the newer one');
    assert.deepEqual(applied, []);
    newer.resolve('new');
    await first;
    assert.deepEqual(applied, ['new']);
  });

  it('applies reads of different files independently, and in turn when they do not overlap', async () => {
    const reads = new NewestRead();
    const applied: string[] = [];
    await reads.read('a', async () => 'a1', (value) => applied.push(value));
    await reads.read('b', async () => 'b1', (value) => applied.push(value));
    await reads.read('a', async () => 'a2', (value) => applied.push(value));
    assert.deepEqual(applied, ['a1', 'b1', 'a2']);
    assert.equal(reads.started('a'), true);
    assert.equal(reads.started('c'), false);
  });
});
