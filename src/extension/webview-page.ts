/**
 * The frame of every webview page of the extension (the study matrix, the co-occurrence
 * table, the media panel): a strict Content Security Policy — nothing by default, styles
 * only from the extension (the webview's resource origin), scripts only with this page's
 * nonce, plus what a page needs beyond that (images for the PNG export, media for the
 * player) — and no inline script, style or event handler. Every text is escaped; each
 * page's own script builds its content from posted data with textContent only.
 */
import { escapeHtml } from '../core/text';
import { toBase64 } from './base64';

export interface WebviewPageParts {
  cspSource: string;
  nonce: string;
  language: string;
  title: string;
  styleUris: readonly string[];
  scriptUris: readonly string[];
  /** Directives beyond the base policy, e.g. `media-src <cspSource>`. */
  extraPolicy?: readonly string[];
  /** The page's body, already escaped. */
  body: string;
}

/** A fresh nonce: 128 random bits, base64. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return toBase64(bytes);
}

export function webviewPage(parts: WebviewPageParts): string {
  const e = escapeHtml;
  const policy = ["default-src 'none'", `style-src ${parts.cspSource}`, `script-src 'nonce-${parts.nonce}'`, ...(parts.extraPolicy ?? [])].join('; ');
  return `<!DOCTYPE html>
<html lang="${e(parts.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${parts.styleUris.map((uri) => `<link rel="stylesheet" href="${e(uri)}">`).join('\n')}
<title>${e(parts.title)}</title>
</head>
<body>
${parts.body}
${parts.scriptUris.map((uri) => `<script nonce="${e(parts.nonce)}" src="${e(uri)}"></script>`).join('\n')}
</body>
</html>
`;
}
