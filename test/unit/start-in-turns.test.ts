/**
 * The web build's start (src/extension/start-in-turns.ts, used by desktop/start.web.ts):
 * activate() only stands in for the commands; the workbench's code runs a turn later and
 * the workbench starts the turn after. Turns are handed out by the test, so each step is
 * checked in the turn it happens in.
 */
import assert from 'node:assert/strict';
import { startInTurns, type StartPorts } from '../../src/extension/start-in-turns';
import { START_MARKS } from '../../src/extension/start-marks';

interface Fake {
  ports: StartPorts<{ name: string }>;
  /** What happened, in order. */
  events: string[];
  /** Registered command → handler; the stand-ins and the workbench's real commands alike. */
  registered: Map<string, (...args: unknown[]) => Promise<unknown>>;
  /** Lets the start go on to its next turn. */
  turn(): Promise<void>;
}

function fake(options: { load?: () => Promise<void> } = {}): Fake {
  const events: string[] = [];
  const registered = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const waiting: Array<() => void> = [];
  const register = (command: string, run: (...args: unknown[]) => Promise<unknown>) => {
    assert.ok(!registered.has(command), `${command} registered twice`);
    registered.set(command, run);
    return { dispose: () => registered.delete(command) };
  };
  const ports: StartPorts<{ name: string }> = {
    commands: ['tc.code', 'tc.summary'],
    registerCommand: (command, run) => {
      events.push(`stand-in ${command}`);
      return register(command, run);
    },
    executeCommand: async (command, ...args) => {
      const run = registered.get(command);
      if (run === undefined) throw new Error(`command '${command}' not found`);
      return run(...args);
    },
    load: async () => {
      events.push('workbench code runs');
      await options.load?.();
      return () => {
        events.push(`workbench starts with ${registered.size} stand-ins left`);
        register('tc.code', async (...args) => `coded ${args.join(' ')}`);
        register('tc.summary', async () => 'summary');
        return { name: 'workbench' };
      };
    },
    nextTurn: () => new Promise((resolve) => waiting.push(resolve)),
    mark: (name) => events.push(name),
  };
  const turn = async () => {
    for (let tries = 0; waiting.length === 0 && tries < 50; tries++) await Promise.resolve();
    const next = waiting.shift();
    assert.ok(next, 'the start waited for no further turn');
    next();
    // Let the turn run to its end (its awaits are on settled promises).
    for (let tries = 0; tries < 50; tries++) await Promise.resolve();
  };
  return { ports, events, registered, turn };
}

describe('the web build\'s start in turns after activation', () => {
  it('stands in for every contributed command during activation, and runs nothing of the workbench then', () => {
    const { ports, events, registered } = fake();
    const starting = startInTurns(ports);
    assert.deepEqual(events, [START_MARKS.activating, 'stand-in tc.code', 'stand-in tc.summary']);
    assert.deepEqual([...registered.keys()], ['tc.code', 'tc.summary']);
    assert.equal(starting.started(), undefined);
  });

  it('runs the workbench\'s code in the next turn and starts it in the turn after, once the stand-ins have made way', async () => {
    const { ports, events, turn } = fake();
    const starting = startInTurns(ports);
    events.length = 0;
    await turn();
    assert.deepEqual(events, [START_MARKS.loading, 'workbench code runs', START_MARKS.loaded]);
    assert.equal(starting.started(), undefined);
    await turn();
    assert.deepEqual(events.slice(3), [START_MARKS.starting, 'workbench starts with 0 stand-ins left', START_MARKS.started]);
    await starting.ready;
    assert.deepEqual(starting.started(), { name: 'workbench' });
  });

  it('holds a command called before the start, then hands it and its arguments to the real command', async () => {
    const { ports, registered, turn } = fake();
    const starting = startInTurns(ports);
    const early = registered.get('tc.code')?.('line', 12);
    assert.ok(early);
    let answered = false;
    void early.then(() => (answered = true));
    await turn();
    assert.equal(answered, false, 'answered before the workbench started');
    await turn();
    assert.equal(await early, 'coded line 12');
    assert.equal(await registered.get('tc.summary')?.(), 'summary', 'after the start the real command is registered under the name');
    await starting.ready;
  });

  it('keeps the stand-ins when the workbench fails to load, and each command then fails with the reason', async () => {
    const { ports, registered, turn } = fake({ load: () => Promise.reject(new Error('dist/web/extension.js could not be read')) });
    const starting = startInTurns(ports);
    const early = registered.get('tc.summary')?.();
    await turn();
    await assert.rejects(starting.ready, /could not be read/u);
    await assert.rejects(Promise.resolve(early), /could not be read/u);
    await assert.rejects(Promise.resolve(registered.get('tc.code')?.()), /could not be read/u);
    assert.deepEqual([...registered.keys()], ['tc.code', 'tc.summary']);
    starting.dispose();
    assert.equal(registered.size, 0, 'deactivation disposes the stand-ins');
  });
});
