/**
 * Restricted mode (issue 7): the manifest declares limited support for untrusted
 * workspaces, and the extension behaves as declared. The real VS Code walks every command
 * in an untrusted folder (test/vscode/untrusted/restricted-mode.test.ts); here, the rules
 * are pure functions (src/core/store/trust.ts),
 * and a scan of the extension's source checks that every write goes through the one
 * gated function (src/extension/file-io.ts writeText) and every coding command through
 * the gated CodedDocuments.change.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assertMayWrite, RESTRICTED_MODE_DESCRIPTION, RESTRICTED_SETTINGS, UntrustedWorkspaceError, WorkspaceWriteGate } from '../../src/core/store/trust';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; description: unknown; restrictedConfigurations?: unknown } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(ROOT, folder, file));
}

describe('security: restricted mode (untrusted workspaces)', () => {
  it('is declared in the manifest as limited, saying what is turned off, with the settings a workspace may not set', () => {
    const declared = manifest.capabilities.untrustedWorkspaces;
    assert.equal(declared.supported, 'limited');
    assert.equal(declared.description, RESTRICTED_MODE_DESCRIPTION);
    assert.deepEqual(declared.restrictedConfigurations, [...RESTRICTED_SETTINGS]);
    for (const setting of RESTRICTED_SETTINGS) {
      assert.ok(manifest.contributes.configuration.properties[setting] !== undefined, `${setting} is a setting of the extension`);
    }
  });

  it('refuses every write in an untrusted workspace, saying why, and allows it in a trusted one', () => {
    assert.throws(() => assertMayWrite(false, 'transcripts/kaban.txt.codes.yaml'), (error: unknown) => {
      assert.ok(error instanceof UntrustedWorkspaceError);
      assert.match(error.message, /^transcripts\/kaban\.txt\.codes\.yaml was not written: this workspace is not trusted \(restricted mode\)/u);
      return true;
    });
    assert.doesNotThrow(() => assertMayWrite(true, 'transcripts/kaban.txt.codes.yaml'));
  });

  it('tells the user once while the workspace is untrusted, and writes again once it is trusted', () => {
    let trusted = false;
    const gate = new WorkspaceWriteGate(() => trusted);
    assert.deepEqual(gate.decide(), { write: false, tellUser: true });
    assert.deepEqual(gate.decide(), { write: false, tellUser: false });
    assert.deepEqual(gate.decide(), { write: false, tellUser: false });
    trusted = true;
    assert.deepEqual(gate.decide(), { write: true });
  });

  it('every file and workspace setting the extension writes goes through the study store (one trust check), and coding commands through CodedDocuments.change', () => {
    const offenders: string[] = [];
    // imports-in-workspace.ts places an import's files through workspace.fs; its callers ask first (below).
    const PORT = ['src/extension/file-io.ts', 'src/extension/workspace-files.ts', 'src/extension/imports-in-workspace.ts'];
    for (const file of sources('src/extension')) {
      const name = relative(ROOT, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8');
      // The desktop adapters (src/extension/desktop/) are the port's and the writers' Node halves: reached only through them.
      if (PORT.includes(name) || name.startsWith('src/extension/lazy/') || name.startsWith('src/extension/desktop/')) continue;
      // Writing around the port: workspace.fs writes, node's fs, the atomic writer, workspace edits, a configuration's update(), the raw adapter.
      const direct =
        /workspace\.fs\.(?:writeFile|delete|rename|copy|createDirectory)\(|\bwriteFileAtomic\(|from 'node:fs|from 'fs'|WorkspaceEdit\b|getConfiguration\([^)]*\)\.update\(|\b(?:config|explorer|configuration)\.update\(|\bworkspaceFiles\b|new StudyStore\(/u;
      if (direct.test(text)) offenders.push(name);
      // The node writers that place whole folders (imports) or set git up ask the port's trust rule, or trust, first.
      if (/\b(?:addFilesWithoutOverwriting|writeNewFolder|setUpMergeDriver|mergeDriver\.setUp)\(/u.test(text) && !/assertMayWriteInWorkspace\(|studyStore\.mayWrite\(\)/u.test(text)) offenders.push(`${name} (node writer)`);
    }
    assert.deepEqual(offenders, [], 'these files write around the study store');
    // The adapter writes nothing itself but through the one store, which is made trust-aware.
    const adapter = readFileSync(join(ROOT, 'src/extension/workspace-files.ts'), 'utf8');
    assert.doesNotMatch(adapter, /export (?:async )?function writeBytes/u, 'the raw write is not exported');
    assert.match(adapter, /export const studyStore = new StudyStore\(workspaceFiles, \(\) => vscode\.workspace\.isTrusted\)/u);
    const port = readFileSync(join(ROOT, 'src/extension/file-io.ts'), 'utf8');
    for (const writer of ['writeText', 'writeBytes']) {
      assert.match(port, new RegExp(`export async function ${writer}\\([^)]*\\)[^{]*\\{\\s*return studyStore\\.${writer}\\(`, 'u'), `${writer} goes through the store`);
    }
    for (const writer of ['createFolder', 'copyNew']) {
      assert.match(port, new RegExp(`export async function ${writer}\\([^)]*\\)[^{]*\\{\\s*studyStore\\.assertMayWrite\\(`, 'u'), `${writer} asks first`);
    }
    // Workspace edits (a sidecar moved or deleted with its transcript, a quick fix) are writes VS Code performs for us: asked first as well.
    assert.match(port, /export function sidecarFileEdit\([^)]*\)[^{]*\{\s*for \([^)]*\) studyStore\.assertMayWrite\(/u, 'sidecarFileEdit asks first');
    assert.match(port, /export function wholeTextEdit\([^)]*\)[^{]*\{\s*studyStore\.assertMayWrite\(/u, 'wholeTextEdit asks first');
    assert.match(port, /export async function updateSetting\([^)]*\)[^{]*\{\s*if \(target !== vscode\.ConfigurationTarget\.Global\) studyStore\.assertMayWriteTo\(/u, 'a workspace setting asks first');
    const coded = readFileSync(join(ROOT, 'src/extension/coded-documents.ts'), 'utf8');
    assert.match(coded, /async change\([^)]*\)[^{]*\{[^}]*if \(!studyStore\.mayWrite\(\)\)/u, 'a coding operation is refused before it is made');
  });
});
