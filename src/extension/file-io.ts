/**
 * Reading and writing the study's files through `workspace.fs`, so remote and virtual
 * workspaces work; on the local disk, sidecars are written atomically (temp + rename).
 */
import * as vscode from 'vscode';
import { decodeText } from '../core/encoding';
import { assertMayWrite } from '../core/workspace-trust';
import { writeFileAtomic } from '../node/atomic-write';

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** The file's text, LF-normalised; undefined when it does not exist; an Error message when it cannot be read as text. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const bytes = await readBytes(uri);
  if (bytes === undefined) return undefined;
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${decoded.message}`);
  return decoded.text;
}

/**
 * Every file the extension writes goes through here. In an untrusted workspace
 * (restricted mode) nothing is written: it throws UntrustedWorkspaceError, whose
 * message tells the user why (core/workspace-trust.ts).
 */
export async function writeText(uri: vscode.Uri, text: string): Promise<'written' | 'unchanged'> {
  return writeBytes(uri, new TextEncoder().encode(text));
}

export async function writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<'written' | 'unchanged'> {
  assertMayWrite(vscode.workspace.isTrusted, vscode.workspace.asRelativePath(uri));
  if (uri.scheme === 'file') return writeFileAtomic(uri.fsPath, bytes);
  const existing = await readBytes(uri);
  if (existing !== undefined && equalBytes(existing, bytes)) return 'unchanged';
  await vscode.workspace.fs.writeFile(uri, bytes);
  return 'written';
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sidecarUriFor(transcript: vscode.Uri): vscode.Uri {
  return transcript.with({ path: `${transcript.path}.codes.yaml` });
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
