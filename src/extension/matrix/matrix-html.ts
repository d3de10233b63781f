/**
 * The study matrix webview's page: a strict Content Security Policy (nothing by default;
 * the script only with this page's nonce; styles and the script only from the
 * extension's media folder; images only from data: URLs, for the PNG export), no inline
 * script, style or event handler. Every text in it is escaped; the table itself is built
 * by media/matrix.js from data posted to it, with textContent only.
 */
import { escapeHtml } from '../../core/text';

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
  scriptUri: string;
  styleUri: string;
  language: string;
  words: MatrixPageWords;
}

/** The policy of every webview page of the extension (the matrix, the co-occurrence table). */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** A fresh nonce: 128 random bits, base64. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

export function matrixPageHtml(parts: MatrixPageParts): string {
  const { words } = parts;
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${e(parts.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(parts.styleUri)}">
<title>${e(words.title)}</title>
</head>
<body>
<header class="toolbar">
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
</section>
<script nonce="${e(parts.nonce)}" src="${e(parts.scriptUri)}"></script>
</body>
</html>
`;
}
