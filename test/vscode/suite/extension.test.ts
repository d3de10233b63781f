// Runs inside code-server's real extension host with the repo as extensionDevelopmentPath
// and a copy of the example study as the open folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'transcript-coder.transcript-coder';

/** Polls until `predicate` holds; activation by workspaceContains happens shortly after startup. */
async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('Transcript Coder in a real VS Code', () => {
  it('is installed under its publisher.name id', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} not among the installed extensions`);
  });

  it('activates on its own in a folder with a codebook.yaml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'the runner opens exactly one workspace folder');
    assert.ok(await waitFor(() => extension.isActive, 10_000), 'not activated by workspaceContains:**/codebook.yaml');
  });

  it('registers the transcriptCoder.showSummary command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('transcriptCoder.showSummary'));
  });
});
