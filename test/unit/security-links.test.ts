/**
 * Text shown is never a link unless we made it (issue 19, item 4). A factor holding
 * `<https://…>`, `![x](https://…)`, a bare `https://…`, `www.…` or an e-mail address used
 * to become a clickable link (or a tracking image) in the hover: the escapes stop Markdown
 * link syntax, but autolinkers find URLs in plain text. Checked with the renderers that
 * show this text: marked with GFM (what VS Code's hovers and tooltips use, and GitHub's
 * flavour for the Markdown exports) and markdown-it with linkify (VS Code's Markdown
 * preview, which turns fuzzy domain links off).
 */
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { marked } from 'marked';
import { escapeMarkdown, neutraliseLinks } from '../../src/core/text/escape';

interface Linkify {
  set(options: { fuzzyLink: boolean }): void;
}
interface MarkdownRenderer {
  render(source: string): string;
  linkify: Linkify;
}
const load = createRequire(__filename);
const markdownIt = load('markdown-it') as (options: { html: boolean; linkify: boolean }) => MarkdownRenderer;
const preview = markdownIt({ html: false, linkify: true });
preview.linkify.set({ fuzzyLink: false });

const LINK_TEXT = [
  '<https://evil.example/track?who=informant>',
  '![x](https://evil.example/pixel.png)',
  'lihat https://evil.example/a_b-c.html sekarang',
  'HTTP://EVIL.EXAMPLE',
  'ftp://evil.example/file',
  'www.evil.example/login',
  'WWW.Evil.Example',
  '//evil.example/path',
  'kirim ke informant@evil.example',
  'mailto:informant@evil.example',
  '<mailto:informant@evil.example>',
  '[klik](https://evil.example)',
  '[https://evil.example](https://evil.example)',
  'file:///etc/passwd',
  'vscode://settings/open',
] as const;

function render(source: string): { marked: string; preview: string } {
  return { marked: marked.parse(source, { gfm: true, async: false }), preview: preview.render(source) };
}

/** What a reader sees: tags removed, entities decoded, the invisible joiners gone. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/gu, '')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, '&')
    .replace(/\u200d/gu, '')
    .trim();
}

describe('security: text shown is never a link unless we made it', () => {
  it('renders URLs, autolinks, images and e-mail addresses from a factor as plain text, in marked (GFM) and markdown-it (linkify)', () => {
    for (const sample of LINK_TEXT) {
      for (const [renderer, html] of Object.entries(render(escapeMarkdown(sample)))) {
        assert.doesNotMatch(html, /<a\s|<img/u, `${renderer}: ${JSON.stringify(sample)} rendered as ${html}`);
        assert.equal(visibleText(html), sample, `${renderer} shows the text as written`);
      }
    }
  });

  it('the same text unescaped does become links: the renderers are the right witnesses', () => {
    const html = render('https://evil.example and www.evil.example and a@evil.example');
    assert.equal((html.marked.match(/<a\s/gu) ?? []).length, 3, html.marked);
    assert.ok((html.preview.match(/<a\s/gu) ?? []).length >= 1, html.preview);
  });

  it('keeps any text built from URL pieces free of links, joined as the hover joins escaped parts with its own bold', () => {
    const piece = fc.constantFrom(...LINK_TEXT, 'https:', '//', '/', 'www', '.', '@', 'a', 'x.y', ' ', '<', '>', '(', ')', '[', ']', '!', ':', 'mailto:', '\u200d');
    const part = fc.oneof(fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')), fc.webUrl(), fc.emailAddress());
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (parts) => {
        const source = parts.map((text, index) => (index === 0 && escapeMarkdown(text).trim() !== '' ? `**${escapeMarkdown(text)}**` : escapeMarkdown(text))).join(' · ');
        for (const [renderer, html] of Object.entries(render(source))) assert.doesNotMatch(html, /<a\s|<img/u, `${renderer}: ${source} → ${html}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('changes nothing but where the joiner goes: removing it gives the text back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        fc.pre(!text.includes('\u200d'));
        assert.equal(neutraliseLinks(text).replace(/\u200d/gu, ''), text);
      }),
      { numRuns: 1000 },
    );
    assert.equal(neutraliseLinks('Tenaga ahli TI masih kurang: 3 orang'), 'Tenaga ahli TI masih kurang: 3 orang', 'ordinary text is untouched');
  });
});
