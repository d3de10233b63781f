/**
 * escapeMarkdown escapes only what Markdown would misread (issue 12: a findings report
 * full of `Charles O\. Jones`, `2026\-12\-04`, `\(Informan utama\)` does not paste into
 * a chapter), and still keeps every text inert. Checked by a round trip through real
 * parsers: markdown-it in its strict CommonMark preset, markdown-it as VS Code's preview
 * runs it (tables, strikethrough, linkify without fuzzy links, HTML allowed), and marked
 * with GFM (hovers, tooltips, GitHub). For any text, placed where the exports and hovers
 * place text, the rendered text is the text itself (with URLs neutralised) and no
 * element comes from it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { marked } from 'marked';
import { escapeMarkdown, neutraliseLinks } from '../../src/core/text/escape';

interface MarkdownIt {
  render(source: string): string;
  linkify: { set(options: { fuzzyLink: boolean }): void };
}
const load = createRequire(__filename);
const markdownIt = load('markdown-it') as (preset: string | { html: boolean; linkify: boolean }, options?: { html: boolean }) => MarkdownIt;
const commonmark = markdownIt('commonmark', { html: true });
const preview = markdownIt({ html: true, linkify: true });
preview.linkify.set({ fuzzyLink: false });

const RENDERERS: Record<string, (source: string) => string> = {
  commonmark: (source) => commonmark.render(source),
  preview: (source) => preview.render(source),
  marked: (source) => marked.parse(source, { gfm: true, async: false }),
};

/** Where the reports and hovers put escaped text, with the elements that context makes itself. */
const CONTEXTS: { name: string; wrap: (escaped: string) => string; own: string[]; unwrap: (text: string) => string; gfmOnly?: true }[] = [
  { name: 'a paragraph of its own (memo line)', wrap: (e) => e, own: ['p'], unwrap: (t) => t },
  { name: 'a heading', wrap: (e) => `# ${e}`, own: ['h1'], unwrap: (t) => t },
  { name: 'a quote in the findings', wrap: (e) => `  > “${e}” — file.txt:3`, own: ['blockquote', 'p'], unwrap: (t) => t.replace(/^“/u, '').replace(/” — file\.txt:3$/u, '') },
  { name: 'a list item after bold', wrap: (e) => `- **Factor** — ${e}`, own: ['ul', 'li', 'strong'], unwrap: (t) => t.replace(/^Factor — /u, '') },
  { name: 'a list item of its own', wrap: (e) => `- ${e}`, own: ['ul', 'li'], unwrap: (t) => t },
  { name: 'a table cell', wrap: (e) => `| a | b |\n| --- | --- |\n| 1 | ${e} |`, own: ['table', 'thead', 'tbody', 'tr', 'th', 'td'], unwrap: (t) => t.replace(/^ab1/u, ''), gfmOnly: true },
];

/** The text a reader sees: tags removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/gu, '')
    .replace(/&#(\d+);/gu, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/giu, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&amp;/gu, '&')
    .replace(/\n/gu, '');
}

function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/gu)].map((match) => (match[1] ?? '').toLowerCase());
}

/** What the text should read as: one line, URLs neutralised, NUL shown as the replacement character, as CommonMark does. */
function expected(text: string): string {
  return neutraliseLinks(text).replace(/\r\n|\r|\n|\u2028|\u2029/gu, ' ').replaceAll('\u0000', '\ufffd');
}

/**
 * marked in a process of its own. Once in a few thousand renders, after a long run, the
 * marked of this process was seen to render `# !   !` as a paragraph and go on doing so
 * for every input after it (not reproducible with the same seed: the state is in the
 * process, not in the input). A render that fails is judged again by a fresh marked.
 */
function markedInFreshProcess(source: string): string {
  const script = "const { marked } = require('marked'); let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => process.stdout.write(marked.parse(s, { gfm: true, async: false })));";
  const result = spawnSync(process.execPath, ['-e', script], { input: source, encoding: 'utf8', cwd: __dirname });
  if (result.status !== 0) throw new Error(`marked in a fresh process failed: ${result.stderr}`);
  return result.stdout;
}

function renderedWell(html: string, context: (typeof CONTEXTS)[number], text: string): boolean {
  return tags(html).every((tag) => context.own.includes(tag)) && context.unwrap(visibleText(html)) === expected(text);
}

