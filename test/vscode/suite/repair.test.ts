// Repair in the editor, no CLI (issue 12): opening after an outside change writes nothing,
// saving writes the positions found; "Re-anchor code here" on a selection (Ctrl+.),
// "Accept the similar text", "Re-anchor all" after its preview, the sidecar's problems and
// the Transcripts view reaching every orphan — each undone by the coding undo.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { quoteOfLines } from '../../../src/core/transcript/quote';
import { parseSidecar } from '../../../src/core/sidecar';
import type { CodeEntry } from '../../../src/core/sidecar/model';
import { lineBodies, parseTranscript } from '../../../src/core/transcript/transcript';
import { isOffTextDiagnostic } from '../../../src/extension/diagnostics';
import { ContextValues } from '../../../src/extension/sidebar/context-values';
import type { SidebarApi } from '../../../src/extension/sidebar';
import type { TranscriptNode } from '../../../src/extension/sidebar/transcripts-tree';
import { api, closeAll, openCoded, readDisk, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const OBSERVATION = 'transcripts/diskominfo/catatan-observasi.txt';
const SIDECAR = `${OBSERVATION}.codes.yaml`;
/** Line 7 holds code pp6oxyfk; line 12 holds y8odve4v (see the example study). */
const SERVER = 'pp6oxyfk';
const STAFF = 'y8odve4v';

const originalText = readDisk(OBSERVATION);
const originalSidecar = readDisk(SIDECAR);
/** Its agency is in its front matter, so the index reads it again when it changes: its sidecar's problems follow. */
const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const originalKaban = readDisk(KABAN);
const originalKabanSidecar = readDisk(`${KABAN}.codes.yaml`);

/** The transcript as changed outside the editor: lines replaced (1-based) and lines put before the first. */
function changeOnDisk({ replace = {}, prepend = [] }: { replace?: Record<number, string>; prepend?: string[] }): string {
  const lines = originalText.split('\n').map((line, index) => replace[index + 1] ?? line);
  const text = [...prepend, ...lines].join('\n');
  writeDisk(OBSERVATION, text);
  return text;
}

/** Line 7 rewritten beyond recognition: its code is an orphan. */
const SERVER_GONE = 'Baris ini ditulis ulang seluruhnya oleh peneliti setelah rapat tim.';
/** Line 12 with a few words changed at its start: its code finds only similar text. */
const STAFF_EDITED = (originalText.split('\n')[11] ?? '').replace('Selama kurang lebih satu jam', 'Selama kira-kira satu jam');

/**
 * Opens the transcript as changed on disk. The editor may still hold the file from the
 * test before (it keeps a closed document's model a while), and takes the change in a
 * moment later: wait until it shows the text on disk.
 */
async function openChanged(text: string): Promise<vscode.TextEditor> {
  const editor = await openCoded(OBSERVATION);
  await waitFor(() => editor.document.getText() === text, 'the editor to show the transcript as changed on disk');
  return editor;
}

async function sessionOf(editor: vscode.TextEditor) {
  const { documents } = await api();
  const coded = documents.get(editor.document);
  assert.ok(coded, 'a coding session');
  return coded.session;
}

function fileState(relative: string): { text: string; mtimeMs: number } {
  return { text: readDisk(relative), mtimeMs: statSync(studyUri(relative).fsPath).mtimeMs };
}

/** The quick fixes Ctrl+. shows; asked again while the editor is still taking in a file change (a request made meanwhile answers nothing). */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const ask = async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  return waitFor(async () => {
    const actions = await ask();
    return actions.length > 0 ? actions : undefined;
  }, 'quick fixes').catch(ask);
}

async function run(action: vscode.CodeAction | undefined): Promise<unknown> {
  assert.ok(action?.command, 'the quick fix has a command');
  return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

async function undoCoding(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  assert.equal(await vscode.commands.executeCommand('transcriptCoder.undoCoding'), true, 'the coding undo reverts the repair');
}

/**
 * Runs a command that opens a quick pick, and accepts the pick as it comes up (its default ticks).
 * The accept is sent blind, every 150 ms: on a loaded machine it can reach the pick before the
 * workbench has drawn its ticked rows (seen once in CI: an empty accept, so the command did
 * nothing). A command that came back with nothing must have written nothing; it is then asked
 * again, at most three times, so the test checks the command and not the timing of the accept.
 */
async function acceptingPick<T>(sidecar: string, command: string, ...args: unknown[]): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const sidecarBefore = readDisk(sidecar);
    const result = await acceptOnce<T>(command, args);
    if (result !== undefined || attempt === 3) return result;
    assert.equal(readDisk(sidecar), sidecarBefore, 'a re-anchoring that was not accepted writes nothing');
  }
}

