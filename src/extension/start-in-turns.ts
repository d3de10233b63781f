/**
 * How the web build starts (desktop/start.web.ts says why): activate() only stands in for
 * the contributed commands; the workbench's code runs in a later turn, and the workbench
 * starts in the turn after that. A stand-in called before the start waits for it, then
 * hands the call to the real command, which the workbench registered under the same name
 * once the stand-ins made way; if the start fails, the stand-ins stay and say why.
 * Kept apart from `vscode` so that test/unit/start-in-turns.test.ts can drive it.
 */
import { START_MARKS } from './start-marks';

export interface StartPorts<Api> {
  /** The commands package.json contributes. */
  commands: readonly string[];
  registerCommand(command: string, run: (...args: unknown[]) => Promise<unknown>): { dispose(): void };
  executeCommand(command: string, ...args: unknown[]): PromiseLike<unknown>;
  /** Runs the workbench's code; resolves to what starts it. */
  load(): Promise<() => Api>;
  nextTurn(): Promise<void>;
  mark(name: string): void;
}

export interface Starting<Api> {
  /** Settles once the workbench has started; rejects with what stopped it. */
  ready: Promise<void>;
  /** The started workbench, or undefined before. */
  started(): Api | undefined;
  /** The stand-ins still registered (none once started). */
  dispose(): void;
}

export function startInTurns<Api>(ports: StartPorts<Api>): Starting<Api> {
  ports.mark(START_MARKS.activating);
  let api: Api | undefined;
  const standIns = ports.commands.map((command) =>
    ports.registerCommand(command, async (...args) => {
      await ready;
      return ports.executeCommand(command, ...args);
    }),
  );
  const dispose = () => {
    for (const standIn of standIns.splice(0)) standIn.dispose();
  };
  // The stand-ins above await this only when called, always after this line ran.
  const ready = (async () => {
    await ports.nextTurn();
    ports.mark(START_MARKS.loading);
    const startWorkbench = await ports.load();
    ports.mark(START_MARKS.loaded);
    await ports.nextTurn();
    ports.mark(START_MARKS.starting);
    // In the same turn as the real registrations: no call can fall between the two.
    dispose();
    api = startWorkbench();
    ports.mark(START_MARKS.started);
  })();
  return { ready, started: () => api, dispose };
}
