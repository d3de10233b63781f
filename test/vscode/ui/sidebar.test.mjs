// The Transcript Coder side bar and the study matrix, as a user sees them: the activity
// bar icon opens the container, the Factors by Agency tree lists the study's agencies and
// expands into dimensions, and the matrix webview draws one focusable cell per agency ×
// dimension that the keyboard can walk and open.
/* global getComputedStyle -- the evaluateAll() callbacks run in the browser */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { parse as parseYaml } from 'yaml';
import {
  contrastRatio,
  expandViewPane,
  pickColorTheme,
  notificationToast,
  openViewContainer,
  openWorkbench,
  readWorkspaceFile,
  runCommand,
  screenshot,
  treeRow,
  treeRowsOf,
  useStudySettings,
  waitUntil,
  webviewContent,
  workspacePath,
} from './workbench.mjs';

const FACTORS = 'Factors by Agency';
const CODEBOOK = 'Codebook';

/** The agencies the sidecars on disk name (and the example's front-matter agency, the same one). */
function agenciesOnDisk() {
  const agencies = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.codes.yaml')) {
        const relative = path.relative(workspacePath(), full).split(path.sep).join('/');
        const agency = parseYaml(readWorkspaceFile(relative))?.attributes?.agency;
        if (typeof agency === 'string' && agency.trim() !== '') agencies.add(agency.trim());
      }
    }
  };
  walk(workspacePath('transcripts'));
  return [...agencies].sort();
}

/** Every sidecar's bytes, by path. */
function sidecarsOnDisk() {
  const found = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.codes.yaml')) found.set(path.relative(workspacePath(), full), readFileSync(full));
    }
  };
  walk(workspacePath('transcripts'));
  return found;
}

/**
 * Right-clicks `row` and picks `item` from its context menu, until `opened` shows (a
 * menu clicked while it is still opening can swallow the click).
 */
