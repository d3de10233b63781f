/**
 * The media panel's page (issue 17): a strict Content Security Policy — nothing by
 * default; the script only with this page's nonce and from the extension's media
 * folder; media only from the webview's own resource origin (`asWebviewUri` of a file in
 * the workspace folder), so nothing is loaded from outside. No inline script, style or
 * handler; every text escaped. media/media-player.js makes the player from messages.
 */
import { escapeHtml } from '../../core/text';

export interface MediaPageParts {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  language: string;
  words: { title: string; noRecording: string; rate: string; keys: string };
}

function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `media-src ${cspSource}`].join('; ');
}

export function mediaPageHtml(parts: MediaPageParts): string {
  const e = escapeHtml;
  const { words } = parts;
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
<header>
  <h1 id="name">${e(words.noRecording)}</h1>
  <p class="status"><span id="time">0:00</span> · ${e(words.rate)} <span id="rate">1×</span></p>
</header>
<main id="player"></main>
<p id="message" role="alert" hidden></p>
<p class="help">${e(words.keys)}</p>
<script nonce="${e(parts.nonce)}" src="${e(parts.scriptUri)}"></script>
</body>
</html>
`;
}
