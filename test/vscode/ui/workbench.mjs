// Helpers for UI tests: act on code-server's workbench in Chromium as a user would, and
// read the DOM. run-ui-tests.mjs starts code-server and passes its address in
// TC_WORKBENCH_URL and the folder to open in TC_WORKSPACE.
//
// Where things are in the DOM (VS Code 1.139): the command palette is
// `.quick-input-widget`, its entries `.quick-input-list .monaco-list-row`; notification
// toasts are in `.notifications-toasts`; tree items are `.monaco-list-row` inside their
// view's pane; status bar items are `.statusbar-item` with the id
// `<publisher>.<extension>.<item id>`; the visible hover is `.monaco-hover:not(.hidden)`.
//
// Text editors (see renderedLines below): every rendered row is absolutely positioned by
// its `top` in three layers — `.margin-view-overlays > div` (line numbers),
// `.view-overlays > div` (whole-line decorations: a `.cdr.ced-…` child whose background
// and border come from a generated stylesheet, so read them with getComputedStyle) and
// `.view-lines > .view-line` (the text; an `after` decoration is an empty
// `span.ced-…` whose `::after` has the content). Gutter icons are `.cgmr` elements in
// `.glyph-margin-widgets`, positioned by `top` too, with the icon as background-image.
/* global document, getComputedStyle -- the page.evaluate() callbacks below run in the browser */
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { launchBrowser } from '../../../scripts/real-vscode/browser.mjs';
import { ARTIFACTS_DIR, WORK_DIR } from '../../../scripts/real-vscode/paths.mjs';

/** Where a run's screenshots go: test-artifacts/ui/, or the folder of a --web run (run-ui-tests.mjs). */
export function screenshotDir() {
  return process.env.TC_SCREENSHOT_DIR ?? path.join(ARTIFACTS_DIR, 'ui');
}

/**
 * Opens the test workspace in a new headless Chromium and waits until the Explorer lists
 * it. Returns { page, close }.
 */
export async function openWorkbench(name = 'ui') {
  const baseUrl = process.env.TC_WORKBENCH_URL;
  const workspace = process.env.TC_WORKSPACE;
  if (!baseUrl || !workspace) throw new Error('TC_WORKBENCH_URL / TC_WORKSPACE unset: run through test/vscode/run-ui-tests.mjs');
  const { context, page } = await launchBrowser(name);
  // The workbench's console, written beside a FAILED screenshot (screenshot below).
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`${new Date().toISOString()} [${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`${new Date().toISOString()} [pageerror] ${error.stack ?? error}`));
  pageConsoles.set(page, consoleLines);
  const url = new URL(baseUrl);
  // A --virtual run opens the same folder through the test file system (a vscode-vfs://tc-test/ URI).
  url.searchParams.set('folder', process.env.TC_WORKBENCH_FOLDER ?? workspace);
  await page.goto(url.href, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The Explorer's rows appear once the remote file system answers: the workbench is usable.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  return { page, close: () => context.close() };
}

/** Presses F1 and types `text` into the command palette; returns the quick input box. */
export async function openCommandPalette(page, text = '') {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // F1 pre-fills '>' (command mode); type after it like a user.
  if (text) await page.keyboard.type(text);
  return input;
}

/** The command palette entry whose label contains `title`, e.g. "Transcript Coder: Show Study Summary". */
export function paletteEntry(page, title) {
  return page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
}

/**
 * Opens the palette, types `text` and waits for the entry `title`. The palette computes
 * its list when it opens, and an extension's commands arrive a little after the workbench
 * shows, so an early "No matching commands" is closed and the palette opened again.
 */
export async function findInCommandPalette(page, text, title, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openCommandPalette(page, text);
    const entry = paletteEntry(page, title);
    try {
      await entry.waitFor({ timeout: 2_000 });
      return entry;
    } catch {
      // The list renders only the rows in view: walk down a long one as a user would.
      if (await walkPaletteTo(page, entry)) return entry;
      if (Date.now() > deadline) {
        const listed = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
        throw new Error(`"${title}" not in the command palette after ${timeoutMs / 1000}s of typing "${text}"; it lists: ${JSON.stringify(listed)}`);
      }
    }
    await page.keyboard.press('Escape');
  }
}

/** Presses Down through the palette's list until `entry` is rendered; false if it never is. */
async function walkPaletteTo(page, entry) {
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const rendered = await rows.count();
  // Each row knows the length of the whole list.
  const total = rendered === 0 ? 0 : Number(await rows.first().getAttribute('aria-setsize')) || 0;
  if (total <= rendered) return false;
  for (let step = 0; step < total; step++) {
    await page.keyboard.press('ArrowDown');
    if (await entry.isVisible()) return true;
  }
  return false;
}

/** Runs a command from the palette by its full title ("Category: Title"). */
export async function runCommand(page, title) {
  const entry = await findInCommandPalette(page, title, title);
  await entry.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/** A notification toast containing `text`, for waitFor() or innerText(). */
export function notificationToast(page, text) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** Saves a full-window screenshot to test-artifacts/ui/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir(), { recursive: true });
  const file = path.join(screenshotDir(), `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  if (name.startsWith('FAILED')) await writeFailureLogs(page, file.replace(/\.png$/, '.log'));
  return file;
}

