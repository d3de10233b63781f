// Exporting the study through the workbench, as a user does: the command from the palette,
// the save dialog (code-server's own, a path typed into a quick input), the toast. What
// the extension wrote is compared with what the command line exports from the same files
// on disk: the CLI reads them with Node, the extension through workspace.fs — in a --web
// run from the browser's web worker extension host (run-ui-tests.mjs), where the file
// goes out through the editor's file system, not Node's.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO_ROOT } from '../../../scripts/real-vscode/paths.mjs';
import { answerFileDialog } from './file-dialogs.mjs';
import { findInCommandPalette, notificationToast, openWorkbench, screenshot, waitUntil, workspacePath } from './workbench.mjs';

/** Each export: its command, the title of its save dialog, the file typed there. */
const EXPORTS = [
  { title: 'Transcript Coder: Export Findings Report (Markdown)…', dialog: 'Export findings report (Markdown)', format: 'md', file: 'findings.md' },
  { title: 'Transcript Coder: Export Segments (CSV)…', dialog: 'Export coded segments (CSV)', format: 'csv', file: 'segments.csv' },
  { title: 'Transcript Coder: Export REFI-QDA Project (NVivo, ATLAS.ti, MAXQDA, QualCoder)…', dialog: 'Export REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)', format: 'qdpx', file: 'project.qdpx' },
  { title: 'Transcript Coder: Export Findings Report (Word)…', dialog: 'Export findings report (Word)', format: 'docx', file: 'findings.docx' },
];

/** What the CLI exports from the workspace on disk now. */
function cliExport(format, out) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'export', workspacePath(), '--format', format, '-o', out], { encoding: 'utf8' });
  assert.ok(existsSync(out), `the CLI exported nothing: ${result.stderr}`);
  return readFileSync(out);
}

/** A Word file's text: its document part, read with Python's zipfile (the .docx's own dates differ by the second). */
function wordDocument(file) {
  const result = spawnSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('Exporting the study through the workbench', function () {
  this.timeout(180_000);
  let workbench;
  const folder = workspacePath('.exports');
  const cliFolder = path.join(REPO_ROOT, '.vscode-test', 'cli-exports');

  before(async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    mkdirSync(cliFolder, { recursive: true });
    workbench = await openWorkbench('ui-export');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  for (const { title, dialog, format, file } of EXPORTS) {
    it(`"${title.replace('Transcript Coder: ', '')}" writes the file the command line writes from the same study`, async () => {
      const { page } = workbench;
      const target = path.join(folder, file);
      // Not runCommand: the palette's quick input becomes the save dialog's without ever hiding.
      await (await findInCommandPalette(page, title, title)).click();
      // code-server's save dialog: a quick input holding the default path; a path typed there is where the file goes.
      await answerFileDialog(page, dialog, `.exports/${file}`);
      const toast = notificationToast(page, `Exported .exports/${file}`);
      await toast.waitFor({ timeout: 60_000 });
      if (format === 'md') await screenshot(page, 'export-findings-toast');
      const exported = await waitUntil(() => (existsSync(target) ? readFileSync(target) : undefined), `${file} on disk`);
      const expected = cliExport(format, path.join(cliFolder, file));
      if (format === 'docx') assert.equal(wordDocument(target), wordDocument(path.join(cliFolder, file)));
      else assert.ok(exported.equals(expected), `${file} differs from the CLI's export (${exported.length} vs ${expected.length} bytes)`);
      await page.keyboard.press('Escape');
    });
  }
});
