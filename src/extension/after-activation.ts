/**
 * Work that activation starts but must not wait for: the first file watcher, the first
 * settings read and spawning git are slow calls in the extension host (tens of ms each
 * on a busy machine), and activate() blocks the host until it returns (DESIGN §5:
 * activation under 50 ms of our code). Such work waits for this instead: the next turn
 * of the event loop, after activate() has returned and the host has recorded it.
 */
export function afterActivation(): Promise<void> {
  return nextTurn();
}

/**
 * The next turn of the event loop: long work on the extension host's main thread is cut
 * into steps with this between them, so that no step blocks the host for long (issue 19,
 * item 1) — typing, hovers and other extensions get in between.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