/** The console of each page openWorkbench opened, for the logs of a failure. */
const pageConsoles = new WeakMap();

/**
 * Beside a FAILED screenshot: the workbench's console and the browser-side logs (the web
 * worker extension host's, the window's), which live in the page's IndexedDB and are gone
 * with the browser profile — the first place to look when a --web or --virtual test fails.
 */
async function writeFailureLogs(page, file) {
  const { browserLogs } = await import('./extension-hosts.mjs');
  const logs = await browserLogs(page).catch((error) => ({ 'browserLogs() failed': String(error) }));
  const sections = [['workbench console', (pageConsoles.get(page) ?? []).join('\n')], ...Object.entries(logs)];
  writeFileSync(file, sections.map(([title, text]) => `===== ${title}\n${text}`).join('\n\n'));
}

// ---------------------------------------------------------------------------------------
// Waiting

/** Polls `probe` until it returns something other than undefined/false; throws after the timeout. */
export async function waitUntil(probe, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------
// The study on disk (the workspace copy the workbench has open)

/** Absolute path of a file in the test workspace. */
export function workspacePath(relative = '') {
  const workspace = process.env.TC_WORKSPACE;
  if (!workspace) throw new Error('TC_WORKSPACE unset: run through test/vscode/run-ui-tests.mjs');
  return path.join(workspace, ...relative.split('/').filter(Boolean));
}

export function readWorkspaceFile(relative) {
  return readFileSync(workspacePath(relative), 'utf8');
}

/**
 * Remembers a workspace file now; the returned function writes it back if it changed.
 * For after() hooks: a test that fails half-way must not leave a code behind for the
 * next test file (they share the workspace, and e.g. the summary counts codes).
 */
export function keepWorkspaceFile(relative) {
  const original = readWorkspaceFile(relative);
  return () => {
    if (readWorkspaceFile(relative) !== original) writeFileSync(workspacePath(relative), original);
  };
}

/** The sidecar of `transcript` (a path relative to the workspace), parsed. */
export function sidecarOnDisk(transcript) {
  const relative = `${transcript}.codes.yaml`;
  // A write through VS Code's remote file system (--web, --virtual) is not atomic: it
  // truncates the file, then writes it, and a read in between sees it empty (seen in CI: a
  // review test's probe parsed an empty sidecar as null). An empty sidecar is never what a
  // test waits for, so it is read again for up to 2 s before it is taken as it is.
  let text = readWorkspaceFile(relative);
  for (let waited = 0; text === '' && waited < 2_000; waited += 20) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    text = readWorkspaceFile(relative);
  }
  return parseYaml(text);
}

/** Grey of codes whose path the codebook does not know (src/extension/code-colors.ts). */
const UNKNOWN_CODE_COLOR = '#8c8c8c';

function resolveLabel(label, language, fallback) {
  if (label === undefined) return fallback;
  if (typeof label === 'string') return label;
  return label[language] || label.en || Object.values(label).find(Boolean) || fallback;
}

