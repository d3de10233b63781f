/**
 * The desktop starts the whole workbench inside activate(): the Node extension host loads
 * and runs the bundle well within the activation budget (DESIGN §5, `npm run bench`), and
 * every command and view is there the moment activation ends. The web twin cannot afford
 * that and starts it in the turns after.
 */
import type * as vscode from 'vscode';
import { startWorkbench, type TranscriptCoderApi } from '../workbench';

export function start(extension: vscode.ExtensionContext): TranscriptCoderApi {
  return { ...startWorkbench(extension), ready: Promise.resolve() };
}
