/**
 * Runs `callback` on a later turn of the event loop, after what is waiting (input,
 * messages, timers) has had its turn: long work yields this way (issue 19). Node has
 * `setImmediate`; a browser's worker (the web build, issue 15) has not, and its
 * `setTimeout(…, 0)` waits at least 4 ms once nested, which a thousand yields would add
 * up to seconds, so there a message to itself takes the turn.
 */
type Callback = () => void;

const queued: Callback[] = [];
let channel: InstanceType<typeof MessageChannel> | undefined;

export function nextTurn(callback: Callback): void {
  const immediate = (globalThis as { setImmediate?: (callback: Callback) => unknown }).setImmediate;
  if (immediate !== undefined) {
    immediate(callback);
    return;
  }
  if (channel === undefined) {
    channel = new MessageChannel();
    // Typed by Node's MessagePort, which has no onmessage; a browser's has.
    (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queued.shift()?.();
  }
  queued.push(callback);
  channel.port2.postMessage(undefined);
}
