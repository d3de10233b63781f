/**
 * YAML from files anyone can write is read within bounds (issue 7), for each kind of
 * YAML the tool reads — sidecars, the codebook, the memos file and a transcript's front
 * matter: an alias bomb ("billion laughs") fails fast with a clear message; a document
 * past the size limit or nesting deeper than the parser's stack allows is refused before
 * it is parsed; custom tags (`!!js/function` and friends) are refused, never resolved;
 * `__proto__` keys stay ordinary keys. A refused sidecar is never written over. Limits
 * are in src/core/problems/limits.ts.
 */
import { strict as assert } from 'node:assert';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { MAX_FRONT_MATTER_CHARS, MAX_YAML_CHARS, MAX_YAML_NESTING } from '../../src/core/problems/limits';
import { parseMemos } from '../../src/core/study/memos';
import { CodingSession } from '../../src/core/session';
import { parseSidecar } from '../../src/core/sidecar';
import { parseTranscript } from '../../src/core/transcript/transcript';
import { TempStudy } from './helpers/temp-study';
import { CODEBOOK } from './reliability-fixtures';

const HEAD = 'version: 1\ntranscript: kaban.txt\n';
const CODE = ['  - id: aaaa1111', '    lines: [1, 1]', '    code: jones/organization', '    polarity: inhibiting', '    factor: Anggaran', '    quote: "Anggaran kami terbatas."', '    coder: rina'].join('\n');

