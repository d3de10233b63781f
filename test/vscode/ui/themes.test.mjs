// The example transcript in a dark, a light and both high-contrast themes: the codes are
// drawn the same way in each, and the text stays readable on the tinted lines. Screenshots
// test-artifacts/ui/theme-*.png are for a person to look at.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  composite,
  contrastRatio,
  editorColors,
  goToLine,
  openWorkbench,
  pickColorTheme,
  quickOpen,
  screenshot,
  updateSettings,
  useStudySettings,
  waitForDecorations,
  waitUntil,
} from './workbench.mjs';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
// Theme name in the picker -> the class VS Code puts on the workbench for its kind.
const THEMES = [
  ['Dark 2026', 'vs-dark'],
  ['Light 2026', 'vs'],
  ['Dark High Contrast', 'hc-black'],
  ['Light High Contrast', 'hc-light'],
];
// Lines with codes of each dimension's colour: interpretation (11), application (14), organization (18).
const SAMPLE_LINES = [11, 14, 18];

describe('Themes', function () {
  this.timeout(180_000);
  let workbench;

  before(async () => {
    useStudySettings();
    // Wrapped lines, so the end-of-line labels are on screen in the screenshots.
    updateSettings({ 'editor.wordWrap': 'on' });
    workbench = await openWorkbench('ui-themes');
    await quickOpen(workbench.page, KABAN);
    await workbench.page.keyboard.press('Control+B'); // hide the side bar: more of each line shows
    await waitForDecorations(workbench.page, KABAN, 30_000); // the extension activates and reads the study first
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
    updateSettings({ 'editor.wordWrap': undefined, 'workbench.colorTheme': undefined });
  });

  for (const [theme, kind] of THEMES) {
    it(`draws the codes and keeps the text readable in ${theme}`, async () => {
      const { page } = workbench;
      await pickColorTheme(page, theme);
      await waitUntil(async () => (await page.locator('.monaco-workbench').getAttribute('class')).split(' ').includes(kind), `the ${kind} theme applied`);
      await goToLine(page, 9);
      await page.mouse.move(1, 1);
      const { differences } = await waitForDecorations(page, KABAN);
      await screenshot(page, `theme-${theme}`);
      assert.deepEqual(differences, [], `the codes are drawn as the sidecar says in ${theme}`);
      const report = [];
      for (const line of SAMPLE_LINES) {
        const colors = await editorColors(page, line);
        assert.ok(colors?.lineBackground && colors.label && colors.texts.length > 0, `line ${line} is on screen with its decoration and label: ${JSON.stringify(colors)}`);
        const tinted = composite(colors.lineBackground, colors.editorBackground);
        // Per text colour: its contrast on the tinted line, and what the tint costs it.
        const texts = colors.texts.map((color) => ({ color, onLine: contrastRatio(color, tinted), plain: contrastRatio(color, colors.editorBackground) }));
        const worst = texts.reduce((a, b) => (b.onLine < a.onLine ? b : a));
        const label = contrastRatio(composite(colors.label, colors.editorBackground), tinted);
        const border = contrastRatio(colors.border, colors.editorBackground);
        report.push(`line ${line}: text ≥ ${worst.onLine.toFixed(1)}:1 (${worst.plain.toFixed(1)}:1 untinted), label ${label.toFixed(1)}:1, border ${border.toFixed(1)}:1`);
        for (const text of texts) {
          // The faint background may cost a little contrast, never much: at most 15%, unless
          // the text still has WCAG's enhanced contrast (7:1) on the tinted line.
          assert.ok(text.onLine >= Math.min(7, 0.85 * text.plain), `${theme}, line ${line}: the tint takes text in ${text.color} from ${text.plain.toFixed(2)}:1 to ${text.onLine.toFixed(2)}:1`);
          // And every part of the line stays legible: WCAG's 3:1 floor (large text, UI parts).
          assert.ok(text.onLine >= 3, `${theme}, line ${line}: text in ${text.color} on ${tinted} has contrast ${text.onLine.toFixed(2)}:1 (< 3)`);
        }
        // The label is secondary (italic, dimmed), but must stay legible: 3:1 as a floor.
        assert.ok(label >= 3, `${theme}, line ${line}: the label ${colors.label} on ${tinted} has contrast ${label.toFixed(2)}:1 (< 3)`);
      }
      console.log(`      ${theme}: ${report.join('; ')}`);
    });
  }
});
