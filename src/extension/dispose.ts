/**
 * One base for the extension's classes that own listeners, watchers and emitters, instead
 * of a hand-rolled `disposables` array and `disposed` flag in each (the pattern of
 * microsoft/vscode's markdown-language-features `util/dispose.ts`). What is registered
 * after disposal is disposed at once: a watcher created when an awaited activation
 * resolves after the extension closed must not outlive it. No vscode import, so mocha
 * tests it (test/unit/dispose.test.ts); a vscode.Disposable is such a thing.
 */
export interface DisposableLike {
  dispose(): unknown;
}

export abstract class Disposable {
  private disposedAlready = false;
  private readonly owned: DisposableLike[] = [];

  /** Keeps `value` to dispose with this object; after disposal, disposes it at once. Returns it. */
  protected register<T extends DisposableLike>(value: T): T {
    if (this.disposedAlready) value.dispose();
    else this.owned.push(value);
    return value;
  }

  /** Registers each of `values` (see register). */
  protected registerAll(...values: DisposableLike[]): void {
    for (const value of values) this.register(value);
  }

  protected get isDisposed(): boolean {
    return this.disposedAlready;
  }

  /**
   * Disposes what was registered, in the order it was registered, once. One that throws
   * does not keep the rest alive: all are disposed, then the first error is thrown.
   */
  dispose(): void {
    if (this.disposedAlready) return;
    this.disposedAlready = true;
    const errors: unknown[] = [];
    for (const value of this.owned.splice(0)) {
      try {
        value.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