/** Nine levels of ten aliases each: 10^9 values for whoever expands them. */
function aliasBomb(key: string, indent = ''): string {
  const lines = [`${indent}${key}:`, `${indent}  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let level = 1; level <= 9; level++) lines.push(`${indent}  a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}
const deepFlow = (depth: number): string => `${'['.repeat(depth)}x${']'.repeat(depth)}`;
const deepBlock = (depth: number): string => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n') + ' x\n';
const TAGS = ['!!js/function "function () { return process.exit(1) }"', '!!js/undefined ""', '!<tag:yaml.org,2002:js/regexp> /x/', '!!python/object/apply:os.system ["rm -rf ~"]', '!custom x', '!<!local> x'];

/** Runs `work` and says how long it took; the bound is mocha's timeout, not a timing assertion. */
function broken(text: string): string {
  const parsed = parseSidecar(text, 'kaban.txt.codes.yaml');
  assert.equal(parsed.status, 'broken', text.slice(0, 200));
  return parsed.status === 'broken' ? parsed.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n') : '';
}

describe('security: YAML is read within bounds', function () {
  // A bomb or a deep document that were expanded or recursed would take far longer, or crash.
  this.timeout(20_000);

  describe('sidecars', () => {
    it('refuses an alias bomb with a clear message, and the session that opens it writes nothing', () => {
      const text = `${HEAD}${aliasBomb('bomb')}codes:\n${CODE}\n`;
      assert.match(broken(text), /^4:7: YAML aliases in this file would expand to far more values than it holds \(an "alias bomb"\)/mu);
      const session = CodingSession.open('Kepala: Anggaran kami terbatas.\n', text, 'kaban.txt.codes.yaml', 'kaban.txt');
      assert.equal(session.readOnly, true);
      assert.equal(session.sidecarText(), undefined);
      assert.throws(() => session.addCodes([[1, 1]], { code: 'jones/organization', polarity: 'neutral', factor: 'x', coder: 'rina' }, Math.random), /cannot be changed until it is fixed/u);
    });

    it(`refuses nesting deeper than ${MAX_YAML_NESTING} levels, in flow and in block style, naming the line`, () => {
      for (const depth of [MAX_YAML_NESTING + 1, 1000, 100_000]) {
        assert.match(broken(`${HEAD}extra: ${deepFlow(depth)}\ncodes:\n${CODE}\n`), /^3:1: YAML syntax error: This sidecar nests more than 64 levels deep here/mu);
      }
      assert.match(broken(`${HEAD}extra:\n${deepBlock(200).replace(/^/gmu, '  ')}codes:\n`), /nests more than 64 levels deep here/u);
      // Ten levels, as a merge's conflict records nest, are fine.
      assert.equal(parseSidecar(`${HEAD}extra: ${deepFlow(10)}\ncodes:\n${CODE}\n`, 'kaban.txt.codes.yaml').status, 'ok');
    });

    it(`refuses a sidecar larger than ${MAX_YAML_CHARS / 1024 / 1024} MiB before parsing it`, () => {
      const huge = `${HEAD}codes:\n${CODE}\n# ${'x'.repeat(MAX_YAML_CHARS)}\n`;
      assert.match(broken(huge), /^1:1: YAML syntax error: This sidecar of 16\.0 MiB is larger than the 16 MiB allowed/mu);
    });

    it('refuses custom tags instead of resolving them', () => {
      for (const tag of TAGS) {
        assert.match(broken(`${HEAD}codes:\n${CODE.replace('factor: Anggaran', `factor: ${tag}`)}\n`), /YAML tag .* is not allowed in a sidecar|YAML syntax error/u, tag);
      }
    });

    it('keeps a __proto__ attribute an ordinary key, polluting nothing', () => {
      const parsed = parseSidecar(`${HEAD}attributes:\n  __proto__: polluted\n  agency: Dinas\ncodes:\n${CODE}\n`, 'kaban.txt.codes.yaml');
      assert.equal(parsed.status, 'ok');
      if (parsed.status === 'ok') assert.equal(Object.getOwnPropertyDescriptor(parsed.data.attributes, '__proto__')?.value, 'polluted');
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'agency'), false);
    });

    it('the CLI reports each refusal as file:line:col and changes no file', async () => {
      const bomb = `${HEAD}${aliasBomb('bomb')}codes:\n`;
      const deep = `${HEAD}extra: ${deepFlow(5000)}\ncodes:\n`;
      const study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, 'a.txt': 'x\n', 'a.txt.codes.yaml': bomb.replace('kaban', 'a'), 'b.txt': 'x\n', 'b.txt.codes.yaml': deep.replace('kaban', 'b') });
      try {
        const result = await study.cli('validate');
        assert.equal(result.code, 1);
        assert.match(result.stdout, /^a\.txt\.codes\.yaml:4:7: error: YAML aliases in this file would expand/mu);
        assert.match(result.stdout, /^b\.txt\.codes\.yaml:3:1: error: YAML syntax error: This sidecar nests more than 64 levels/mu);
        assert.equal((await study.cli('reanchor', '--write')).code, 1);
        assert.equal(await study.read('a.txt.codes.yaml'), bomb.replace('kaban', 'a'));
        assert.equal(await study.read('b.txt.codes.yaml'), deep.replace('kaban', 'b'));
      } finally {
        await study.dispose();
      }
    });
  });

  describe('the codebook', () => {
    const codebookError = (text: string): string => {
      const { codebook, problems } = parseCodebook(text, 'codebook.yaml');
      assert.equal(codebook, undefined, 'not loaded');
      return problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n');
    };

    it('refuses an alias bomb, deep nesting, a huge file and custom tags', () => {
      assert.match(codebookError(`${CODEBOOK}${aliasBomb('extra')}`), /YAML aliases expand to more than \d+ nodes/u);
      assert.match(codebookError(`${CODEBOOK}extra: ${deepFlow(10_000)}\n`), /nests more than 64 levels deep here/u);
      assert.match(codebookError(`${CODEBOOK}# ${'x'.repeat(MAX_YAML_CHARS)}\n`), /^1:1: the codebook is 16\.0 MiB, larger than the 16 MiB allowed/mu);
      for (const tag of TAGS) {
        const { problems } = parseCodebook(CODEBOOK.replace('label: {en: Interpretation, id: Interpretasi}', `label: ${tag}`), 'codebook.yaml');
        assert.ok(problems.some((p) => p.severity === 'error' && /tag|YAML/u.test(p.message)), `${tag}: ${JSON.stringify(problems)}`);
      }
    });
  });

  describe('the memos file', () => {
    it('refuses an alias bomb, deep nesting and custom tags', () => {
      const memos = 'version: 1\nmemos:\n  - agency: Dinas\n    dimension: jones/organization\n    text: Catatan\n';
      const bomb = parseMemos(`${memos}${aliasBomb('extra')}`, 'memos.yaml');
      assert.equal(bomb.broken, true);
      assert.match(bomb.problems.map((p) => p.message).join('\n'), /YAML aliases expand to more than \d+ nodes/u);
      const deep = parseMemos(`${memos}extra: ${deepFlow(10_000)}\n`, 'memos.yaml');
      assert.equal(deep.broken, true);
      assert.match(deep.problems.map((p) => p.message).join('\n'), /nests more than \d+ levels deep here/u);
      for (const tag of TAGS) {
        const tagged = parseMemos(memos.replace('text: Catatan', `text: ${tag}`), 'memos.yaml');
        assert.ok(tagged.problems.some((p) => p.severity === 'error'), `${tag}: ${JSON.stringify(tagged)}`);
      }
    });
  });

  describe('front matter', () => {
    const frontMatter = (yaml: string): { data: Record<string, unknown> | undefined; messages: string } => {
      const { transcript, problems } = parseTranscript(`---\n${yaml}\n---\nKepala: Anggaran kami terbatas.\n`, 'kaban.txt');
      return { data: transcript.frontMatter?.data, messages: problems.map((p) => `${p.line}:${p.column}: ${p.severity}: ${p.message}`).join('\n') };
    };

    it('refuses an alias bomb, deep nesting and a huge front matter, and keeps the interview text', () => {
      const bomb = frontMatter(`agency: Dinas\n${aliasBomb('extra')}`);
      assert.deepEqual(bomb.data, {});
      assert.match(bomb.messages, /error: front matter could not be read: Excessive alias count indicates a resource exhaustion attack/u);
      const deep = frontMatter(`agency: ${deepFlow(10_000)}`);
      assert.deepEqual(deep.data, {});
      assert.match(deep.messages, /^2:1: error: The front matter nests more than 64 levels deep here/mu);
      const huge = frontMatter(`agency: Dinas\nnote: ${'x'.repeat(MAX_FRONT_MATTER_CHARS)}`);
      assert.deepEqual(huge.data, {});
      assert.match(huge.messages, /^2:1: error: The front matter of 256\.0 KiB is larger than the 256 KiB allowed/mu);
      const { transcript } = parseTranscript(`---\nagency: ${deepFlow(10_000)}\n---\nKepala: Anggaran kami terbatas.\n`, 'kaban.txt');
      assert.equal(transcript.lines[3]?.kind, 'turn', 'the interview below is read as ever');
    });

    it('reads a custom tag as the plain text it tags, with a warning, and runs nothing', () => {
      for (const tag of TAGS.slice(0, 4)) {
        const result = frontMatter(`agency: ${tag}`);
        // The tag is dropped: what it tagged is read as plain data (text, or a list of text), never as code.
        const value = result.data?.['agency'];
        const plain = (item: unknown): boolean => item === undefined || item === null || typeof item === 'string';
        assert.ok(plain(value) || (Array.isArray(value) && value.every(plain)), `${tag} gave ${JSON.stringify(value)}`);
        assert.match(result.messages, /warning: front matter: .*(?:[Uu]nresolved tag|tag)/u, tag);
      }
    });
  });
});
