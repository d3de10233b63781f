import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CODE_ID_PATTERN, CODE_PATH_PATTERN, POLARITY_PATTERN } from '../../src/core/sidecar';
import { CODE_KEY_ORDER, SOURCE_TYPES } from '../../src/core/sidecar/model';
import { DESIGN_EXAMPLE, HAND_WRITTEN, UNORDERED } from './sidecar-fixtures';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/sidecar.schema.json'), 'utf8')) as Schema;
const definitions = schema.definitions as Record<string, Schema>;

/**
 * The draft-07 keywords this schema uses, enough to check documents against it without a
 * validator dependency. An unknown keyword fails the test, so a rule added to the schema
 * later cannot be silently skipped here.
 */
const KNOWN_KEYWORDS = new Set([
  '$schema', 'title', 'description', 'defaultSnippets', 'definitions', '$ref', 'type', 'const', 'enum', 'pattern',
  'minLength', 'minimum', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'maxItems', 'anyOf', 'allOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function violations(node: Schema, value: unknown, at = '$'): string[] {
  for (const keyword of Object.keys(node)) assert.ok(KNOWN_KEYWORDS.has(keyword), `schema keyword ${keyword} is not checked`);
  if (typeof node.$ref === 'string') return violations(definitions[node.$ref.replace('#/definitions/', '')] ?? {}, value, at);
  const found: string[] = [];
  if (node.type !== undefined) {
    const types = ([] as unknown[]).concat(node.type);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${at}: ${actual} is not ${types.join('|')}`];
  }
  if ('const' in node && value !== node.const) found.push(`${at}: not ${String(node.const)}`);
  if (Array.isArray(node.enum) && !node.enum.includes(value)) found.push(`${at}: not one of ${node.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) found.push(`${at}: '${value}' does not match ${node.pattern}`);
    if (typeof node.minLength === 'number' && value.length < node.minLength) found.push(`${at}: too short`);
  }
  if (typeof value === 'number' && typeof node.minimum === 'number' && value < node.minimum) found.push(`${at}: below ${node.minimum}`);
  if (Array.isArray(value)) {
    if (typeof node.minItems === 'number' && value.length < node.minItems) found.push(`${at}: too few items`);
    if (typeof node.maxItems === 'number' && value.length > node.maxItems) found.push(`${at}: too many items`);
    if (node.items !== undefined) value.forEach((item, i) => found.push(...violations(node.items as Schema, item, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (node.required as string[] | undefined) ?? []) if (!(key in object)) found.push(`${at}: no ${key}`);
    const properties = (node.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, item] of Object.entries(object)) {
      const rule = properties[key] ?? (typeof node.additionalProperties === 'object' ? (node.additionalProperties as Schema) : undefined);
      if (rule !== undefined) found.push(...violations(rule, item, `${at}.${key}`));
      else if (node.additionalProperties === false) found.push(`${at}: unknown key ${key}`);
    }
  }
  for (const part of (node.allOf as Schema[] | undefined) ?? []) found.push(...violations(part, value, at));
  if (Array.isArray(node.anyOf) && (node.anyOf as Schema[]).every((part) => violations(part, value, at).length > 0)) {
    found.push(`${at}: matches none of the alternatives`);
  }
  return found;
}

const codeSchema = definitions.code as Schema;
const codeProperties = codeSchema.properties as Record<string, Schema>;

describe('schemas/sidecar.schema.json', () => {
  it('accepts the DESIGN example and hand-written sidecars', () => {
    for (const text of [DESIGN_EXAMPLE, HAND_WRITTEN, UNORDERED]) assert.deepEqual(violations(schema, parse(text)), []);
  });

  it('flags what the reader refuses', () => {
    const base = parse(DESIGN_EXAMPLE) as Record<string, unknown>;
    const withCode = (change: Record<string, unknown>) => ({ ...base, codes: [{ ...(base.codes as object[])[0], ...change }] });
    assert.notDeepEqual(violations(schema, { ...base, version: 2 }), []);
    assert.notDeepEqual(violations(schema, { version: 1 }), []);
    assert.notDeepEqual(violations(schema, withCode({ id: 'K3X9' })), []);
    assert.notDeepEqual(violations(schema, withCode({ lines: [0, 1] })), []);
    assert.notDeepEqual(violations(schema, withCode({ lines: [1] })), []);
    assert.notDeepEqual(violations(schema, withCode({ lines: ['a', 2] })), []);
    assert.notDeepEqual(violations(schema, withCode({ code: 'Jones Organisation' })), []);
    assert.notDeepEqual(violations(schema, withCode({ factor: ['a'] })), []);
    assert.notDeepEqual(violations(schema, { ...base, attributes: { agency: ['a'] } }), []);
  });

  it('allows unknown keys, which the writer keeps', () => {
    assert.notEqual(schema.additionalProperties, false);
    assert.notEqual(codeSchema.additionalProperties, false);
  });

  it('uses the same patterns, keys and source types as the reader', () => {
    assert.equal(codeProperties.id?.pattern, CODE_ID_PATTERN.source);
    // The same expression; a RegExp's source escapes '/', and JSON Schema has no (?:).
    assert.equal(codeProperties.code?.pattern, CODE_PATH_PATTERN.source.replace('(?:', '(').replaceAll('\\/', '/'));
    const polarityPattern = ((codeProperties.polarity?.anyOf as Schema[])[1] as Schema).pattern;
    assert.equal(polarityPattern, POLARITY_PATTERN.source);
    assert.deepEqual(Object.keys(codeProperties), [...CODE_KEY_ORDER]);
    const source = ((schema.properties as Record<string, Schema>).attributes?.properties as Record<string, Schema>).source;
    assert.deepEqual((source?.anyOf as Schema[])[0]?.enum, [...SOURCE_TYPES]);
  });

  it('describes every property', () => {
    const undocumented: string[] = [];
    const walk = (node: Schema, at: string): void => {
      for (const [key, child] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) {
        if (typeof child.description !== 'string') undocumented.push(`${at}.${key}`);
        walk(child, `${at}.${key}`);
      }
    };
    walk(schema, '$');
    walk(codeSchema, 'code');
    assert.deepEqual(undocumented, []);
  });
});
