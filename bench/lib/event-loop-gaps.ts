/**
 * How long the event loop of this thread was held at a time: a 10 ms interval timer that
 * notes the longest wait beyond its period. In the extension host this is how long the
 * editor could not answer (issue 19, item 1: never more than ~50 ms while a study is indexed).
 */
const PERIOD_MS = 10;

export interface EventLoopGaps {
  /** Stops watching; the longest block seen, in ms beyond the timer's period, and how many ticks. */
  stop(): { longestBlockMs: number; ticks: number };
}

export function watchEventLoop(): EventLoopGaps {
  let last = performance.now();
  let longest = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - PERIOD_MS);
    last = now;
    ticks++;
  }, PERIOD_MS);
  return {
    stop() {
      clearInterval(timer);
      // The block still under way when watching stops counts too.
      longest = Math.max(longest, performance.now() - last - PERIOD_MS);
      return { longestBlockMs: Math.max(longest, 0), ticks };
    },
  };
}