/**
 * What the extension should draw for a transcript, computed from its sidecar and the
 * codebook on disk: Map<line, { colors, labels }>. `colors` are the dimension colours of
 * every code on the line (sorted, lower case); `labels` the end-of-line labels of the codes
 * that start there ('Dimension › Indicator · Polarity · factor').
 */
export function expectedDecorations(transcript, language = 'en') {
  const codebook = parseYaml(readWorkspaceFile('codebook.yaml'));
  const sidecar = sidecarOnDisk(transcript);
  const expected = new Map();
  const at = (line) => expected.get(line) ?? expected.set(line, { colors: [], labels: [] }).get(line);
  for (const code of sidecar.codes ?? []) {
    const [frameworkId, dimensionId, indicatorId] = code.code.split('/');
    const dimension = codebook.frameworks.find((f) => f.id === frameworkId)?.dimensions.find((d) => d.id === dimensionId);
    const indicator = indicatorId === undefined ? undefined : dimension?.indicators?.find((i) => i.id === indicatorId);
    const known = dimension !== undefined && (indicatorId === undefined || indicator !== undefined);
    const color = (known ? dimension.color : UNKNOWN_CODE_COLOR).toLowerCase();
    const polarity = codebook.polarities?.find((p) => p.id === code.polarity);
    const codeText = !known
      ? code.code
      : indicator === undefined
        ? resolveLabel(dimension.label, language, dimension.id)
        : `${resolveLabel(dimension.label, language, dimension.id)} › ${resolveLabel(indicator.label, language, indicator.id)}`;
    for (let line = code.lines[0]; line <= code.lines[1]; line++) {
      const entry = at(line);
      if (!entry.colors.includes(color)) entry.colors.push(color);
      entry.colors.sort();
    }
    at(code.lines[0]).labels.push(`${codeText} · ${resolveLabel(polarity?.label, language, code.polarity)} · ${code.factor}`);
  }
  return expected;
}

// ---------------------------------------------------------------------------------------
// Settings of the UI profile

/**
 * A settings.json of the profile run-ui-tests.mjs serves (freshProfile('ui')): 'User' is
 * the user's own settings; 'Machine' holds the settings of the machine code-server runs
 * on (VS Code's "Remote" settings). In a remote window such as code-server, VS Code
 * applies settings of `machine` and `machine-overridable` scope only from 'Machine'.
 * The workbench reads both when it loads: write them before openWorkbench().
 */
export function settingsFile(kind = 'User') {
  return path.join(profileUserDataDir(), kind, 'settings.json');
}

/** The user-data folder of the profile code-server serves (run-ui-tests.mjs sets TC_USER_DATA). */
export function profileUserDataDir() {
  return process.env.TC_USER_DATA ?? path.join(WORK_DIR, 'profiles', 'ui', 'user-data');
}

/** Merges `patch` into a settings.json ('User' or 'Machine'); a value of undefined removes the key. */
export function updateSettings(patch, kind = 'User') {
  const file = settingsFile(kind);
  mkdirSync(path.dirname(file), { recursive: true });
  const settings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8') || '{}') : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete settings[key];
    else settings[key] = value;
  }
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

/** The coder name the UI tests give when the extension asks for one (no setting, no git user.name). */
export const UI_CODER = 'Peneliti Uji';

/**
 * Settings every coding UI test starts from: sidecars already nested in the Explorer, so
 * the extension's one-time "nest sidecars?" toast does not pop up over the editor in the
 * middle of a hover or a screenshot. The coder name is left alone: git's user.name, or
 * the extension asks once (answerCoderPrompt).
 */
export function useStudySettings() {
  updateSettings({
    'explorer.fileNesting.enabled': true,
    'explorer.fileNesting.patterns': { '*': '${capture}.codes.yaml' },
  });
}

// ---------------------------------------------------------------------------------------
// Editors

