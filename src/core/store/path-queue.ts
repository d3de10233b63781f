/**
 * Tasks on one file run one after the other, in the order they were asked for: a change
 * on disk reported while a write is under way is taken in after it, never between its
 * read and its write. Tasks on different files do not wait for each other.
 */
export class PathQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(path: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(path) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(path, tail);
    // Forget a file once its last task is done, so the map holds only files in use.
    void tail.then(() => {
      if (this.tails.get(path) === tail) this.tails.delete(path);
    });
    return next;
  }
}
