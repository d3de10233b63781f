import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CODEBOOK_KEYS, isValidId, parseCodebook } from '../../src/core/codebook/codebook';
import { codebookYamlFromTemplates, templateIds } from '../../src/core/codebook/templates';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/codebook.schema.json'), 'utf8')) as Schema;
const definitions = schema.definitions as Record<string, Schema>;

/**
 * The draft-07 keywords this schema uses, enough to check documents against it without
 * a validator dependency. An unknown keyword fails the test, so the checker cannot
 * silently ignore a rule added to the schema later.
 */
const KNOWN_KEYWORDS = new Set([
  '$schema', 'title', 'description', 'defaultSnippets', 'definitions', '$ref', 'type', 'const', 'pattern', 'minLength',
  'required', 'properties', 'additionalProperties', 'propertyNames', 'minProperties', 'items', 'minItems', 'oneOf',
]);

function violations(node: Schema, value: unknown, at = '$'): string[] {
  for (const keyword of Object.keys(node)) assert.ok(KNOWN_KEYWORDS.has(keyword), `schema keyword ${keyword} is not checked`);
  if (typeof node.$ref === 'string') {
    const target = definitions[node.$ref.replace('#/definitions/', '')];
    assert.ok(target, node.$ref);
    return violations(target, value, at);
  }
  const found: string[] = [];
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (node.type === 'object' && !isObject) return [`${at}: not an object`];
  if (node.type === 'array' && !Array.isArray(value)) return [`${at}: not an array`];
  if (node.type === 'string' && typeof value !== 'string') return [`${at}: not a string`];
  if ('const' in node && value !== node.const) found.push(`${at}: not ${String(node.const)}`);
  if (typeof value === 'string') {
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) found.push(`${at}: '${value}' does not match ${node.pattern}`);
    if (typeof node.minLength === 'number' && value.length < node.minLength) found.push(`${at}: too short`);
  }
  if (Array.isArray(value)) {
    if (typeof node.minItems === 'number' && value.length < node.minItems) found.push(`${at}: too few items`);
    if (node.items !== undefined) value.forEach((item, i) => found.push(...violations(node.items as Schema, item, `${at}[${i}]`)));
  }
  if (isObject) {
    const object = value as Record<string, unknown>;
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    for (const key of (node.required ?? []) as string[]) if (!(key in object)) found.push(`${at}: missing ${key}`);
    if (typeof node.minProperties === 'number' && Object.keys(object).length < node.minProperties) found.push(`${at}: too few keys`);
    for (const [key, child] of Object.entries(object)) {
      if (node.propertyNames !== undefined) found.push(...violations(node.propertyNames as Schema, key, `${at} key ${key}`));
      const rule = properties[key] ?? node.additionalProperties;
      if (rule === false) found.push(`${at}: key ${key} is not allowed`);
      else if (typeof rule === 'object' && rule !== null) found.push(...violations(rule as Schema, child, `${at}.${key}`));
    }
  }
  if (Array.isArray(node.oneOf)) {
    const passing = (node.oneOf as Schema[]).filter((option) => violations(option, value, at).length === 0).length;
    if (passing !== 1) found.push(`${at}: matches ${passing} of the oneOf options`);
  }
  return found;
}

const checkYaml = (text: string) => violations(schema, parse(text));

const VALID = [
  'version: 1',
  'frameworks:',
  '  - id: jones',
  '    label: {en: Charles O. Jones, id: Charles O. Jones}',
  '    dimensions:',
  '      - id: organization',
  '        label: Organization',
  '        color: "#4e79a7"',
];

describe('schemas/codebook.schema.json', () => {
  it('is draft-07 and allows exactly the keys the parser knows at each level', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const keysOf = (node: Schema) => Object.keys(node.properties as object);
    assert.deepEqual(keysOf(schema), [...CODEBOOK_KEYS.codebook]);
    for (const level of ['framework', 'dimension', 'indicator', 'polarity'] as const) {
      assert.deepEqual(keysOf(definitions[level]!), [...CODEBOOK_KEYS[level]], level);
      assert.equal(definitions[level]!.additionalProperties, false, level);
    }
  });

  it('describes every property, so YAML editors can show help on hover', () => {
    const undescribed: string[] = [];
    const walk = (node: Schema, at: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
        const target = typeof child.$ref === 'string' ? definitions[child.$ref.replace('#/definitions/', '')] : child;
        if (typeof (child.description ?? target?.description) !== 'string') undescribed.push(`${at}.${key}`);
      }
    };
    walk(schema, '$');
    for (const [name, definition] of Object.entries(definitions)) walk(definition, name);
    assert.deepEqual(undescribed, []);
  });

  it('uses the same id rule as isValidId', () => {
    const pattern = new RegExp((definitions.id as Schema).pattern as string, 'u');
    for (const id of ['jones', 'edward3', 'vanmeter-vanhorn', '3d', '', 'Jones', '-a', 'a_b', 'a b', 'é', 'a-']) {
      assert.equal(pattern.test(id), isValidId(id), id);
    }
  });

  it('accepts every codebook generated from the templates', () => {
    for (const id of templateIds()) assert.deepEqual(checkYaml(codebookYamlFromTemplates([id])), [], id);
    assert.deepEqual(checkYaml(codebookYamlFromTemplates(templateIds())), []);
  });

  it('flags the mistakes the parser reports', () => {
    const cases: Array<[string, string[], string]> = [
      ['unknown key', [...VALID, '        colour: "#4e79a7"'], 'key colour is not allowed'],
      ['bad id', [...VALID.slice(0, 5), '      - id: Organization', ...VALID.slice(6)], "'Organization' does not match"],
      ['bad colour', [...VALID.slice(0, 7), '        color: blue'], "'blue' does not match"],
      ['missing version', VALID.slice(1), 'missing version'],
      ['label of the wrong shape', [...VALID.slice(0, 6), '        label: [Organization]', ...VALID.slice(7)], 'oneOf'],
      ['empty polarities', [...VALID, 'polarities: []'], 'too few items'],
    ];
    for (const [name, lines, expected] of cases) {
      const text = lines.join('\n');
      const flagged = checkYaml(text);
      assert.ok(flagged.some((message) => message.includes(expected)), `${name}: ${flagged.join('; ')}`);
      assert.ok(parseCodebook(text, 'codebook.yaml').problems.length > 0, `${name}: the parser reports it too`);
    }
    assert.deepEqual(checkYaml(VALID.join('\n')), []);
  });
});
