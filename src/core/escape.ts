/**
 * Text from transcripts and sidecars is untrusted: anyone can write a factor name that
 * looks like a command link or a script. These make such text inert wherever it is
 * shown — Markdown (hovers, reports) and HTML (webviews).
 */

/** Escapes Markdown syntax and HTML so the text renders as itself, on one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~]/gu, '\\$&')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/\r?\n/gu, ' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');
}
