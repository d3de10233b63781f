// A sidecar travels with its transcript (issue 12, part 3): renames and moves through the
// API (the Explorer's are in ui/rename.test.mjs, with their undo), a folder renamed, a
// rename onto an existing sidecar refused, a sidecar that does not parse moved unchanged,
// a delete with each answer, and the "Relink to <file>" quick fix after a rename outside
// VS Code.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAll, readDisk, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const FOLDER = 'transcripts/bkpsdm';
const STAF = `${FOLDER}/staf-operator.txt`;
const RENAMED = `${FOLDER}/operator-simpeg.txt`;
// Read when this suite starts, not when the bundle loads: suites before it (coding) change these files.
let originalStaf = '';
let originalSidecar = '';
let CODE_COUNT = 0;

const onDisk = (relative: string) => existsSync(studyUri(relative).fsPath);

async function rename(from: string, to: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(studyUri(from), studyUri(to));
  return vscode.workspace.applyEdit(edit);
}

async function remove(relative: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.deleteFile(studyUri(relative));
  return vscode.workspace.applyEdit(edit);
}

function restore(): void {
  for (const stray of [RENAMED, `${RENAMED}.codes.yaml`, 'arsip']) rmSync(studyUri(stray).fsPath, { recursive: true, force: true });
  if (!onDisk(FOLDER)) renameSync(studyUri('transcripts/bkpsdm-2023').fsPath, studyUri(FOLDER).fsPath);
  writeDisk(STAF, originalStaf);
  writeDisk(`${STAF}.codes.yaml`, originalSidecar);
}

async function problemsOf(relative: string, code: string): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const found = vscode.languages.getDiagnostics(studyUri(relative)).filter((diagnostic) => diagnostic.code === code);
    return found.length > 0 ? found : undefined;
  }, `a "${code}" problem on ${relative}`);
}

