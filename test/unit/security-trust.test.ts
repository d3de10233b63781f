/**
 * Restricted mode (issue 7): the manifest declares limited support for untrusted
 * workspaces, and the extension behaves as declared. VS Code's test harness runs with
 * workspace trust switched off (every folder is trusted), so the gate cannot be toggled
 * in test/vscode; its rules are pure functions (src/core/workspace-trust.ts) tested here,
 * and a scan of the extension's source checks that every write goes through the one
 * gated function (src/extension/file-io.ts writeText) and every coding command through
 * the gated CodedDocuments.change.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assertMayWrite, RESTRICTED_MODE_DESCRIPTION, RESTRICTED_SETTINGS, UntrustedWorkspaceError, WorkspaceWriteGate } from '../../src/core/workspace-trust';

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

  it('every file the extension writes goes through the gated writeText/writeBytes, and coding commands through CodedDocuments.change', () => {
    const offenders: string[] = [];
    for (const file of sources('src/extension')) {
      const name = relative(ROOT, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8');
      // Writing files other than through file-io's writeText: workspace.fs writes, node's fs, the atomic writer.
      const direct = /workspace\.fs\.(?:writeFile|delete|rename|copy|createDirectory)\(|\bwriteFileAtomic\(|from 'node:fs|from 'fs'|WorkspaceEdit\b/u;
      if (name === 'src/extension/file-io.ts' || !direct.test(text)) continue;
      // Allowed only where the file asks for trust itself, or writes where the user just pointed in a dialog (an export, a copy of the example study).
      const ownGate = /vscode\.workspace\.isTrusted/u.test(text);
      const userChosen = /showSaveDialog|showOpenDialog|pickFolder\(/u.test(text);
      if (!ownGate && !userChosen) offenders.push(name);
    }
    assert.deepEqual(offenders, [], 'these files write around the restricted-mode gate in file-io.ts');
    const fileIo = readFileSync(join(ROOT, 'src/extension/file-io.ts'), 'utf8');
    assert.match(fileIo, /export async function writeBytes\([^)]*\)[^{]*\{\s*assertMayWrite\(vscode\.workspace\.isTrusted/u, 'writeBytes asks first');
    assert.match(fileIo, /export async function writeText\([^)]*\)[^{]*\{\s*return writeBytes\(/u, 'writeText goes through writeBytes');
    const coded = readFileSync(join(ROOT, 'src/extension/coded-documents.ts'), 'utf8');
    assert.match(coded, /async change\([^)]*\)[^{]*\{[^}]*if \(!vscode\.workspace\.isTrusted\)/u, 'a coding operation is refused before it is made');
  });
});
