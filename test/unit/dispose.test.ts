/** The extension's Disposable base (src/extension/dispose.ts): what it owns goes with it, once, even if registered late. */
import { strict as assert } from 'node:assert';
import { Disposable } from '../../src/extension/dispose';

class Owner extends Disposable {
  own<T extends { dispose(): void }>(value: T): T {
    return this.register(value);
  }
  ownAll(...values: Array<{ dispose(): void }>): void {
    this.registerAll(...values);
  }
  get gone(): boolean {
    return this.isDisposed;
  }
}

function tracked(log: string[], name: string, fail = false) {
  return {
    dispose() {
      log.push(name);
      if (fail) throw new Error(`${name} failed`);
    },
  };
}

describe('the Disposable base', () => {
  it('disposes what it registered, in order, once', () => {
    const log: string[] = [];
    const owner = new Owner();
    const first = tracked(log, 'a');
    assert.equal(owner.own(first), first, 'register returns what it was given');
    owner.ownAll(tracked(log, 'b'), tracked(log, 'c'));
    assert.deepEqual(log, []);
    assert.equal(owner.gone, false);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.equal(owner.gone, true);
  });

  it('disposes at once what is registered after disposal', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.own(tracked(log, 'late'));
    assert.deepEqual(log, ['late']);
    owner.dispose();
    assert.deepEqual(log, ['late'], 'not kept to be disposed twice');
  });

  it('disposes the rest when one throws, then throws the first error', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own(tracked(log, 'a', true));
    owner.own(tracked(log, 'b', true));
    owner.own(tracked(log, 'c'));
    assert.throws(() => owner.dispose(), /a failed/u);
    assert.deepEqual(log, ['a', 'b', 'c']);
  });
});
