/**
 * The media panel's page (issue 17): a strict Content Security Policy — nothing by
 * default; the script only with this page's nonce and from the extension's media
 * folder; media only from the webview's own resource origin (`asWebviewUri` of a file in
 * the workspace folder), so nothing is loaded from outside. No inline script, style or
 * handler; every text escaped. media/media-player.js makes the player from messages.
 */
import { escapeHtml } from '../../core/text';
import { webviewPage } from '../webview-page';

export interface MediaPageParts {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  language: string;
  words: { title: string; noRecording: string; rate: string; keys: string };
}

export function mediaPageHtml(parts: MediaPageParts): string {
  const e = escapeHtml;
  const { words } = parts;
  return webviewPage({
    cspSource: parts.cspSource,
    nonce: parts.nonce,
    language: parts.language,
    title: words.title,
    styleUris: [parts.styleUri],
    scriptUris: [parts.scriptUri],
    extraPolicy: [`media-src ${parts.cspSource}`],
    body: `<header>
  <h1 id="name">${e(words.noRecording)}</h1>
  <p class="status"><span id="time">0:00</span> · ${e(words.rate)} <span id="rate">1×</span></p>
</header>
<main id="player"></main>
<p id="message" role="alert" hidden></p>
<p class="help">${e(words.keys)}</p>`,
  });
}
