/**
 * The Indonesian UI: l10n/bundle.l10n.id.json for every `vscode.l10n.t('…')` in
 * src/extension, and package.nls.id.json for every `%key%` of package.json.
 *
 * The strings are read from the source with the TypeScript parser, the way
 * `npm run l10n:export` (@vscode/l10n-dev) reads them, so a new string without a
 * translation, a translation left behind by a removed string, or a placeholder lost in
 * translation fails here rather than showing English (or a broken message) to an
 * Indonesian user. A call whose message is not one string literal (a template literal
 * with `${…}`, a concatenation, a variable) cannot be looked up in any bundle at run
 * time and fails too: pass the variable parts as `{0}` arguments instead.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIR = join(ROOT, 'src', 'extension');

type Bundle = Record<string, string>;
const readJson = <T>(...path: string[]): T => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as T;

interface Call {
  where: string;
  message?: string;
  problem?: string;
}

function sourceFiles(): string[] {
  return readdirSync(SOURCE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(SOURCE_DIR, file))
    .sort();
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function where(source: ts.SourceFile, node: ts.Node): string {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `${relative(ROOT, source.fileName).split('\\').join('/')}:${line + 1}`;
}

/** `l10n.t(…)`, whether reached as `vscode.l10n.t` or through an imported `l10n`. */
function isL10nT(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

function l10nCalls(): Call[] {
  const calls: Call[] = [];
  for (const file of sourceFiles()) {
    const source = parse(file);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isL10nT(node)) {
        const first = node.arguments[0];
        const at = where(source, node);
        if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          calls.push({ where: at, message: first.text });
        } else if (first !== undefined && ts.isObjectLiteralExpression(first)) {
          calls.push({ where: at, problem: 'the { message, args, comment } form: extend test/unit/l10n.test.ts to key it as @vscode/l10n-dev does' });
        } else {
          calls.push({ where: at, problem: `message is not one string literal: ${first === undefined ? '(none)' : first.getText(source)}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[0]).sort();
const codicons = (text: string): string[] => [...text.matchAll(/\$\([\w-]+(?:~[\w-]+)?\)/gu)].map((m) => m[0]).sort();
/** What a translator must leave as it is: inline code, file names, CLI commands, the product's name. */
const verbatim = (text: string): string[] =>
  [...text.matchAll(/`[^`]+`|[\w*.-]*\.(?:ya?ml|json)\b|transcript-coder [a-z-]+|Transcript Coder|\bSKPD\/OPD\b/gu)].map((m) => m[0]).sort();

function differences(label: string, english: Bundle, translated: Bundle): string[] {
  const problems: string[] = [];
  for (const [key, englishText] of Object.entries(english)) {
    const text = translated[key];
    if (typeof text !== 'string' || text.trim() === '') continue;
    const show = JSON.stringify(key);
    if (placeholders(text).join() !== placeholders(englishText).join()) {
      problems.push(`${label} ${show}: placeholders ${placeholders(text).join(' ') || '(none)'} instead of ${placeholders(englishText).join(' ') || '(none)'}`);
    }
    if (codicons(text).join() !== codicons(englishText).join()) {
      problems.push(`${label} ${show}: codicons ${codicons(text).join(' ') || '(none)'} instead of ${codicons(englishText).join(' ') || '(none)'}`);
    }
    for (const token of verbatim(englishText)) {
      if (!text.includes(token)) problems.push(`${label} ${show}: ${JSON.stringify(token)} must stay as it is`);
    }
  }
  return problems;
}

describe('localization (Indonesian UI)', () => {
  const calls = l10nCalls();
  const messages = [...new Set(calls.flatMap((call) => (call.message === undefined ? [] : [call.message])))].sort();
  const indonesian = readJson<Bundle>('l10n', 'bundle.l10n.id.json');
  const packageJson = readJson<Record<string, unknown>>('package.json');
  const nls = readJson<Bundle>('package.nls.json');
  const nlsIndonesian = readJson<Bundle>('package.nls.id.json');

  describe('runtime strings (vscode.l10n.t)', () => {
    it('finds the strings of src/extension', () => {
      assert.ok(messages.length >= 50, `only ${messages.length} l10n.t strings found: is the extractor still looking in the right place?`);
    });

    it('passes every message as one string literal, so it can be looked up in a bundle', () => {
      const misuse = calls.filter((call) => call.problem !== undefined).map((call) => `${call.where}: ${call.problem}`);
      assert.deepEqual(misuse, []);
    });

    it('translates every string into Indonesian', () => {
      const missing = messages.filter((message) => typeof indonesian[message] !== 'string' || indonesian[message].trim() === '');
      assert.deepEqual(missing, [], 'add these to l10n/bundle.l10n.id.json');
    });

    it('keeps no translation of a string the source no longer has', () => {
      const stale = Object.keys(indonesian).filter((key) => !messages.includes(key));
      assert.deepEqual(stale, [], 'remove these from l10n/bundle.l10n.id.json (or fix the key to match the source exactly)');
    });

    it('keeps every placeholder, codicon, file name and command of the English text', () => {
      const english = Object.fromEntries(messages.map((message) => [message, message]));
      assert.deepEqual(differences('l10n/bundle.l10n.id.json', english, indonesian), []);
    });

    it('keeps the English bundle in step with the source (npm run l10n:export)', () => {
      const english = readJson<Bundle>('l10n', 'bundle.l10n.json');
      assert.deepEqual(Object.keys(english).sort(), messages);
      for (const [key, value] of Object.entries(english)) assert.equal(value, key);
    });

    it('leaves an orphaned code\'s id where the quick fixes look for it in the message', () => {
      // Diagnostics can lose their extra properties on the way through the editor;
      // OrphanQuickFixes then reads the id back from the (translated) message.
      const source = parse(join(SOURCE_DIR, 'diagnostics.ts'));
      let pattern: RegExp | undefined;
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionDeclaration(node) && node.name?.text === 'idFromMessage') {
          const find = (inner: ts.Node): void => {
            if (ts.isRegularExpressionLiteral(inner)) {
              const text = inner.text;
              const slash = text.lastIndexOf('/');
              pattern = new RegExp(text.slice(1, slash), text.slice(slash + 1));
            }
            ts.forEachChild(inner, find);
          };
          find(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      assert.ok(pattern, 'idFromMessage and its pattern not found in src/extension/diagnostics.ts');
      const orphan = messages.filter((message) => message.startsWith('Orphaned code {0}'));
      assert.equal(orphan.length, 1);
      const id = 'c-7f3a9b';
      const fill = (text: string) => text.replace(/\{(\d+)\}/gu, (_, n: string) => (n === '0' ? id : `x${n}`));
      for (const text of [orphan[0] as string, indonesian[orphan[0] as string] ?? '']) {
        assert.equal(pattern.exec(fill(text))?.[1], id, text);
      }
    });
  });

  describe('manifest strings (package.nls)', () => {
    const usedKeys = (value: unknown): string[] => {
      if (typeof value === 'string') return /^%([^%\s]+)%$/u.exec(value)?.slice(1) ?? [];
      if (Array.isArray(value)) return value.flatMap(usedKeys);
      if (value !== null && typeof value === 'object') return Object.values(value).flatMap(usedKeys);
      return [];
    };
    const used = [...new Set(usedKeys(packageJson))].sort();

    it('defines every %key% that package.json uses', () => {
      assert.ok(used.length > 0);
      assert.deepEqual(used.filter((key) => !(key in nls)), []);
    });

    it('defines no key that package.json does not use', () => {
      assert.deepEqual(Object.keys(nls).filter((key) => !used.includes(key)), []);
    });

    it('has exactly the keys of package.nls.json in package.nls.id.json', () => {
      assert.deepEqual(Object.keys(nlsIndonesian).sort(), Object.keys(nls).sort());
      for (const [key, text] of Object.entries(nlsIndonesian)) assert.ok(typeof text === 'string' && text.trim() !== '', key);
    });

    it('keeps every placeholder, codicon, inline code and file name of the English text', () => {
      assert.deepEqual(differences('package.nls.id.json', nls, nlsIndonesian), []);
    });
  });

  describe('packaging', () => {
    it('points package.json at the l10n folder', () => {
      assert.equal(packageJson['l10n'], './l10n');
    });

    it('ships the bundles and the manifest translations in the .vsix', () => {
      const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/u).map((line) => line.trim());
      assert.ok(ignore.includes('!l10n/**'), '.vscodeignore must keep l10n/**');
      assert.ok(ignore.includes('!package.nls.*.json'), '.vscodeignore must keep package.nls.*.json');
    });
  });
});
