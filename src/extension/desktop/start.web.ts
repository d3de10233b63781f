/**
 * Web twin of start.ts. A browser's web worker extension host runs the top level of an
 * extension's whole bundle inside its activation, on a worker that shares a small
 * machine's cores with the workbench being drawn: for our bundle that took 27–120 ms by
 * marks in a throwaway build (issue 15 asks for activation under 50 ms of our code). So activate()
 * here only stands in for the contributed commands, and the workbench starts in two later
 * turns (../start-in-turns.ts): first its code runs — esbuild leaves a module reached by
 * import() unrun until then, and with it everything only workbench.ts imports — then
 * startWorkbench registers everything. Neither turn holds the host as long as the one
 * activation did, and typing, hovers and other extensions get in between.
 */
import * as vscode from 'vscode';
import { nextTurn } from '../after-activation';
import { startInTurns } from '../start-in-turns';
import type { TranscriptCoderApi, WorkbenchApi } from '../workbench';

export function start(extension: vscode.ExtensionContext): TranscriptCoderApi {
  const starting = startInTurns<WorkbenchApi>({
    commands: contributedCommands(extension),
    registerCommand: (command, run) => vscode.commands.registerCommand(command, run),
    executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
    load: async () => {
      const { startWorkbench } = await import('../workbench');
      return () => startWorkbench(extension);
    },
    nextTurn,
    mark: (name) => performance.mark(name),
  });
  starting.ready.catch((error: unknown) => {
    console.error(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Transcript Coder could not start: {0}', error instanceof Error ? error.message : String(error)));
  });
  extension.subscriptions.push({ dispose: starting.dispose });
  const started = (): WorkbenchApi => {
    const workbench = starting.started();
    if (workbench === undefined) throw new Error('Transcript Coder is still starting: await the API\'s `ready` first');
    return workbench;
  };
  return {
    ready: starting.ready,
    get documents() {
      return started().documents;
    },
    get studies() {
      return started().studies;
    },
    get decorations() {
      return started().decorations;
    },
    get indexing() {
      return started().indexing;
    },
  };
}

function contributedCommands(extension: vscode.ExtensionContext): string[] {
  const manifest = extension.extension.packageJSON as { contributes?: { commands?: Array<{ command?: unknown }> } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command).filter((command): command is string => typeof command === 'string');
}