/** Opens a workspace file with Quick Open (Ctrl+P) like a user, and waits for its tab. */
export async function quickOpen(page, relative) {
  const name = relative.split('/').pop();
  const exactName = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  // The list reorders as results arrive: a click can land on the row that took the place of
  // the one found (a sidecar, `name.codes.yaml`, ranks beside its transcript). The file
  // opened is checked, and quick open is asked again if it was not this one.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(relative);
    // The file's row: its label is the name, its description the folder.
    const folder = relative.split('/').slice(0, -1).join('/');
    const row = page
      .locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exactName }) })
      .filter({ hasText: folder })
      .first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
    // A tab names its file in data-resource-name (its label may show less).
    const activeTab = page.locator('.tabs-container .tab.active').first();
    await activeTab.waitFor({ timeout: 15_000 });
    const opened = (await activeTab.getAttribute('data-resource-name')) ?? '';
    if (opened === name) break;
    if (attempt === 3) throw new Error(`quick open kept opening ${opened} instead of ${name}`);
  }
  await activeEditor(page).waitFor({ timeout: 15_000 });
}

/** The text editor of the active editor group. */
export function activeEditor(page) {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** Moves the cursor to the start of `line` (1-based) with Go to Line (Ctrl+G). */
export async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  await waitUntil(async () => (await cursorLine(page)) === line, `the cursor on line ${line}`);
}

/** The cursor's line, read from the status bar ("Ln 14, Col 1"). */
export async function cursorLine(page) {
  const text = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '');
  const match = /Ln (\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Whether the active text editor has keyboard focus. */
export async function editorHasFocus(page) {
  return page.evaluate(() => Boolean(document.querySelector('.editor-group-container.active .editor-instance .monaco-editor.focused')));
}

/** Whether the active tab shows unsaved changes. */
export async function activeTabIsDirty(page) {
  return page.evaluate(() => Boolean(document.querySelector('.tabs-container .tab.active.dirty')));
}

/**
 * What the active editor shows, row by row: [{ line, text, overlays, gutter, labels }] for
 * every rendered line, in order. `overlays`: the computed background and left border of
 * each whole-line decoration (`.cdr`) on the line; `gutter`: the colours of the gutter
 * icons (decoded from their SVG data URIs); `labels`: the text of `after` decorations.
 * Wrapped lines are merged into their line.
 */
export async function renderedLines(page) {
  const rows = await page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
    if (!editor) return [];
    const topOf = (element) => Math.round(parseFloat(element.style.top));
    const rowsByTop = new Map();
    const rowAt = (top) => rowsByTop.get(top) ?? rowsByTop.set(top, { top, number: undefined, text: '', overlays: [], gutter: [], labels: [] }).get(top);
    for (const margin of editor.querySelectorAll('.margin-view-overlays > div')) {
      const number = margin.querySelector('.line-numbers')?.textContent.trim();
      rowAt(topOf(margin)).number = number ? Number(number) : undefined;
    }
    for (const overlay of editor.querySelectorAll('.view-overlays > div')) {
      for (const cdr of overlay.querySelectorAll(':scope > .cdr')) {
        const style = getComputedStyle(cdr);
        rowAt(topOf(overlay)).overlays.push({
          className: cdr.className,
          wholeLine: cdr.style.width === '100%',
          background: style.backgroundColor,
          borderLeft: `${style.borderLeftWidth} ${style.borderLeftStyle} ${style.borderLeftColor}`,
        });
      }
    }
    for (const glyph of editor.querySelectorAll('.glyph-margin-widgets .cgmr')) {
      rowAt(topOf(glyph)).gutter.push(getComputedStyle(glyph).backgroundImage);
    }
    for (const viewLine of editor.querySelectorAll('.view-lines > .view-line')) {
      const row = rowAt(topOf(viewLine));
      row.text = viewLine.textContent.replace(/\u00a0/g, ' ');
      for (const span of viewLine.querySelectorAll('span[class*="ced-"]')) {
        const content = getComputedStyle(span, '::after').content;
        if (content && content !== 'none' && content !== 'normal') row.labels.push(content);
      }
    }
    return [...rowsByTop.values()].sort((a, b) => a.top - b.top);
  });
  const lines = [];
  for (const row of rows) {
    const previous = lines.at(-1);
    if (row.number === undefined) {
      // A wrapped line's continuation (or a row above the first whole line: skip it).
      if (previous === undefined) continue;
      previous.text += row.text;
      previous.overlays.push(...row.overlays);
      previous.gutter.push(...row.gutter);
      previous.labels.push(...row.labels.map(cssString));
      continue;
    }
    lines.push({
      line: row.number,
      text: row.text,
      overlays: row.overlays,
      gutter: row.gutter,
      labels: row.labels.map(cssString),
    });
  }
  for (const line of lines) line.gutterColors = [...new Set(line.gutter.flatMap(svgFillColors))].sort();
  return lines;
}

