/**
 * At most `limit` of the calls given to the returned function run at once; the rest wait
 * their turn, in order. A study's index reads a thousand files at once otherwise, which a
 * remote file system (github.dev) answers with a rate limit (issue 15). Ten lines, so no
 * library: p-limit would bring Node's async_hooks into the web build.
 */
export function atMost(limit: number): <T>(call: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (call) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await call();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