async function fromContextMenu(page, row, item, opened) {
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: item }).first();
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
    await entry.hover();
    await entry.click();
    try {
      await opened.waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

function dimensionLabels() {
  const codebook = parseYaml(readWorkspaceFile('codebook.yaml'));
  return codebook.frameworks.flatMap((framework) => framework.dimensions.map((dimension) => dimension.label?.en ?? dimension.id));
}

describe('Sidebar and study matrix', function () {
  this.timeout(120_000);
  let workbench;

  before(async () => {
    useStudySettings();
    workbench = await openWorkbench('ui-sidebar');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
  });

  it('opens the Transcript Coder container from the activity bar and lists the agencies', async () => {
    const { page } = workbench;
    await openViewContainer(page, 'Transcript Coder');
    const agencies = agenciesOnDisk();
    assert.ok(agencies.length >= 2, `the example study names two agencies: ${agencies}`);
    const rows = await waitUntil(async () => {
      const shown = await treeRowsOf(page, FACTORS);
      return agencies.every((agency) => shown.some((row) => row.level === 1 && row.text.startsWith(agency))) ? shown : undefined;
    }, `the agencies ${agencies.join(', ')} in ${FACTORS}`, 30_000);
    for (const agency of agencies) {
      const row = rows.find((r) => r.level === 1 && r.text.startsWith(agency));
      assert.match(row.text, /\d+ segments · \d+ informants/, `counts beside ${agency}`);
      assert.equal(row.expanded, 'false', 'agencies start collapsed');
    }
    await screenshot(page, 'sidebar-agencies');
  });

  it('expands an agency into its dimensions, and a dimension into polarities and factors', async () => {
    const { page } = workbench;
    const [agency] = agenciesOnDisk();
    await treeRow(page, FACTORS, agency).click();
    await page.keyboard.press('ArrowRight');
    const labels = dimensionLabels();
    const rows = await waitUntil(async () => {
      const shown = await treeRowsOf(page, FACTORS);
      return shown.some((row) => row.level === 2) ? shown : undefined;
    }, `the dimensions of ${agency}`);
    const dimensions = rows.filter((row) => row.level === 2);
    assert.ok(dimensions.length > 0);
    assert.ok(dimensions.every((row) => labels.some((label) => row.text.startsWith(label))), JSON.stringify(dimensions));
    assert.equal(rows.find((row) => row.level === 1 && row.text.startsWith(agency))?.expanded, 'true');

    await treeRow(page, FACTORS, dimensions[0].text.split(' ')[0]).click();
    await page.keyboard.press('ArrowRight');
    const deeper = await waitUntil(async () => {
      const shown = await treeRowsOf(page, FACTORS);
      return shown.some((row) => row.level === 3) ? shown : undefined;
    }, 'the polarities of the first dimension');
    const polarities = deeper.filter((row) => row.level === 3);
    assert.ok(polarities.length > 0);
    // The row's text runs label and description together; its aria-label keeps them apart.
    assert.ok(polarities.every((row) => /^(Supporting|Inhibiting|Effort to overcome|Descriptive) \d+ factors? · \d+ segments?/.test(row.label)), JSON.stringify(polarities));
    await screenshot(page, 'sidebar-expanded');
  });

  it('shows the codebook with its dimensions and counts', async () => {
    const { page } = workbench;
    await expandViewPane(page, CODEBOOK);
    const labels = dimensionLabels();
    const rows = await waitUntil(async () => {
      const shown = await treeRowsOf(page, CODEBOOK);
      return labels.every((label) => shown.some((row) => row.text.startsWith(label))) ? shown : undefined;
    }, `the dimensions ${labels.join(', ')} in ${CODEBOOK}`);
    for (const label of labels) assert.match(rows.find((row) => row.text.startsWith(label)).text, /\d+ segments?/);
    await screenshot(page, 'sidebar-codebook');
  });

  it('draws the study matrix as a table of focusable cells that the keyboard can walk and open', async () => {
    const { page } = workbench;
    await runCommand(page, 'Transcript Coder: Show Study Matrix');
    const frame = webviewContent(page);
    const cells = frame.locator('table.matrix td[role="gridcell"]');
    const agencies = agenciesOnDisk();
    const dimensions = dimensionLabels();
    await waitUntil(async () => (await cells.count()) === agencies.length * dimensions.length, `${agencies.length} × ${dimensions.length} cells`, 30_000);
    const rowHeaders = await frame.locator('table.matrix tbody th[scope="row"]').allInnerTexts();
    assert.deepEqual(rowHeaders.map((text) => text.trim()), agencies);
    const columnHeaders = await frame.locator('table.matrix thead th[scope="col"]').allInnerTexts();
    assert.deepEqual(columnHeaders.slice(1).map((text) => text.trim()), dimensions);
    const first = cells.first();
    assert.match(await first.innerText(), /Supporting: \d+\s+Inhibiting: \d+\s+Effort to overcome: \d+/);
    assert.equal(await first.getAttribute('tabindex'), '0', 'one cell is in the tab order');
    const filled = await cells.evaluateAll((tds) => tds.filter((td) => td.style.backgroundColor !== '').length);
    assert.ok(filled > 0, 'cells with segments are coloured');

    await first.focus();
    await page.keyboard.press('ArrowRight');
    const focusedLabel = await frame.locator('td:focus').getAttribute('aria-label');
    assert.ok(focusedLabel?.startsWith(`${agencies[0]} × ${dimensions[1]}`), `ArrowRight moves to the next dimension: ${focusedLabel}`);
    await page.keyboard.press('ArrowDown');
    assert.ok((await frame.locator('td:focus').getAttribute('aria-label'))?.startsWith(`${agencies[1]} × ${dimensions[1]}`), 'ArrowDown moves to the next agency');
    // Find a cell with segments and open it with Enter.
    const target = await cells.evaluateAll((tds) => tds.findIndex((td) => !td.classList.contains('empty')));
    assert.ok(target >= 0);
    await cells.nth(target).focus();
    await page.keyboard.press('Enter');
    const segments = frame.locator('#segment-list button.segment');
    await waitUntil(async () => (await segments.count()) > 0, 'the segments of the cell');
    assert.match(await segments.first().innerText(), /“.+”/s);
    await screenshot(page, 'study-matrix');

    // Enter on a segment opens its transcript.
    await segments.first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: /\.(txt|md)$/ }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'study-matrix-opened-segment');
  });

  it('keeps the matrix readable in a dark and a high-contrast theme: every count has 4.5:1 contrast on its cell', async () => {
    const { page } = workbench;
    const frame = webviewContent(page);
    try {
      for (const theme of ['Dark 2026', 'Light High Contrast']) {
        await pickColorTheme(page, theme);
        await runCommand(page, 'Transcript Coder: Show Study Matrix');
        await frame.locator(`body.${theme.startsWith('Dark') ? 'vscode-dark' : 'vscode-high-contrast-light'}`).waitFor({ timeout: 15_000 });
        const cells = await waitUntil(async () => {
          const found = await frame.locator('table.matrix td[role="gridcell"]').evaluateAll((tds) =>
            tds.map((td) => ({ empty: td.classList.contains('empty'), color: getComputedStyle(td).color, background: getComputedStyle(td).backgroundColor })),
          );
          return found.length > 0 ? found : undefined;
        }, `the matrix in ${theme}`);
        for (const cell of cells.filter((c) => !c.empty)) {
          const ratio = contrastRatio(cell.color, cell.background);
          assert.ok(ratio >= 4.5, `${theme}: ${cell.color} on ${cell.background} has contrast ${ratio.toFixed(2)}`);
        }
        await screenshot(page, `study-matrix-${theme.replace(/\s+/g, '-').toLowerCase()}`);
      }
    } finally {
      await pickColorTheme(page, 'Light 2026');
    }
  });

  it('renames a factor from its context menu: shows what will change, applies on confirmation, and undoes from the notification', async () => {
    const { page } = workbench;
    await page.keyboard.press('Escape');
    await openViewContainer(page, 'Transcript Coder');
    // BKPSDM › Organization is expanded by the test above: open its inhibiting factors.
    await treeRow(page, FACTORS, 'Inhibiting').click();
    await page.keyboard.press('ArrowRight');
    const factorRow = await waitUntil(async () => {
      const rows = await treeRowsOf(page, FACTORS);
      return rows.find((row) => row.level === 4);
    }, 'the inhibiting factors');
    const factor = factorRow.label.split('\n')[0].replace(/ \d+ segments?.*$/u, '');
    const before = sidecarsOnDisk();
    const shared = [...before.entries()].filter(([, bytes]) => bytes.toString('utf8').includes(`factor: ${factor}`)).map(([file]) => file);
    assert.ok(shared.length > 0, `some sidecar names the factor "${factor}"`);

    await fromContextMenu(page, treeRow(page, FACTORS, factor), 'Rename Factor across the Study', page.locator('.quick-input-widget input'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${factor} (uji UI)`);
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    const preview = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.ok(preview.includes(`Rename the factor "${factor}" to "${factor} (uji UI)" across the study`), preview);
    for (const file of shared) assert.ok(preview.includes(file.split(path.sep).join('/')), `the preview names ${file}: ${preview}`);
    await screenshot(page, 'sidebar-rename-preview');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    for (const [file, bytes] of before) assert.ok(readFileSync(workspacePath(file)).equals(bytes), `cancel leaves ${file} as it was`);

    // Again, and this time apply it.
    await fromContextMenu(page, treeRow(page, FACTORS, factor), 'Rename Factor across the Study', page.locator('.quick-input-widget input'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${factor} (uji UI)`);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.locator('.monaco-button', { hasText: 'Rename' }).click();
    const toast = notificationToast(page, 'segment(s) changed in');
    await toast.waitFor({ timeout: 15_000 });
    await waitUntil(() => shared.every((file) => readFileSync(workspacePath(file), 'utf8').includes(`factor: ${factor} (uji UI)`)), 'every sidecar renamed');
    await waitUntil(async () => (await treeRowsOf(page, FACTORS)).some((row) => row.text.startsWith(`${factor} (uji UI)`)), 'the tree to show the new name');
    await screenshot(page, 'sidebar-rename-applied');
    await toast.locator('.monaco-button', { hasText: 'Undo' }).click();
    await waitUntil(() => [...before].every(([file, bytes]) => readFileSync(workspacePath(file)).equals(bytes)), 'undo to restore every sidecar byte for byte');
  });
});
