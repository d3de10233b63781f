// Importing through the workbench, as a user does: the command from the palette, the open
// dialogs (code-server's own: a path typed into a quick input), the attribute prompts.
// What the extension wrote is compared with what the command line writes from the same
// file: the CLI reads and writes with Node, the extension through workspace.fs — in a
// --web run from the browser's web worker extension host (run-ui-tests.mjs), where the
// import's files go out through the editor's file system (imports-in-workspace.ts).
// The files imported come from other tools (test/fixtures/*/README.md names their origin).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO_ROOT } from '../../../scripts/real-vscode/paths.mjs';
import { answerFileDialog } from './file-dialogs.mjs';
import { findInCommandPalette, notificationToast, openWorkbench, screenshot, waitForFocusedRow, waitForQuickPick, waitUntil, workspacePath } from './workbench.mjs';

const WORK = '.imports';
const NOSCRIBE_VTT = path.join(REPO_ROOT, 'test', 'fixtures', 'subtitles', 'noscribe-interview.vtt');
const QUALCODER_PROJECT = path.join(REPO_ROOT, 'test', 'fixtures', 'refi-qda-world', 'qc-1.3.2-demo.qdpx');
const ATTRIBUTES = { agency: 'Dinas Uji Impor', informant: 'Narasumber noScribe', role: 'Kepala Bidang', date: '2024-05-14', source: 'interview' };

/** Every file under `folder`, relative, '/'-separated, sorted. */
function filesUnder(folder, prefix = '') {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

function cliImport(source, out, extra = []) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'import', source, '-o', out, ...extra], { encoding: 'utf8' });
  assert.equal(result.status, 0, `the CLI import failed: ${result.stderr}`);
}

async function answerInputBox(page, title, value) {
  await waitForQuickPick(page, title);
  await page.keyboard.type(value);
  await waitUntil(async () => (await page.locator('.quick-input-widget input').inputValue()) === value, `"${value}" typed in "${title}"`);
  await page.keyboard.press('Enter');
}

describe('Importing through the workbench', function () {
  this.timeout(180_000);
  let workbench;
  const cliFolder = path.join(REPO_ROOT, '.vscode-test', 'cli-imports');

  before(async () => {
    rmSync(workspacePath(WORK), { recursive: true, force: true });
    mkdirSync(workspacePath(`${WORK}/sumber`), { recursive: true });
    mkdirSync(workspacePath(`${WORK}/transkrip`), { recursive: true });
    copyFileSync(NOSCRIBE_VTT, workspacePath(`${WORK}/sumber/wawancara-noscribe.vtt`));
    copyFileSync(QUALCODER_PROJECT, workspacePath(`${WORK}/sumber/qualcoder-demo.qdpx`));
    rmSync(cliFolder, { recursive: true, force: true });
    mkdirSync(cliFolder, { recursive: true });
    workbench = await openWorkbench('ui-import');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
    // The next test files count the study's transcripts: the imported ones go.
    rmSync(workspacePath(WORK), { recursive: true, force: true });
  });

  it('"Import Transcript…" takes a noScribe WebVTT interview through the open dialogs and the attribute prompts, and writes what the command line writes', async () => {
    const { page } = workbench;
    const title = 'Transcript Coder: Import Transcript (Word, WebVTT, SRT, Text)…';
    // Not runCommand: the palette's quick input becomes the dialog's without ever hiding.
    await (await findInCommandPalette(page, 'Import Transcript', title)).click();
    await answerFileDialog(page, 'Import a transcript', `${WORK}/sumber/wawancara-noscribe.vtt`);
    await answerFileDialog(page, 'Folder to put the transcript in', `${WORK}/transkrip/`);
    await waitForQuickPick(page, 'Agency');
    await page.keyboard.type(ATTRIBUTES.agency);
    await waitForFocusedRow(page, ATTRIBUTES.agency);
    await page.keyboard.press('Enter');
    await answerInputBox(page, 'Informant', ATTRIBUTES.informant);
    await answerInputBox(page, 'Role', ATTRIBUTES.role);
    await answerInputBox(page, 'Date', ATTRIBUTES.date);
    await waitForQuickPick(page, 'Source type', 15_000, 1);
    await page.keyboard.type(ATTRIBUTES.source);
    await waitForFocusedRow(page, ATTRIBUTES.source);
    await page.keyboard.press('Enter');
    // The new transcript opens in the editor.
    await page.locator('.tab.active', { hasText: 'wawancara-noscribe.txt' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'import-transcript-opened');

    const written = filesUnder(workspacePath(`${WORK}/transkrip`));
    assert.deepEqual(written, ['wawancara-noscribe.txt', 'wawancara-noscribe.txt.codes.yaml']);
    const cliOut = path.join(cliFolder, 'transkrip');
    mkdirSync(cliOut, { recursive: true });
    cliImport(workspacePath(`${WORK}/sumber/wawancara-noscribe.vtt`), cliOut, Object.entries(ATTRIBUTES).flatMap(([key, value]) => [`--${key}`, value]));
    assert.deepEqual(filesUnder(cliOut), written);
    for (const file of written) {
      assert.equal(readFileSync(workspacePath(`${WORK}/transkrip/${file}`), 'utf8'), readFileSync(path.join(cliOut, file), 'utf8'), `${file} is what the CLI writes`);
    }
  });

  it('"Import REFI-QDA Project…" makes a new study of a QualCoder project, the same files the command line makes', async () => {
    const { page } = workbench;
    const title = 'Transcript Coder: Import REFI-QDA Project (.qdpx)…';
    mkdirSync(workspacePath(`${WORK}/studi-baru`), { recursive: true });
    await (await findInCommandPalette(page, 'Import REFI-QDA Project', title)).click();
    await answerFileDialog(page, 'Import a REFI-QDA project', `${WORK}/sumber/qualcoder-demo.qdpx`);
    await answerFileDialog(page, 'A new or empty folder for the imported study', `${WORK}/studi-baru/`);
    await notificationToast(page, 'Imported 2 transcripts').waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-project-toast');

    const cliOut = path.join(cliFolder, 'studi-baru');
    cliImport(workspacePath(`${WORK}/sumber/qualcoder-demo.qdpx`), cliOut);
    const written = await waitUntil(() => {
      const files = filesUnder(workspacePath(`${WORK}/studi-baru`));
      return files.length === filesUnder(cliOut).length ? files : undefined;
    }, 'the imported study on disk');
    assert.deepEqual(written, filesUnder(cliOut));
    for (const file of written) {
      assert.ok(readFileSync(workspacePath(`${WORK}/studi-baru/${file}`)).equals(readFileSync(path.join(cliOut, file))), `${file} is what the CLI writes`);
    }
    // The study was written into a hidden folder beside it, then moved into place: nothing of it is left.
    assert.deepEqual(readdirSync(workspacePath(WORK)).sort(), ['studi-baru', 'sumber', 'transkrip']);
  });
});