describe('sidecars follow their transcripts (issue 12, part 3)', function () {
  this.timeout(40_000);
  before(async () => {
    await (await api()).studies.all()[0]?.ready;
    originalStaf = readDisk(STAF);
    originalSidecar = readDisk(`${STAF}.codes.yaml`);
    CODE_COUNT = (originalSidecar.match(/^ {2}- id: /gmu) ?? []).length;
  });
  afterEach(async () => {
    await closeAll();
    await vscode.workspace.getConfiguration('transcriptCoder').update('whenTranscriptDeleted', undefined, vscode.ConfigurationTarget.Global);
    restore();
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('moves the sidecar with a renamed transcript and names the new file in transcript:, changing nothing else', async () => {
    assert.equal(await rename(STAF, RENAMED), true);
    assert.equal(onDisk(STAF), false);
    assert.equal(onDisk(`${STAF}.codes.yaml`), false, 'the old sidecar is gone');
    assert.equal(readDisk(`${RENAMED}.codes.yaml`), originalSidecar.replace('transcript: staf-operator.txt', 'transcript: operator-simpeg.txt'));
    // The index follows: the renamed transcript has its codes, nothing is lost.
    const study = (await api()).studies.all()[0];
    const record = await waitFor(() => study?.record(`${RENAMED}.codes.yaml`), 'the index to hold the moved sidecar');
    assert.equal(record.sidecar.status === 'ok' && record.sidecar.data.codes.length, CODE_COUNT);
    assert.equal(study?.record(`${STAF}.codes.yaml`), undefined);
  });

  it('leaves the sidecars of a renamed folder inside it, unchanged', async () => {
    assert.equal(await rename(FOLDER, 'transcripts/bkpsdm-2023'), true);
    assert.equal(readDisk('transcripts/bkpsdm-2023/staf-operator.txt.codes.yaml'), originalSidecar);
    assert.equal(sidecarOnDisk('transcripts/bkpsdm-2023/staf-operator.txt').transcript, 'staf-operator.txt');
    assert.equal(await rename('transcripts/bkpsdm-2023', FOLDER), true);
    assert.equal(readDisk(`${STAF}.codes.yaml`), originalSidecar);
  });

  it('moves a transcript to another folder with its sidecar', async () => {
    mkdirSync(studyUri('arsip').fsPath);
    assert.equal(await rename(STAF, 'arsip/staf-operator.txt'), true);
    assert.equal(readDisk('arsip/staf-operator.txt.codes.yaml'), originalSidecar);
    assert.equal(onDisk(`${STAF}.codes.yaml`), false);
  });

  it('refuses to move the sidecar onto an existing one: both sidecars stay as they were', async () => {
    const existing = 'version: 1\ntranscript: operator-simpeg.txt\ncodes: []\n';
    writeDisk(`${RENAMED}.codes.yaml`, existing);
    assert.equal(await rename(STAF, RENAMED), true, 'the transcript itself is renamed: VS Code lets no extension stop that');
    assert.equal(readDisk(`${RENAMED}.codes.yaml`), existing, 'the existing sidecar is not overwritten');
    assert.equal(readDisk(`${STAF}.codes.yaml`), originalSidecar, 'the transcript\'s own sidecar is untouched where it was');
    // …and is now a sidecar without its transcript, with its problem.
    await problemsOf(`${STAF}.codes.yaml`, 'transcript-missing');
  });

  it('moves a sidecar that does not parse along unchanged', async () => {
    const broken = `${originalSidecar}  - id: [broken\n`;
    writeDisk(`${STAF}.codes.yaml`, broken);
    assert.equal(await rename(STAF, RENAMED), true);
    assert.equal(readDisk(`${RENAMED}.codes.yaml`), broken);
    assert.equal(onDisk(`${STAF}.codes.yaml`), false);
  });

  it('keeps the sidecar when a transcript is deleted and the answer is "keep", and reports it with a relink fix', async () => {
    await vscode.workspace.getConfiguration('transcriptCoder').update('whenTranscriptDeleted', 'keepCodes', vscode.ConfigurationTarget.Global);
    assert.equal(await remove(STAF), true);
    assert.equal(onDisk(STAF), false);
    assert.equal(readDisk(`${STAF}.codes.yaml`), originalSidecar);
    const [problem] = await problemsOf(`${STAF}.codes.yaml`, 'transcript-missing');
    assert.match(problem?.message ?? '', /staf-operator\.txt does not exist/);
    assert.doesNotMatch(problem?.message ?? '', /`/, 'no raw backticks in the Problems panel');
  });

  it('deletes the sidecar with the transcript when the answer is "delete"', async () => {
    await vscode.workspace.getConfiguration('transcriptCoder').update('whenTranscriptDeleted', 'deleteCodes', vscode.ConfigurationTarget.Global);
    assert.equal(await remove(STAF), true);
    await waitFor(() => !onDisk(`${STAF}.codes.yaml`), 'the sidecar to be deleted');
    assert.equal(onDisk(STAF), false);
  });

  it('offers "Relink to <file>" on a sidecar whose transcript was renamed outside VS Code, and the fix moves it', async () => {
    renameSync(studyUri(STAF).fsPath, studyUri(RENAMED).fsPath);
    const sidecar = studyUri(`${STAF}.codes.yaml`);
    const [problem] = await problemsOf(`${STAF}.codes.yaml`, 'transcript-missing');
    assert.ok(problem);
    // Ctrl+. in the sidecar, as from the Problems panel (which opens it).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sidecar));
    const actions = await waitFor(async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sidecar, problem.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      return found.length > 0 ? found : undefined;
    }, 'quick fixes on the sidecar');
    const relink = actions.find((action) => action.title.startsWith(`Relink to ${RENAMED} (${CODE_COUNT} of ${CODE_COUNT}`));
    assert.ok(relink?.command, actions.map((action) => action.title).join(' | '));
    assert.equal(relink.isPreferred, true);
    assert.equal(await vscode.commands.executeCommand(relink.command.command, ...(relink.command.arguments ?? [])), true);
    assert.equal(readDisk(`${RENAMED}.codes.yaml`), originalSidecar.replace('transcript: staf-operator.txt', 'transcript: operator-simpeg.txt'));
    assert.equal(onDisk(`${STAF}.codes.yaml`), false);
    await waitFor(() => vscode.languages.getDiagnostics(sidecar).length === 0, 'the lost-transcript problem to go');
    renameSync(studyUri(RENAMED).fsPath, studyUri(STAF).fsPath);
  });

  it('offers to set transcript: to the file beside a sidecar renamed by hand, as one undoable edit', async () => {
    writeDisk(`${STAF}.codes.yaml`, originalSidecar.replace('transcript: staf-operator.txt', 'transcript: lama.txt'));
    const uri = studyUri(`${STAF}.codes.yaml`);
    const [problem] = await problemsOf(`${STAF}.codes.yaml`, 'transcript-field');
    assert.ok(problem);
    assert.doesNotMatch(problem.message, /`/, 'no raw backticks in the Problems panel');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((action) => action.title.startsWith('Set "transcript: staf-operator.txt"'));
    assert.ok(fix?.edit, actions.map((action) => action.title).join(' | '));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.getText(), originalSidecar);
    await vscode.commands.executeCommand('undo');
    assert.match(document.getText(), /transcript: lama\.txt/);
  });
});
