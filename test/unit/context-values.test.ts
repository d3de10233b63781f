/**
 * The sidebar's contextValues (src/extension/sidebar/context-values.ts) and the menus in
 * package.json that choose commands by them must agree: a value renamed on one side only
 * loses its menu without an error anywhere.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContextValues, WITHOUT_MENUS, type ContextValue } from '../../src/extension/sidebar/context-values';

interface ViewItemTest {
  clause: string;
  matches(value: string): boolean;
  /** `viewItem == x` names one value; a regular expression names none in particular. */
  named?: string;
}

/** Every `when` clause anywhere in package.json's contributions. */
function whenClauses(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(whenClauses);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'when' && typeof value === 'string' ? [value] : whenClauses(value)));
}

/** The `viewItem ==`, `!=` and `=~` tests of a clause, as VS Code reads them. */
function viewItemTests(clause: string): ViewItemTest[] {
  const tests: ViewItemTest[] = [];
  for (const [, value] of clause.matchAll(/viewItem\s*[!=]=\s*'?([^\s'&|)]+)'?/gu)) {
    if (value !== undefined) tests.push({ clause, named: value, matches: (candidate) => candidate === value });
  }
  for (const [, source, flags] of clause.matchAll(/viewItem\s*=~\s*\/((?:\\.|[^/\\])*)\/([a-z]*)/gu)) {
    if (source === undefined) continue;
    const pattern = new RegExp(source, flags);
    tests.push({ clause, matches: (candidate) => pattern.test(candidate) });
  }
  return tests;
}

const manifest: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const values = Object.values(ContextValues) as ContextValue[];
const tests = whenClauses((manifest as { contributes: unknown }).contributes).flatMap(viewItemTests);

describe('tree contextValues and the menus that choose by them', () => {
  it('reads the menus: there are viewItem tests to check', () => {
    assert.ok(tests.length >= 10, `${tests.length} viewItem tests found`);
  });

  it('names in the menus only values the trees give', () => {
    for (const test of tests) {
      if (test.named !== undefined) assert.ok(values.includes(test.named as ContextValue), `${test.named} in "${test.clause}" is no contextValue`);
      else assert.ok(values.some(test.matches), `"${test.clause}" matches no contextValue`);
    }
  });

  it('gives every value a menu, or says it has none', () => {
    for (const value of values) {
      const chosen = tests.some((test) => test.matches(value));
      assert.notEqual(chosen, WITHOUT_MENUS.has(value), chosen ? `${value} has a menu but is listed in WITHOUT_MENUS` : `${value} has no menu and is not listed in WITHOUT_MENUS`);
    }
  });

  it('keeps values distinct, in the tc. namespace', () => {
    assert.equal(new Set(values).size, values.length);
    for (const value of values) assert.match(value, /^tc\.[A-Za-z.]+$/u);
  });
});
