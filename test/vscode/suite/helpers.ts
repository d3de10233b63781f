// Shared by the extension-host suites: the study copy, the extension's API, sidecars on disk.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TranscriptCoderApi } from '../../../src/extension/extension';
import { parseSidecar } from '../../../src/core/sidecar';
import type { SidecarData } from '../../../src/core/sidecar/model';

export const EXTENSION_ID = 'transcript-coder.transcript-coder';

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function api(): Promise<TranscriptCoderApi> {
  const extension = vscode.extensions.getExtension<TranscriptCoderApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const started = await extension.activate();
  await started.ready;
  return started;
}

export function studyUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the example study');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export function readDisk(relative: string): string {
  return readFileSync(studyUri(relative).fsPath, 'utf8');
}

export function writeDisk(relative: string, text: string | Uint8Array): void {
  writeFileSync(studyUri(relative).fsPath, text);
}

export function sidecarOnDisk(transcript: string): SidecarData {
  const parsed = parseSidecar(readDisk(`${transcript}.codes.yaml`), `${transcript}.codes.yaml`);
  assert.equal(parsed.status, 'ok', JSON.stringify(parsed.status === 'broken' ? parsed.problems : []));
  return parsed.status === 'ok' ? parsed.data : (undefined as never);
}

/** Opens a transcript in an editor and waits until its coding session exists. */
export async function openCoded(relative: string, requireSession = true): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(studyUri(relative));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (requireSession) {
    const { documents } = await api();
    await waitFor(() => documents.get(document), `a coding session for ${relative}`);
  }
  return editor;
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function select(editor: vscode.TextEditor, ...ranges: Array<[number, number]>): void {
  editor.selections = ranges.map(([first, last]) => new vscode.Selection(first - 1, 0, last - 1, editor.document.lineAt(last - 1).text.length));
}