async function acceptOnce<T>(command: string, args: unknown[]): Promise<T> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return running;
}

describe('repair in the editor (issue 12)', function () {
  this.timeout(40_000);
  afterEach(async () => {
    await closeAll();
    writeDisk(OBSERVATION, originalText);
    writeDisk(SIDECAR, originalSidecar);
    writeDisk(KABAN, originalKaban);
    writeDisk(`${KABAN}.codes.yaml`, originalKabanSidecar);
    // Let the editor and the index take the restored files in before the next test.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('writes nothing when a transcript changed outside the editor is opened, and writes the positions found when it is saved', async () => {
    changeOnDisk({ prepend: ['Catatan tambahan di awal.', 'Baris kedua tambahan.'] });
    const before = fileState(SIDECAR);
    const editor = await openCoded(OBSERVATION);
    const session = await sessionOf(editor);
    // Shown at once where the text went…
    const moved = await waitFor(() => session.codes().find((code) => code.entry.id === STAFF && code.entry.lines[0] === 14), 'the code to be shown on its moved text');
    assert.equal(moved.detached, false);
    // Time for anything opening might write (the old code wrote at once).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // …and nothing is written by merely opening: same bytes, same modification time.
    assert.deepEqual(fileState(SIDECAR), before, 'opening the transcript must not touch its sidecar');
    assert.equal(editor.document.isDirty, false);
    // An explicit save of the (unchanged) transcript writes the positions found.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.save');
    const written = await waitFor(() => {
      const code = sidecarOnDisk(OBSERVATION).codes.find((candidate) => candidate.id === STAFF);
      return code?.lines[0] === 14 ? code : undefined;
    }, 'the save to write the moved lines');
    assert.deepEqual(written.lines, [14, 14]);
    const everyCodeMovedByTwo = sidecarOnDisk(OBSERVATION).codes.every((code) => {
      const old = (parseOriginal().find((candidate) => candidate.id === code.id) ?? code).lines;
      return code.lines[0] === old[0] + 2 && code.lines[1] === old[1] + 2;
    });
    assert.ok(everyCodeMovedByTwo, readDisk(SIDECAR));
  });

  it('offers "Re-anchor code here" on selected lines (Ctrl+.) for an orphan, writes its new lines and quote, and undoes it', async () => {
    const text = changeOnDisk({ replace: { 7: SERVER_GONE } });
    const editor = await openChanged(text);
    const session = await sessionOf(editor);
    await waitFor(() => session.codes().find((code) => code.entry.id === SERVER)?.detached, 'the code whose text is gone to be an orphan');
    assert.equal(readDisk(SIDECAR), originalSidecar, 'opening wrote nothing');
    // The researcher selects line 9 and presses Ctrl+.
    editor.selection = new vscode.Selection(8, 0, 8, editor.document.lineAt(8).text.length);
    const actions = await codeActions(editor.document.uri, editor.selection);
    const here = actions.find((action) => action.title.startsWith(`Re-anchor code ${SERVER} (`) && action.title.endsWith('on lines 9'));
    assert.ok(here, actions.map((action) => action.title).join(' | '));
    await run(here);
    const placed = await waitFor(() => sidecarOnDisk(OBSERVATION).codes.find((code) => code.id === SERVER && code.lines[0] === 9), 'the code written on line 9');
    assert.equal(placed.quote, quoteOfLines(lineBodies(parseTranscript(text, OBSERVATION).transcript), 9, 9), 'the quote is rewritten from the new line');
    assert.equal(session.codes().find((code) => code.entry.id === SERVER)?.detached, false);
    await undoCoding(editor);
    await waitFor(() => readDisk(SIDECAR) === originalSidecar, 'undo to write the sidecar back as it was');
    assert.equal(session.codes().find((code) => code.entry.id === SERVER)?.detached, true);
  });

  it('reaches an orphan from the Problems panel: re-anchor on lines the user names, without a selection', async () => {
    const changed = changeOnDisk({ replace: { 7: SERVER_GONE } });
    const editor = await openChanged(changed);
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'code-orphaned' && d.message.includes(SERVER)), 'the orphan in the Problems panel');
    assert.match(diagnostic.message, /Re-anchor code here/u);
    assert.doesNotMatch(diagnostic.message, /transcript-coder/u, 'the editor points at its quick fix, not at the CLI');
    const actions = await codeActions(editor.document.uri, diagnostic.range);
    const titles = actions.map((action) => action.title);
    for (const expected of [`Re-anchor code ${SERVER} on lines…`, 'Re-anchor all codes of this transcript…', 'Open the sidecar', `Remove orphaned code ${SERVER}`]) {
      assert.ok(titles.includes(expected), `${expected} in ${titles.join(' | ')}`);
    }
    // The old quick fix put the orphan back on its own (now rewritten) line: no longer offered.
    assert.ok(!titles.some((title) => /on lines 7/u.test(title)), titles.join(' | '));
    // Without a selection the lines are asked for (the UI suite answers the box); cancelled, nothing is written.
    const ask = actions.find((action) => action.title === `Re-anchor code ${SERVER} on lines…`);
    assert.ok(ask?.command);
    const cancelled = run(ask);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await cancelled, undefined);
    assert.equal(readDisk(SIDECAR), originalSidecar);
    // With lines (as the box or a selection gives them) it is placed.
    assert.deepEqual(await vscode.commands.executeCommand(ask.command.command, ...(ask.command.arguments ?? []), [9, 9]), [9, 9]);
    await waitFor(() => sidecarOnDisk(OBSERVATION).codes.find((code) => code.id === SERVER && code.lines[0] === 9), 'the code written on line 9');
    await undoCoding(editor);
    await waitFor(() => readDisk(SIDECAR) === originalSidecar, 'undo to write the sidecar back as it was');
  });

  it('offers "Accept the similar text" when only similar text is found, never applying it on its own, and undoes it', async () => {
    const text = changeOnDisk({ replace: { 12: STAFF_EDITED } });
    const editor = await openChanged(text);
    const session = await sessionOf(editor);
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.message.includes(STAFF)), 'the code off its text in the Problems panel');
    assert.match(diagnostic.message, /similar text \(\d+% alike\) is at lines 12–12/u);
    assert.equal(session.codes().find((code) => code.entry.id === STAFF)?.detached, true, 'similar text is not taken silently');
    assert.equal(readDisk(SIDECAR), originalSidecar, 'opening wrote nothing');
    const actions = await codeActions(editor.document.uri, diagnostic.range);
    const accept = actions.find((action) => action.title.startsWith(`Accept the similar text at lines 12 for code ${STAFF}`));
    assert.ok(accept, actions.map((action) => action.title).join(' | '));
    assert.equal(accept.isPreferred, true);
    assert.deepEqual(await run(accept), [12, 12]);
    const written = await waitFor(() => sidecarOnDisk(OBSERVATION).codes.find((code) => code.id === STAFF && code.quote.startsWith('Selama kira-kira')), 'the accepted quote written');
    assert.equal(written.quote, quoteOfLines(lineBodies(parseTranscript(text, OBSERVATION).transcript), 12, 12));
    await undoCoding(editor);
    await waitFor(() => readDisk(SIDECAR) === originalSidecar, 'undo to write the sidecar back as it was');
  });

  it('re-anchors all codes of a transcript after a preview: exact finds move, similar text only when ticked, orphans stay', async () => {
    const changed = changeOnDisk({ prepend: ['Catatan tambahan di awal.', 'Baris kedua tambahan.'], replace: { 7: SERVER_GONE, 12: STAFF_EDITED } });
    const editor = await openChanged(changed);
    const session = await sessionOf(editor);
    await waitFor(() => session.codes().find((code) => code.entry.id === STAFF)?.detached, 'the edited code to wait off its text');
    const placements = await acceptingPick<Array<{ id: string; lines: [number, number] }>>(SIDECAR, 'transcriptCoder.reanchorAll', editor.document.uri.toString());
    const original = parseOriginal();
    const expected = original.filter((code) => code.id !== SERVER && code.id !== STAFF).map((code) => code.id).sort();
    assert.deepEqual(placements.map((placement) => placement.id).sort(), expected, 'the ticked moves: every exact find, no similar text, no orphan');
    const disk = await waitFor(() => {
      const codes = sidecarOnDisk(OBSERVATION).codes;
      return codes.find((code) => code.id === 'f78olxvs')?.lines[0] === 12 ? codes : undefined;
    }, 'the moves written');
    for (const code of disk) {
      const old = original.find((candidate) => candidate.id === code.id);
      assert.ok(old);
      const shift = code.id === SERVER || code.id === STAFF ? 0 : 2;
      assert.deepEqual(code.lines, [old.lines[0] + shift, old.lines[1] + shift], code.id);
    }
    await undoCoding(editor);
    await waitFor(() => readDisk(SIDECAR) === originalSidecar, 'undo to write the sidecar back as it was');
  });

  it('offers "Re-anchor all codes of this transcript" on the sidecar\'s problems, which name the quick fix instead of the CLI', async () => {
    const lines = originalKaban.split('\n');
    const frontMatterEnd = lines.indexOf('---', 1);
    assert.ok(frontMatterEnd > 0, 'the transcript has front matter');
    lines.splice(frontMatterEnd + 1, 0, 'Catatan: rekaman dimulai terlambat.', '');
    writeDisk(KABAN, lines.join('\n'));
    const sidecarUri = studyUri(`${KABAN}.codes.yaml`);
    const anchorProblem = await waitFor(() => vscode.languages.getDiagnostics(sidecarUri).find(isOffTextDiagnostic), 'a problem on the sidecar about where a code is');
    assert.equal(anchorProblem.code, 'code-moved', 'two lines inserted above: each quote is found two lines down');
    assert.doesNotMatch(anchorProblem.message, /transcript-coder reanchor/u);
    assert.match(anchorProblem.message, /Re-anchor all codes of this transcript/u);
    const sidecarDocument = await vscode.workspace.openTextDocument(sidecarUri);
    const fixes = await codeActions(sidecarDocument.uri, anchorProblem.range);
    const fix = fixes.find((action) => action.title === 'Re-anchor all codes of this transcript…');
    assert.ok(fix?.command, fixes.map((action) => action.title).join(' | '));
    const placements = await acceptingPick<Array<{ id: string; lines: [number, number] }>>(`${KABAN}.codes.yaml`, fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(placements.length > 0);
    await waitFor(() => !vscode.languages.getDiagnostics(sidecarUri).some(isOffTextDiagnostic), 'the sidecar\'s problems about places to go');
    assert.ok(sidecarOnDisk(KABAN).codes.every((code) => placements.some((p) => p.id === code.id) || code.quote === ''), 'every code moved by the two lines');
  });

  it('lists the codes off their text under their transcript in the Transcripts view, with the repair commands', async () => {
    const changed = changeOnDisk({ replace: { 7: SERVER_GONE, 12: STAFF_EDITED } });
    // A model the editor still keeps from the test before takes the change in a moment later.
    await waitFor(() => (vscode.workspace.textDocuments.find((d) => d.uri.toString() === studyUri(OBSERVATION).toString())?.getText() ?? changed) === changed, 'the change taken in');
    const side = await vscode.commands.executeCommand<SidebarApi>('transcriptCoder.internal.sidebar');
    const transcriptNode = async (): Promise<TranscriptNode | undefined> => {
      for (const agency of await side.transcripts.getChildren()) {
        const found = (await side.transcripts.getChildren(agency)).find((node) => node.kind === 'transcript' && node.transcriptPath === OBSERVATION);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    const children = await waitFor(async () => {
      const node = await transcriptNode();
      const offText = node === undefined ? [] : await side.transcripts.getChildren(node);
      return offText.length === 2 ? offText : undefined;
    }, 'the two codes off their text under the transcript');
    const byId = new Map(children.map((node) => [node.kind === 'offText' ? node.codeId : '', node]));
    const orphan = byId.get(SERVER);
    const similar = byId.get(STAFF);
    assert.ok(orphan && similar);
    assert.equal(side.transcripts.getTreeItem(orphan).contextValue, ContextValues.offText);
    assert.equal(side.transcripts.getTreeItem(similar).contextValue, ContextValues.offTextSimilar);
    const parent = await transcriptNode();
    assert.ok(parent);
    assert.equal(side.transcripts.getTreeItem(parent).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    // From the tree (the transcript is not open): accept the similar text, then put the orphan on line 9.
    assert.deepEqual(await vscode.commands.executeCommand('transcriptCoder.acceptSimilarText', similar), [12, 12]);
    assert.deepEqual(await vscode.commands.executeCommand('transcriptCoder.reanchorCode', orphan, undefined, [9, 9]), [9, 9]);
    const disk = sidecarOnDisk(OBSERVATION).codes;
    assert.deepEqual(disk.find((code) => code.id === SERVER)?.lines, [9, 9]);
    assert.ok(disk.find((code) => code.id === STAFF)?.quote.startsWith('Selama kira-kira'));
    await waitFor(async () => {
      const node = await transcriptNode();
      return node !== undefined && (await side.transcripts.getChildren(node)).length === 0;
    }, 'the transcript to have no code off its text any more');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await undoCoding(editor);
    await undoCoding(editor);
    await waitFor(() => readDisk(SIDECAR) === originalSidecar, 'two undos to write the sidecar back as it was');
  });
});

function parseOriginal(): CodeEntry[] {
  const parsed = parseSidecar(originalSidecar, SIDECAR);
  assert.ok(parsed.status === 'ok' && parsed.data.codes.length > 3, 'the example sidecar lists its codes');
  return parsed.data.codes;
}
