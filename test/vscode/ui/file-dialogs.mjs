// code-server's own file dialogs (VS Code's SimpleFileDialog: a quick input holding a path,
// for open and save alike), answered as a user does: type the path, accept, and accept
// again while the dialog stays open.
//
// Why again: the dialog lists each folder as the path is typed. An accept that comes before
// it has listed the typed path's folder only moves it there (code-server 4.139.1:
// SimpleFileDialog.onDidAccept returns without a result when tryUpdateItems changed the
// folder), and the dialog stays open holding the typed path. On a slow file system — a
// --virtual run reads through the test's vscode-vfs provider — that happens now and then;
// the user presses again, and so does this. Retries click the dialog's OK button, not Enter:
// if the dialog closes at that moment, a click finds nothing, where an Enter would reach the editor.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { quickPickState, waitForQuickPick, waitUntil, workspacePath } from './workbench.mjs';

/** Accepts pressed before the dialog is said to refuse the path. */
const ACCEPTS = 4;
/** How long one accept may take to close the dialog before it is pressed again. */
const ACCEPT_TIMEOUT_MS = 5_000;

/**
 * The path to type for `relative` (inside the workspace; a folder ends in '/'), given the
 * path the dialog shows when it opens: the workspace as the dialog's file system names it.
 * Where the dialog starts elsewhere (in a --virtual run an open dialog starts on the
 * server's disk, not on the test's vscode-vfs workspace), the file's path on that disk.
 */
function pathToType(shown, relative) {
  const root = path.basename(workspacePath());
  const at = shown.indexOf(`/${root}/`);
  return at >= 0 ? `${shown.slice(0, at + root.length + 1)}/${relative}` : `${workspacePath(relative)}${relative.endsWith('/') ? '/' : ''}`;
}

/** Resolves true once the quick input titled `title` has closed or given way to another, false after `timeoutMs`. */
async function dialogGone(page, title, timeoutMs) {
  return waitUntil(async () => (await quickPickState(page))?.title !== title, `"${title}" to close`, timeoutMs).then(
    () => true,
    () => false,
  );
}

/**
 * Answers the open or save dialog titled `title` with `relative`, a path inside the
 * workspace (a folder ends in '/': Enter opens it in the dialog, and its OK button takes
 * it). Returns once the dialog has taken the path (closed, or given way to the next quick
 * input); throws, saying what the dialog holds, when it is still open after ACCEPTS accepts.
 */
export async function answerFileDialog(page, title, relative) {
  const input = page.locator('.quick-input-widget input');
  await waitForQuickPick(page, title, 30_000);
  // It lists the folder once it has read it, and sets its path again then: type after that.
  await waitUntil(async () => (await input.inputValue()).startsWith('/') && (await quickPickState(page))?.rows.length >= 1, `the dialog "${title}" to list a folder`);
  await sleep(500);
  const typed = pathToType(await input.inputValue(), relative);
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typed);
  await waitUntil(async () => (await input.inputValue()) === typed, `the typed path in "${title}"`);
  await sleep(500);
  await page.keyboard.press('Enter');
  const folder = typed.endsWith('/');
  // A folder: that Enter opened it in the dialog; a file: it was the first accept.
  if (folder) await waitUntil(async () => (await input.inputValue()) === typed && (await quickPickState(page))?.rows.length >= 1, `"${title}" in the folder`);
  const ok = page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' });
  const pressOk = () => ok.click({ timeout: ACCEPT_TIMEOUT_MS }).catch(() => {});
  if (folder) await pressOk();
  for (let accepts = 1; !(await dialogGone(page, title, ACCEPT_TIMEOUT_MS)); accepts++) {
    const held = (await quickPickState(page))?.value;
    if (accepts === ACCEPTS) {
      const message = await page.locator('.quick-input-widget .quick-input-message').textContent({ timeout: 1_000 }).catch(() => '');
      throw new Error(`the dialog "${title}" did not take "${typed}" in ${ACCEPTS} accepts: it holds "${held}"${message ? `, saying "${message}"` : ''}`);
    }
    console.log(`      the dialog "${title}" let accept ${accepts} go by (it holds "${held}"); pressing OK again`);
    await pressOk();
  }
}
