/**
 * Transcript Coder's entry point. activate() starts the workbench (workbench.ts): in the
 * desktop at once, in a browser's web worker in the turns after activate() returned
 * (desktop/start.ts and its web twin say why).
 */
import type * as vscode from 'vscode';
import { start } from './desktop/start';
import type { TranscriptCoderApi } from './workbench';

export type { TranscriptCoderApi } from './workbench';

export function activate(extension: vscode.ExtensionContext): TranscriptCoderApi {
  return start(extension);
}

export function deactivate(): void {}