/** A computed `content` value ("\"text\"") as the string it shows. */
function cssString(content) {
  const match = /^"(.*)"$/s.exec(content);
  return match ? match[1].replace(/\\(.)/gs, '$1') : content;
}

/** The fill colours of an SVG data URI in a CSS url(), lower case. */
export function svgFillColors(backgroundImage) {
  const match = /url\("?data:image\/svg\+xml;base64,([^")]+)"?\)/.exec(backgroundImage);
  if (!match) return [];
  const svg = Buffer.from(match[1], 'base64').toString('utf8');
  return [...svg.matchAll(/fill="(#[0-9a-fA-F]{3,8})"/g)].map((m) => m[1].toLowerCase());
}

/** "#4e79a7" -> "rgb(78, 121, 167)"; with alpha (0–1) -> "rgba(78, 121, 167, 0.12)". */
export function cssColor(hex, alpha) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return alpha === undefined ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * The whole-line decorations an extension drew on a rendered line: VS Code names the
 * classes of extension decoration types `ced-…`; its own (bracket matches, selection and
 * range highlights) have other names, and most of them are not as wide as the line.
 */
export function codeOverlays(renderedLine) {
  return renderedLine.overlays.filter((overlay) => overlay.wholeLine && /\bced-/.test(overlay.className));
}

/**
 * Compares what the editor renders with what the sidecar on disk says, for the lines
 * rendered now. Returns a list of differences (empty when everything is drawn right):
 * every coded line has one whole-line decoration with a 3px left border in a dimension
 * colour of its codes and a faint (alpha 0x1f) background in that colour; its gutter icon
 * shows exactly the colours of its codes; a code's first line carries its label; uncoded
 * lines carry none of these.
 */
export function decorationDifferences(lines, expected, { labels = true } = {}) {
  const differences = [];
  for (const rendered of lines) {
    const want = expected.get(rendered.line);
    const overlays = codeOverlays(rendered);
    const where = `line ${rendered.line}`;
    if (want === undefined) {
      if (overlays.length > 0) differences.push(`${where} is not coded but has ${JSON.stringify(overlays)}`);
      if (rendered.gutterColors.length > 0) differences.push(`${where} is not coded but its gutter shows ${rendered.gutterColors}`);
      if (rendered.labels.length > 0) differences.push(`${where} is not coded but has the label ${JSON.stringify(rendered.labels)}`);
      continue;
    }
    // A wrapped line has one overlay per row: count kinds of decoration, not rows.
    const kinds = [...new Map(overlays.map((overlay) => [`${overlay.borderLeft}|${overlay.background}`, overlay])).values()];
    if (kinds.length !== 1) {
      differences.push(`${where} should have one whole-line decoration, has ${JSON.stringify(overlays)}`);
    } else {
      const [overlay] = kinds;
      const color = want.colors.find((hex) => overlay.borderLeft === `3px solid ${cssColor(hex)}`);
      if (color === undefined) differences.push(`${where}: left border ${overlay.borderLeft}, expected 3px solid in one of ${want.colors}`);
      else if (overlay.background !== cssColor(color, 0.12)) differences.push(`${where}: background ${overlay.background}, expected ${cssColor(color, 0.12)}`);
    }
    if (JSON.stringify(rendered.gutterColors) !== JSON.stringify(want.colors)) {
      differences.push(`${where}: gutter shows ${JSON.stringify(rendered.gutterColors)}, expected ${JSON.stringify(want.colors)}`);
    }
    if (labels) {
      const shown = rendered.labels.flatMap((label) => label.split('   ')).sort();
      if (JSON.stringify(shown) !== JSON.stringify([...want.labels].sort())) {
        differences.push(`${where}: end-of-line label ${JSON.stringify(shown)}, expected ${JSON.stringify(want.labels)}`);
      }
    }
  }
  return differences;
}

