/**
 * Reads of one file that may overlap (a file event, the extension's own reload after a
 * write, another event) must not finish out of order: a slow read of the old content
 * landing after a quick read of the new one would leave a view showing the old file.
 *
 * `read(key, load, apply)` applies a result only when no newer read of the same key was
 * started meanwhile; a superseded read instead waits for the newest one, so whoever
 * awaits any read gets back only once the newest content is in place.
 */
export class NewestRead {
  private readonly newest = new Map<string, { ticket: number; done: Promise<void> }>();
  private tickets = 0;

  read<T>(key: string, load: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const ticket = ++this.tickets;
    const done = load().then(async (value) => {
      const latest = this.newest.get(key);
      if (latest !== undefined && latest.ticket !== ticket) {
        await latest.done;
        return;
      }
      apply(value);
    });
    this.newest.set(key, { ticket, done });
    return done;
  }

  /** True once any read of `key` was started. */
  started(key: string): boolean {
    return this.newest.has(key);
  }
}