function checkRoundTrip(text: string): void {
  const escaped = escapeMarkdown(text);
  for (const context of CONTEXTS) {
    for (const [renderer, render] of Object.entries(RENDERERS)) {
      // Strict CommonMark has no tables.
      if (context.gfmOnly === true && renderer === 'commonmark') continue;
      let html = render(context.wrap(escaped));
      if (renderer === 'marked' && !renderedWell(html, context, text)) html = markedInFreshProcess(context.wrap(escaped));
      const where = `${renderer}, ${context.name}: ${JSON.stringify(text)} escaped as ${JSON.stringify(escaped)} rendered as ${JSON.stringify(html)}`;
      const foreign = tags(html).filter((tag) => !context.own.includes(tag));
      assert.deepEqual(foreign, [], where);
      assert.equal(context.unwrap(visibleText(html)), expected(text), where);
    }
  }
}

/** Text as researchers and attackers write it: Markdown's syntax characters and words mixed. */
const PIECES = [
  '\\', '`', '*', '_', '~', '[', ']', '(', ')', '<', '>', '!', '#', '+', '-', '=', '|', '.', '&', ';', ':', '/', '$', '"', "'", '@',
  '1.', '2)', '---', '***', '___', '```', '~~~', '&amp;', '&#35;', '&copy;', '<b>', '</i>', '<!--', '<?', '<a href="x">', '<https://a.b>',
  'https://evil.example', 'www.evil.example', 'a@b.co', 'mailto:x@y.z', '[x](command:y)', '![i](j)', '[ref]: /u', '[^1]',
  'e_government', 'O. Jones', '2026-12-04', '(Informan utama)', 'KABAN:', 'kata', 'Ya', ' ', '  ', '\t', '\n', '\r', '\r\n', 'é', '😀',
];
const STRUCTURED = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));
/** Leading and trailing whitespace is the layout's, not the text's: every renderer trims it. */
const trimmed = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((text) => text.trim()).filter((text) => text !== '');

describe('Markdown escaping: clean to read, inert to render', function () {
  this.timeout(120_000);

  it('leaves ordinary prose exactly as written', () => {
    for (const text of ['Charles O. Jones', '2026-12-04', 'e-government', '(Informan utama)', 'Kepala Dinas (KADIS): "Ya, betul."', 'SK No. 12/2024, hal. 3!', 'a < b, 3 > 2', 'Q&A', '50% + 10%', 'C#', 'Issue #5 is done']) {
      assert.equal(escapeMarkdown(text), text);
    }
  });

  it('escapes what would become syntax', () => {
    assert.equal(escapeMarkdown('[klik](command:x)'), '\\[klik\\](command:x)');
    assert.equal(escapeMarkdown('<script>alert(1)</script>'), '&lt;script>alert(1)&lt;/script>');
    assert.equal(escapeMarkdown('1. pertama'), '1\\. pertama');
    assert.equal(escapeMarkdown('# judul'), '\\# judul');
    assert.equal(escapeMarkdown('- butir'), '\\- butir');
    assert.equal(escapeMarkdown('**tebal** dan _miring_'), '\\*\\*tebal\\*\\* dan \\_miring\\_');
    assert.equal(escapeMarkdown('a | b'), 'a \\| b');
    assert.equal(escapeMarkdown('&copy; 2026'), '\\&copy; 2026');
    assert.equal(escapeMarkdown('Judul #'), 'Judul \\#');
    assert.equal(escapeMarkdown('baris satu\nbaris dua'), 'baris satu baris dua');
    assert.equal(escapeMarkdown('baris\u2028satu\u2029dua'), 'baris satu dua');
  });

  it('keeps a line separator (U+2028) from breaking a heading in marked, where `.` stops at it (found by the property below in CI)', () => {
    checkRoundTrip('!\u2028  !');
  });

  it('round-trips the study vocabulary and syntax pieces through CommonMark, the preview and GFM', () => {
    fc.assert(fc.property(trimmed(STRUCTURED), checkRoundTrip), { numRuns: 1500 });
  });

  it('round-trips arbitrary text', () => {
    fc.assert(fc.property(trimmed(fc.string({ unit: 'grapheme', maxLength: 60 })), checkRoundTrip), { numRuns: 500 });
    fc.assert(fc.property(trimmed(fc.string({ unit: 'binary', maxLength: 40 })), checkRoundTrip), { numRuns: 500 });
  });

  it('the witnesses can fail: unescaped, the same pieces do become syntax', () => {
    const html = RENDERERS['commonmark']?.('**x** [a](b) <b>c</b> `d`') ?? '';
    assert.deepEqual([...new Set(tags(html))].filter((tag) => tag !== 'p').sort(), ['a', 'b', 'code', 'strong']);
  });
});
