/**
 * The study matrix webview's page, in the frame every page of ours has (webview-page.ts:
 * its strict Content Security Policy), with images from data: URLs for the PNG export.
 * Every text in it is escaped; the table itself is built by media/matrix.js from data
 * posted to it, with textContent only.
 */
import { escapeHtml } from '../../core/text';
import { webviewPage } from '../webview-page';

interface MatrixPageWords {
  title: string;
  exportSvg: string;
  exportPng: string;
  loading: string;
  legendSupporting: string;
  legendBalanced: string;
  legendInhibiting: string;
  legendIntensity: string;
  segmentsHeading: string;
  pickCell: string;
  keyboardHelp: string;
}

export interface MatrixPageParts {
  cspSource: string;
  nonce: string;
  /** The colour helpers (webview-colors.js), then the page's own script. */
  scriptUris: string[];
  styleUri: string;
  language: string;
  words: MatrixPageWords;
}

export function matrixPageHtml(parts: MatrixPageParts): string {
  const { words } = parts;
  const e = escapeHtml;
  return webviewPage({
    cspSource: parts.cspSource,
    nonce: parts.nonce,
    language: parts.language,
    title: words.title,
    styleUris: [parts.styleUri],
    scriptUris: parts.scriptUris,
    // Images only from data: URLs, for the PNG export.
    extraPolicy: [`img-src ${parts.cspSource} data:`, `font-src ${parts.cspSource}`],
    body: `<header class="toolbar">
  <h1 id="matrix-title">${e(words.title)}</h1>
  <span id="filter" class="filter" hidden></span>
  <span class="spacer"></span>
  <button type="button" id="export-svg">${e(words.exportSvg)}</button>
  <button type="button" id="export-png">${e(words.exportPng)}</button>
</header>
<p class="legend" aria-hidden="false">
  <span class="swatch swatch-supporting"></span>${e(words.legendSupporting)}
  <span class="swatch swatch-balanced"></span>${e(words.legendBalanced)}
  <span class="swatch swatch-inhibiting"></span>${e(words.legendInhibiting)}
  <span class="legend-intensity">${e(words.legendIntensity)}</span>
</p>
<p id="keyboard-help" class="help">${e(words.keyboardHelp)}</p>
<main id="matrix" aria-labelledby="matrix-title" aria-describedby="keyboard-help"><p class="loading">${e(words.loading)}</p></main>
<section id="segments" aria-live="polite" aria-labelledby="segments-heading">
  <h2 id="segments-heading">${e(words.segmentsHeading)}</h2>
  <p id="segments-hint" class="help">${e(words.pickCell)}</p>
  <ul id="segment-list"></ul>
</section>`,
  });
}