/**
 * Waits until the active editor draws `transcript`'s codes as its sidecar on disk says
 * (decorations arrive a moment after the editor, once the extension has read the
 * sidecar: up to ~8 s after the first file opens); returns { lines, expected,
 * differences } of the last look, and does not throw: assert on `differences`.
 */
export async function waitForDecorations(page, transcript, timeoutMs = 15_000, options = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const expected = expectedDecorations(transcript);
    const lines = await renderedLines(page);
    const differences = lines.length === 0 ? ['no lines rendered'] : decorationDifferences(lines, expected, options);
    if (differences.length === 0 || Date.now() > deadline) return { lines, expected, differences };
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------
// Quick picks, hovers, status bar, themes

/** The open quick input: { title, placeholder, value, rows: [{ text, ariaLabel, focused }] }. */
export async function quickPickState(page) {
  return page.evaluate(() => {
    const widget = document.querySelector('.quick-input-widget');
    const visible = widget && widget.style.display !== 'none' && widget.checkVisibility();
    if (!visible) return undefined;
    return {
      title: widget.querySelector('.quick-input-title')?.textContent ?? '',
      placeholder: widget.querySelector('input')?.placeholder ?? '',
      value: widget.querySelector('input')?.value ?? '',
      rows: [...widget.querySelectorAll('.quick-input-list .monaco-list-row')].map((row) => ({
        text: row.innerText,
        ariaLabel: row.getAttribute('aria-label') ?? '',
        focused: row.classList.contains('focused'),
      })),
    };
  });
}

/**
 * Waits for a quick pick titled `title` and returns its state; with `minRows`, also until it
 * renders that many rows (the title can show a moment before the items, e.g. when the
 * extension host runs in a web worker).
 */
export async function waitForQuickPick(page, title, timeoutMs = 15_000, minRows = 0) {
  return waitUntil(async () => {
    const state = await quickPickState(page);
    return state?.title === title && state.rows.length >= minRows ? state : undefined;
  }, `the quick pick "${title}"${minRows ? ` with ${minRows} rows` : ''}`, timeoutMs);
}

/** Waits until the focused row of the open quick pick contains `text`; returns the state. */
export async function waitForFocusedRow(page, text, timeoutMs = 10_000) {
  return waitUntil(async () => {
    const state = await quickPickState(page);
    return state?.rows.find((row) => row.focused)?.ariaLabel.includes(text) ? state : undefined;
  }, `a focused quick-pick row with "${text}"`, timeoutMs);
}

export async function waitForQuickInputHidden(page, timeoutMs = 10_000) {
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** A status bar item contributed by this extension, by its id (e.g. 'transcriptCoder.codes'). */
export function extensionStatusItem(page, id) {
  return page.locator(`[id="transcript-coder.transcript-coder.${id}"]`);
}

/**
 * Rests the mouse on the text of `line` in the active editor (it must be rendered) and
 * returns the visible hover widget once it shows `text`.
 */
export async function hoverOverLine(page, line, text, timeoutMs = 10_000) {
  await page.mouse.move(1, 1); // leave any previous hover first
  const box = await page.evaluate((wanted) => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
    const margin = [...editor.querySelectorAll('.margin-view-overlays > div')].find((div) => div.querySelector('.line-numbers')?.textContent.trim() === String(wanted));
    if (!margin) return undefined;
    const viewLine = [...editor.querySelectorAll('.view-lines > .view-line')].find((div) => div.style.top === margin.style.top);
    const rect = viewLine?.firstElementChild?.getBoundingClientRect();
    return rect && { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  }, line);
  if (box === undefined) throw new Error(`line ${line} is not rendered`);
  await page.mouse.move(box.x + Math.min(250, box.width / 2), box.y + box.height / 2, { steps: 4 });
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
  await hover.waitFor({ state: 'visible', timeout: timeoutMs });
  return hover;
}

/** Picks a colour theme by its name with "Preferences: Color Theme", like a user. */
export async function pickColorTheme(page, name) {
  const entry = await findInCommandPalette(page, 'Preferences: Color Theme', 'Preferences: Color Theme');
  await entry.click();
  await page.locator('.quick-input-widget input[placeholder^="Select Color Theme"]').waitFor({ timeout: 15_000 });
  await page.keyboard.type(name);
  // The row whose label is exactly the theme's name (typing "Dark Modern" also lists "Dark Modern+…").
  await waitUntil(async () => {
    const state = await quickPickState(page);
    const focused = state?.rows.find((row) => row.focused);
    return focused !== undefined && (focused.ariaLabel === name || focused.ariaLabel.startsWith(`${name},`));
  }, `the theme "${name}" focused in the picker`);
  await page.keyboard.press('Enter');
  await waitForQuickInputHidden(page);
}

/**
 * Codes the cursor's lines through the three picks, from the keyboard: Ctrl+Alt+K, type
 * `search` and take the code whose path is `codePath`, type `polarity` (its label), type
 * `factor`. Resolves when the picks are closed. If the extension then asks for the coder's
 * name, answers UI_CODER when `answerCoder` is set, and throws otherwise.
 */
export async function codeThroughPicks(page, { search, codePath, polarity, factor, answerCoder = true }) {
  await page.keyboard.press('Control+Alt+K');
  // The code and polarity picks are waited for with their rows drawn: a key pressed while
  // only the title shows reaches no row.
  await waitForQuickPick(page, 'Code the selected lines', 15_000, 1);
  await page.keyboard.type(search);
  await waitForFocusedRow(page, codePath);
  await page.keyboard.press('Enter');
  await waitForQuickPick(page, 'Polarity', 15_000, 1);
  await page.keyboard.type(polarity);
  await waitForFocusedRow(page, polarity);
  await page.keyboard.press('Enter');
  await waitForQuickPick(page, 'Factor');
  await page.keyboard.type(factor);
  await waitForFocusedRow(page, factor);
  await page.keyboard.press('Enter');
  const asked = await answerCoderPrompt(page, answerCoder);
  const still = await quickPickState(page);
  if (still !== undefined) throw new Error(`after the factor pick, VS Code asks: ${JSON.stringify({ title: still.title, value: still.value })}`);
  return asked;
}

/**
 * After the last pick, the extension asks for the coder's name once when neither the
 * setting nor git's user.name gives one. Types UI_CODER into that box when it shows (and
 * `answer` is set); returns whether it showed.
 */
export async function answerCoderPrompt(page, answer = true) {
  await sleep(1_000); // the box follows the closing pick after a moment, or never
  const state = await quickPickState(page);
  if (state?.title !== 'Coder name') return false;
  if (!answer) throw new Error(`the extension asks for the coder name (prefilled "${state.value}")`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(UI_CODER);
  await page.keyboard.press('Enter');
  await waitForQuickInputHidden(page);
  return true;
}

/**
 * The colours a reader sees on `line` of the active editor (computed CSS colours): the
 * editor's background, the colours of the transcript text's tokens, the code's whole-line
 * background and left border, and the end-of-line label.
 */
export async function editorColors(page, line) {
  return page.evaluate((wanted) => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
    const margin = [...editor.querySelectorAll('.margin-view-overlays > div')].find((div) => div.querySelector('.line-numbers')?.textContent.trim() === String(wanted));
    if (!margin) return undefined;
    const top = margin.style.top;
    const viewLine = [...editor.querySelectorAll('.view-lines > .view-line')].find((div) => div.style.top === top);
    const overlay = [...editor.querySelectorAll('.view-overlays > div')].find((div) => div.style.top === top)?.querySelector('.cdr[class*="ced-"]');
    // The label is on the line's last row when it wraps.
    const rows = [...editor.querySelectorAll('.view-lines > .view-line')].filter((div) => parseFloat(div.style.top) >= parseFloat(top)).sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    const label = rows.flatMap((row) => [...row.querySelectorAll('span[class*="ced-"]')]).find((span) => !['none', 'normal'].includes(getComputedStyle(span, '::after').content));
    const tokens = viewLine ? [...viewLine.querySelectorAll('span[class^="mtk"]')] : [];
    return {
      editorBackground: getComputedStyle(editor.querySelector('.monaco-editor-background') ?? editor).backgroundColor,
      // Every colour the line's text is drawn in (timestamp, speaker, speech, notes).
      texts: [...new Set(tokens.map((token) => getComputedStyle(token).color))],
      lineBackground: overlay && getComputedStyle(overlay).backgroundColor,
      border: overlay && getComputedStyle(overlay).borderLeftColor,
      label: label && getComputedStyle(label, '::after').color,
    };
  }, line);
}

/** "rgb(r, g, b)" / "rgba(r, g, b, a)" -> [r, g, b, a]. */
export function parseCssColor(css) {
  const match = /rgba?\(([^)]+)\)/.exec(css ?? '');
  if (!match) throw new Error(`not a CSS colour: ${css}`);
  const [r, g, b, a = 1] = match[1].split(',').map((part) => Number(part.trim()));
  return [r, g, b, a];
}

/** A translucent colour painted over an opaque one, as the reader sees it. */
export function composite(over, under) {
  const [r, g, b, a] = parseCssColor(over);
  const [R, G, B] = parseCssColor(under);
  return `rgb(${[r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)].map(Math.round).join(', ')})`;
}

/** WCAG 2 contrast ratio of two opaque CSS colours (1 to 21). */
export function contrastRatio(first, second) {
  const luminance = (css) => {
    const [r, g, b] = parseCssColor(css).map((channel) => channel / 255);
    const linear = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

// ---------------------------------------------------------------------------------------
// The side bar's views and webview panels (sidebar.test.mjs)
//
// The activity bar lists view containers as `.activitybar .action-item` whose link has the
// container's title as aria-label. A container's views are `.pane`s in `.sidebar`, each
// with a `.pane-header` (title in `.title`) and a tree of `.monaco-list-row`s (aria-level,
// aria-expanded). A webview panel is an `iframe.webview` in the workbench, whose page
// holds a second iframe, `#active-frame`, with the extension's HTML.

/** Clicks the activity bar icon of the view container titled `title` and waits for its side bar. */
export async function openViewContainer(page, title) {
  const icon = page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  await icon.waitFor({ timeout: 30_000 });
  const container = page.locator('.sidebar .composite.title', { hasText: title }).first();
  if (!(await container.isVisible().catch(() => false))) await icon.click();
  await container.waitFor({ timeout: 15_000 });
  return icon;
}

/** The view (pane) of the side bar whose header says `title`. */
export function viewPane(page, title) {
  return page.locator('.sidebar .pane', { has: page.locator('.pane-header .title', { hasText: title }) }).first();
}

/** Expands a collapsed view of the side bar by its header. */
export async function expandViewPane(page, title) {
  const header = viewPane(page, title).locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await waitUntil(async () => (await header.getAttribute('aria-expanded')) === 'true', `the view "${title}" expanded`);
}

/** The rows a view's tree renders now: [{ text, level, expanded, selected }]. */
export async function treeRowsOf(page, title) {
  const rows = viewPane(page, title).locator('.monaco-list-row');
  const count = await rows.count();
  const out = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    out.push({
      text: (await row.innerText()).replace(/\s+/g, ' ').trim(),
      label: (await row.getAttribute('aria-label')) ?? '',
      level: Number(await row.getAttribute('aria-level')),
      expanded: await row.getAttribute('aria-expanded'),
      selected: (await row.getAttribute('aria-selected')) === 'true',
    });
  }
  return out;
}

/** The row of a view's tree whose text contains `text`. */
export function treeRow(page, title, text) {
  return viewPane(page, title).locator('.monaco-list-row', { hasText: text }).first();
}

/** The page inside the (last opened) webview panel, for locators. */
export function webviewContent(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}
