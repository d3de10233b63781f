// Issue 19, item 3, in the real VS Code: in a workspace VS Code does not trust (restricted
// mode), every command the extension contributes — from the palette, from the editor with a
// selection, and from every tree item its menus are shown on — and every answer a prompt or
// notification offers, writes nothing: no file or folder of the workspace appears, changes
// or goes, `.vscode/settings.json` included.
//
// run-host-tests.mjs --untrusted opens the folder with workspace trust on and no prompt, so
// it stays untrusted. The workspace is a fresh copy of the example study, so "before" is
// the example study itself: that also catches a write made while the extension activated.
// The prompts are answered the way a user in a hurry would: the first item of every pick,
// a name in every input box, the first action of every notification, the proposed file in
// every save dialog, a transcript in every open dialog.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar } from '../../../src/core/sidecar';
import { api, closeAll, EXTENSION_ID, readDisk, select, studyUri, waitFor, writeDisk } from '../suite/helpers';

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
  };
}

/** Every file, folder and link under `root`: relative path → what it holds. */
function snapshot(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const relative = `${prefix}${name}`;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) found.set(relative, `link → ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        found.set(`${relative}/`, 'folder');
        walk(full, `${relative}/`);
      } else found.set(relative, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root, '');
  return found;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, value] of after) {
    if (!before.has(path)) out.push(`${path} appeared`);
    else if (before.get(path) !== value) out.push(`${path} changed`);
  }
  for (const path of before.keys()) if (!after.has(path)) out.push(`${path} was removed`);
  return out;
}

/** The prompts the commands show, answered by the test; what was asked is recorded. */
function answerEveryPrompt(asked: string[]): () => void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  const replace = (name: string, fake: (...args: never[]) => unknown) => {
    originals.set(name, window[name]);
    window[name] = fake;
  };
  const message = (kind: string) => (text: string, ...rest: unknown[]) => {
    asked.push(`${kind}: ${text}`);
    const actions = rest.filter((item) => typeof item === 'string' || (typeof item === 'object' && item !== null && 'title' in item));
    return Promise.resolve(actions[0]);
  };
  replace('showInformationMessage', message('info'));
  replace('showWarningMessage', message('warning'));
  replace('showErrorMessage', message('error'));
  replace('showQuickPick', async (items: unknown, options?: vscode.QuickPickOptions) => {
    const list = (await items) as unknown[];
    asked.push(`pick: ${options?.title ?? options?.placeHolder ?? ''}`);
    const first = list.find((item) => typeof item === 'string' || (item as vscode.QuickPickItem).kind !== vscode.QuickPickItemKind.Separator);
    return first === undefined ? undefined : options?.canPickMany === true ? [first] : first;
  });
  replace('showInputBox', async (options?: vscode.InputBoxOptions) => {
    asked.push(`input: ${options?.title ?? options?.prompt ?? ''}`);
    // A changed value the box accepts: a new name, or an id.
    const proposed = options?.value ?? '';
    for (const candidate of [`${proposed} uji`.trim(), `${proposed}-uji`, 'uji-restricted-mode', proposed]) {
      if (candidate !== '' && !(await options?.validateInput?.(candidate))) return candidate;
    }
    return 'Uji restricted mode';
  });
  replace('showSaveDialog', (options?: vscode.SaveDialogOptions) => {
    asked.push('save dialog');
    return Promise.resolve(options?.defaultUri ?? studyUri('export-uji'));
  });
  replace('showOpenDialog', () => {
    asked.push('open dialog');
    return Promise.resolve([studyUri('transcripts/bkpsdm/kepala-badan.txt')]);
  });
  replace('showWorkspaceFolderPick', () => Promise.resolve(vscode.workspace.workspaceFolders?.[0]));
  return () => {
    for (const [name, original] of originals) window[name] = original;
  };
}

/** Runs a command the way a user would meet it; a quick pick made with createQuickPick gets its selected item accepted. */
async function run(command: string, args: unknown[]): Promise<string> {
  let settled = false;
  const outcome = Promise.resolve(vscode.commands.executeCommand(command, ...args)).then(
    () => 'ran',
    (error: unknown) => `refused: ${error instanceof Error ? error.message : String(error)}`,
  );
  void outcome.then(() => (settled = true));
  const deadline = Date.now() + 4_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return settled ? outcome : 'still waiting after 4 s';
}

/** `view == X && viewItem == Y` or `viewItem =~ /…/` of a view/item/context entry. */
function menuTarget(when: string): { view: string; item: RegExp } | undefined {
  const view = /view == ([\w.]+)/u.exec(when)?.[1];
  const exact = /viewItem == ([\w.]+)/u.exec(when)?.[1];
  const pattern = /viewItem =~ \/(.+?)\//u.exec(when)?.[1];
  if (view === undefined || (exact === undefined && pattern === undefined)) return undefined;
  return { view, item: exact !== undefined ? new RegExp(`^${exact.replace(/\./gu, '\\.')}$`, 'u') : new RegExp(pattern ?? '', 'u') };
}

async function treeItems<T>(provider: vscode.TreeDataProvider<T>, node?: T): Promise<Array<{ node: T; contextValue: string }>> {
  const out: Array<{ node: T; contextValue: string }> = [];
  for (const child of (await provider.getChildren(node)) ?? []) {
    out.push({ node: child, contextValue: (await provider.getTreeItem(child)).contextValue ?? '' });
    out.push(...(await treeItems(provider, child)));
  }
  return out;
}

describe('restricted mode: nothing is written in an untrusted workspace', function () {
  this.timeout(600_000);

  it('walks every command, from the palette, the editor and every tree item, answering every prompt, and no file changes', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opens the folder untrusted');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const manifest = extension.packageJSON as Manifest;
    const examples = join(extension.extensionPath, 'examples');
    const source = existsSync(join(examples, 'codebook.yaml')) ? examples : join(extension.extensionPath, 'test', 'vscode', 'fixtures', 'study');
    const root = studyUri('').fsPath;
    const original = snapshot(source);
    assert.deepEqual(differences(original, snapshot(root)), [], 'nothing was written while the extension activated');

    const { studies } = await api();
    await waitFor(() => studies.all().some((study) => study.allRecords().length > 0), 'the study indexed');
    // Codes off their text, so the repair commands of the Transcripts view have items to
    // run on: the test (not the extension) changes a transcript, and the walk starts from there.
    const changedTranscript = 'transcripts/bkpsdm/staf-operator.txt';
    const sidecar = parseSidecar(readDisk(`${changedTranscript}.codes.yaml`), `${changedTranscript}.codes.yaml`);
    assert.ok(sidecar.status === 'ok');
    const [gone, altered] = sidecar.data.codes;
    assert.ok(gone !== undefined && altered !== undefined);
    let text = readDisk(changedTranscript);
    text = text.replace(gone.quote.replace(/…$/u, ''), 'Teks ini sudah diganti seluruhnya oleh penguji keamanan.');
    text = text.replace(altered.quote.slice(0, 24), `${altered.quote.slice(0, 12)}XX${altered.quote.slice(14, 24)}`);
    writeDisk(changedTranscript, text);
    const baseline = snapshot(root);
    const side = await vscode.commands.executeCommand<{ factors: vscode.TreeDataProvider<unknown>; codebook: vscode.TreeDataProvider<unknown>; transcripts: vscode.TreeDataProvider<unknown> }>(
      'transcriptCoder.internal.sidebar',
    );
    assert.ok(side);
    await waitFor(async () => (await treeItems(side.transcripts)).some((item) => item.contextValue.startsWith('tc.offText')), 'codes off their text in the Transcripts view', 20_000);
    const providers: Record<string, vscode.TreeDataProvider<unknown>> = {
      'transcriptCoder.factors': side.factors,
      'transcriptCoder.codebook': side.codebook,
      'transcriptCoder.transcripts': side.transcripts,
    };

    const asked: string[] = [];
    const restore = answerEveryPrompt(asked);
    const log: string[] = [];
    const changed: string[] = [];
    let runs = 0;
    const attempt = async (command: string, where: string, args: unknown[]) => {
      asked.length = 0;
      const outcome = await run(command, args);
      runs += 1;
      log.push(`${command} (${where}): ${outcome}${asked.length > 0 ? ` — asked ${asked.join(' | ')}` : ''}`);
      const now = differences(baseline, snapshot(root));
      if (now.length > 0) changed.push(`${command} (${where}): ${now.join(', ')}`);
    };
    try {
      const commands = manifest.contributes.commands.map((entry) => entry.command);
      // Every command as the palette runs it, with no editor open ...
      await closeAll();
      for (const command of commands) await attempt(command, 'palette', []);
      // ... with a coded transcript open and a turn selected ...
      const document = await vscode.workspace.openTextDocument(studyUri('transcripts/bkpsdm/kepala-badan.txt'));
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      select(editor, [3, 4]);
      for (const command of commands) {
        await vscode.window.showTextDocument(document, { preview: false });
        select(editor, [3, 4]);
        await attempt(command, 'editor', []);
      }
      // ... and from every tree item each menu entry is shown on, with answers given up front.
      const answers = { confirmed: true, name: 'Uji', label: 'Uji', id: 'uji', text: 'Memo uji', polarity: 'effort', to: 'jones' };
      let treeRuns = 0;
      for (const entry of manifest.contributes.menus['view/item/context'] ?? []) {
        const target = menuTarget(entry.when ?? '');
        const provider = target === undefined ? undefined : providers[target.view];
        if (target === undefined || provider === undefined) continue;
        const seen = new Set<string>();
        for (const { node, contextValue } of await treeItems(provider)) {
          if (!target.item.test(contextValue) || seen.has(contextValue)) continue;
          seen.add(contextValue);
          await attempt(entry.command, contextValue, [node]);
          await attempt(entry.command, `${contextValue}, answered`, [node, answers]);
          treeRuns += 1;
        }
      }
      assert.ok(treeRuns >= 10, `tree item commands were run (${treeRuns})`);
      assert.ok(log.some((line) => line.startsWith('transcriptCoder.removeOrphan (tc.offText')), 'the repair commands ran on a code off its text');
    } finally {
      restore();
      await closeAll();
      console.log(`[restricted mode] ${runs} runs:\n  ${log.join('\n  ')}`);
    }
    assert.ok(log.some((line) => /not trusted/u.test(line)), 'the user is told why nothing was written');
    assert.deepEqual(changed, [], 'no command wrote in the untrusted workspace');
    assert.deepEqual(differences(baseline, snapshot(root)), []);
  });
});
