/**
 * Reads `codebook.yaml`. Users write this file by hand and merge it through git, so the
 * reader is forgiving: every problem is reported with file, line and column, and whatever
 * is still usable is returned, so the rest of the tool keeps working while the user
 * fixes the file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { Label } from '../text';
import { compareProblems, MAX_YAML_CHARS, problem, type Problem } from '../problems';
import { aliasesStayBounded, checkNodes, conflictMarkerProblems, dedupe, describeValue, type Field, formatChars, isEmpty, lineNestingPast, lineOf, type Reader, readFields, report, reportAt, resolveNode, textValue } from '../yaml';
import {
  CODEBOOK_KEYS,
  CODEBOOK_VERSION,
  DEFAULT_POLARITIES,
  DIMENSION_PALETTE,
  MAX_ALIAS_COUNT,
  isValidId,
  type Codebook,
  type Dimension,
  type Framework,
  type Polarity,
} from './model';

/** Far below where the yaml library runs out of stack (about 800 levels), far above a real codebook. */
const MAX_NESTING = 64;
const COLOR_PATTERN = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

export function parseCodebook(text: string, file: string): { codebook: Codebook | undefined; problems: Problem[] } {
  // Editors count columns without the BOM, so positions must too.
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const conflicts = conflictMarkerProblems(source, file);
  // Both sides of a conflict are in the file; reading either would be a guess.
  if (conflicts.length > 0) return { codebook: undefined, problems: conflicts };
  if (source.length > MAX_YAML_CHARS) {
    const message = `the codebook is ${formatChars(source.length)}, larger than the ${formatChars(MAX_YAML_CHARS)} allowed (a codebook is a few KiB); it is not read`;
    return { codebook: undefined, problems: [problem('too-large', file, 1, 1, 'error', message)] };
  }
  const tooDeep = lineNestingPast(source, MAX_NESTING);
  if (tooDeep !== undefined) {
    const message = `the codebook nests more than ${MAX_NESTING} levels deep here, where a codebook needs fewer than 10; check the indentation and brackets`;
    return { codebook: undefined, problems: [problem('too-large', file, tooDeep, 1, 'error', message)] };
  }

  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const reader: Reader = { file, fileKind: 'a codebook', problemKind: 'codebook-invalid', source, doc, lines, problems: [] };
  const codebook = readDocument(reader);
  const problems = dedupe(reader.problems).sort(compareProblems);
  return { codebook, problems };
}

function readDocument(reader: Reader): Codebook | undefined {
  const { doc } = reader;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const message = error.code === 'MULTIPLE_DOCS'
        ? "the codebook must be a single YAML document: remove the extra '---' and what follows, or merge it in"
        : `not valid YAML: ${error.message}; fix it here — the codebook is not loaded until then`;
      reportAt(reader, error.pos[0], 'error', message);
    }
    return undefined;
  }
  for (const warning of doc.warnings) {
    // Unknown tags are reported as errors by checkNodes.
    if (warning.code !== 'TAG_RESOLVE_FAILED') reportAt(reader, warning.pos[0], 'warning', `YAML: ${warning.message}`);
  }
  const firstAlias = checkNodes(reader);
  if (firstAlias !== undefined && !aliasesStayBounded(doc, MAX_ALIAS_COUNT)) {
    report(reader, firstAlias, 'error',
      `YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes; write the values out instead of using '*' aliases`);
    return undefined;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    reportAt(reader, 0, 'error', "the codebook is empty: add 'version: 1' and a 'frameworks:' list, or start from a built-in template");
    return undefined;
  }
  if (!isMap(root)) {
    report(reader, root, 'error', "the codebook must be a YAML mapping with 'version: 1' and 'frameworks:' at the top level");
    return undefined;
  }
  return readCodebook(reader, root);
}

function readCodebook(reader: Reader, root: YAMLMap): Codebook | undefined {
  const fields = readFields(reader, root, CODEBOOK_KEYS.codebook, 'the codebook');
  if (!readVersion(reader, root, fields.get('version'))) return undefined;

  const frameworksField = fields.get('frameworks');
  if (frameworksField === undefined) {
    report(reader, root, 'error', "the codebook has no 'frameworks:' list; add one, or start from a built-in template");
  }
  const frameworks = readItems(reader, frameworksField, 'framework', '', (map, id) => readFramework(reader, map, id));
  return { version: 1, frameworks, polarities: readPolarities(reader, fields.get('polarities')) };
}

/** False when the file is of a version this code cannot read. */
function readVersion(reader: Reader, root: YAMLMap, field: Field | undefined): boolean {
  if (field === undefined) {
    report(reader, root, 'error', "the codebook has no version; add 'version: 1' as its first line");
    return true;
  }
  const value = isScalar(field.value) ? field.value.value : undefined;
  if (value === CODEBOOK_VERSION) return true;
  if (value === String(CODEBOOK_VERSION)) {
    report(reader, field.value, 'warning', "write 'version: 1' without quotes: the version is a number");
    return true;
  }
  const advice = typeof value === 'number' && value > CODEBOOK_VERSION
    ? 'this Transcript Coder reads version 1; update Transcript Coder to open this codebook'
    : "this Transcript Coder reads version 1; set 'version: 1'";
  report(reader, field.value ?? field.key, 'error', `unknown codebook version ${describeValue(field.value)}: ${advice}`);
  return false;
}

function readFramework(reader: Reader, map: YAMLMap, id: string): Framework {
  const owner = `framework '${id}'`;
  const fields = readFields(reader, map, CODEBOOK_KEYS.framework, owner);
  const label = readLabel(reader, map, fields.get('label'), owner, true) ?? id;
  const description = readLabel(reader, map, fields.get('description'), owner, false, 'description');
  const dimensionsField = fields.get('dimensions');
  const read = readItems(reader, dimensionsField, 'dimension', `in ${owner}`, (dimensionMap, dimensionId) =>
    readDimension(reader, dimensionMap, `${id}/${dimensionId}`));
  const dimensionsNode = dimensionsField?.value;
  if (read.length === 0 && (isEmpty(dimensionsNode) || (isSeq(dimensionsNode) && dimensionsNode.items.length === 0))) {
    report(reader, dimensionsField?.key ?? map, 'warning',
      `${owner} has no dimensions, so nothing can be coded with it; add a 'dimensions:' list`);
  }
  const dimensions = assignColors(reader, read);
  return withDescription({ id, label, dimensions }, description);
}

/** A dimension as read, before a missing or unusable colour is replaced from the palette. */
interface ReadDimension {
  dimension: Omit<Dimension, 'color'>;
  path: string;
  color: string | undefined;
  colorNode: YamlNode | undefined;
  /** Where to point when the colour is missing; undefined when an error already covers it. */
  missingColorAt: YamlNode | undefined;
}

function readDimension(reader: Reader, map: YAMLMap, path: string): ReadDimension {
  const owner = `dimension '${path}'`;
  const fields = readFields(reader, map, CODEBOOK_KEYS.dimension, owner);
  const id = path.slice(path.indexOf('/') + 1);
  const label = readLabel(reader, map, fields.get('label'), owner, true) ?? id;
  const description = readLabel(reader, map, fields.get('description'), owner, false, 'description');
  const indicators = readItems(reader, fields.get('indicators'), 'indicator', `in ${owner}`, (indicatorMap, indicatorId) => {
    const indicatorOwner = `indicator '${path}/${indicatorId}'`;
    const indicatorFields = readFields(reader, indicatorMap, CODEBOOK_KEYS.indicator, indicatorOwner);
    const indicatorLabel = readLabel(reader, indicatorMap, indicatorFields.get('label'), indicatorOwner, true) ?? indicatorId;
    const indicatorDescription = readLabel(reader, indicatorMap, indicatorFields.get('description'), indicatorOwner, false, 'description');
    return withDescription({ id: indicatorId, label: indicatorLabel }, indicatorDescription);
  });
  const colorField = fields.get('color');
  const color = colorField === undefined ? undefined : readColor(reader, colorField, owner);
  return {
    dimension: withDescription({ id, label, indicators }, description),
    path,
    color,
    colorNode: colorField?.value,
    missingColorAt: colorField === undefined ? map : undefined,
  };
}

function readColor(reader: Reader, field: Field, owner: string): string | undefined {
  const value = isScalar(field.value) ? field.value.value : undefined;
  if (value === null || value === undefined || value === '') {
    report(reader, field.value ?? field.key, 'error',
      `the color of ${owner} is empty: in YAML an unquoted '#' starts a comment, so quote the colour, e.g. color: "#4e79a7"`);
    return undefined;
  }
  if (typeof value !== 'string' || !COLOR_PATTERN.test(value)) {
    report(reader, field.value, 'error',
      `'${String(value)}' is not a colour for ${owner}: use a hex colour in quotes, #rgb or #rrggbb, e.g. color: "#4e79a7"`);
    return undefined;
  }
  const hex = value.toLowerCase();
  return hex.length === 4 ? `#${[...hex.slice(1)].map((digit) => digit + digit).join('')}` : hex;
}

/** Gives each dimension without a usable colour the first palette colour its framework does not use yet. */
function assignColors(reader: Reader, read: ReadDimension[]): Dimension[] {
  const used = new Set(read.flatMap((d) => (d.color === undefined ? [] : [d.color])));
  const spare = DIMENSION_PALETTE.filter((color) => !used.has(color));
  const firstWithColor = new Map<string, ReadDimension>();
  let nextSpare = 0;
  return read.map((entry) => {
    let color = entry.color;
    if (color === undefined) {
      color = spare[nextSpare] ?? DIMENSION_PALETTE[nextSpare % DIMENSION_PALETTE.length] ?? '#4e79a7';
      nextSpare++;
      if (entry.missingColorAt !== undefined) {
        report(reader, entry.missingColorAt, 'warning',
          `dimension '${entry.path}' has no color; showing it in ${color} — add color: "${color}" (or another) to keep it`);
      }
    } else {
      const first = firstWithColor.get(color);
      if (first === undefined) firstWithColor.set(color, entry);
      else {
        report(reader, entry.colorNode, 'warning',
          `dimension '${entry.path}' has the same colour as '${first.path}'; pick another so their highlights can be told apart`);
      }
    }
    return { ...entry.dimension, color };
  });
}

function readPolarities(reader: Reader, field: Field | undefined): Polarity[] {
  const defaults = (): Polarity[] => DEFAULT_POLARITIES.map((polarity) => ({ ...polarity }));
  if (field === undefined || (isScalar(field.value) && field.value.value === null)) return defaults();
  if (isSeq(field.value) && field.value.items.length === 0) {
    report(reader, field.value, 'warning',
      `'polarities' is empty, so the defaults (${DEFAULT_POLARITIES.map((p) => p.id).join(', ')}) are used; list at least one or remove the key`);
    return defaults();
  }
  const polarities = readItems(reader, field, 'polarity', '', (map, id) => {
    const owner = `polarity '${id}'`;
    const fields = readFields(reader, map, CODEBOOK_KEYS.polarity, owner);
    return { id, label: readLabel(reader, map, fields.get('label'), owner, true) ?? id };
  });
  // Codes always need a polarity; with none usable, fall back rather than block coding.
  return polarities.length > 0 ? polarities : defaults();
}

type ItemKind = 'framework' | 'dimension' | 'indicator' | 'polarity';
const LIST_KEY: Record<ItemKind, string> = {
  framework: 'frameworks', dimension: 'dimensions', indicator: 'indicators', polarity: 'polarities',
};

/**
 * Reads a list of identified items. Items without a usable id, and later items with an
 * id already taken, are reported and left out; their insides are still checked, so the
 * user sees every problem at once.
 */
function readItems<T>(
  reader: Reader,
  field: Field | undefined,
  kind: ItemKind,
  scope: string,
  readItem: (map: YAMLMap, id: string) => T,
): T[] {
  const list = field?.value;
  if (list === undefined || isEmpty(list)) return [];
  const where = scope === '' ? '' : ` ${scope}`;
  if (!isSeq(list)) {
    report(reader, list, 'error', `'${LIST_KEY[kind]}'${where} must be a list: start each ${kind} with '- id: ...'`);
    return [];
  }
  const items: T[] = [];
  const firstLineOf = new Map<string, number>();
  for (const rawItem of list.items) {
    const item = resolveNode(reader, rawItem);
    if (!isMap(item)) {
      report(reader, item ?? list, 'error',
        `each ${kind}${where} must be a mapping with ${CODEBOOK_KEYS[kind].join(', ')}; found ${describeValue(item)}`);
      continue;
    }
    const idPair = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'id');
    const idNode = resolveNode(reader, idPair?.value);
    const id = readId(reader, item, idNode, kind, where);
    const value = readItem(item, id ?? (idNode === undefined ? undefined : textValue(reader, idNode)) ?? '(no id)');
    if (id === undefined) continue;
    const firstLine = firstLineOf.get(id);
    if (firstLine !== undefined) {
      report(reader, idNode, 'error', `duplicate ${kind} id '${id}'${where} (first on line ${firstLine}); give each ${kind} its own id`);
      continue;
    }
    firstLineOf.set(id, lineOf(reader, idNode ?? item));
    items.push(value);
  }
  return items;
}

function readId(reader: Reader, item: YAMLMap, idNode: YamlNode | undefined, kind: ItemKind, where: string): string | undefined {
  const example = { framework: 'jones', dimension: 'organization', indicator: 'coordination', polarity: 'supporting' }[kind];
  if (idNode === undefined || isEmpty(idNode)) {
    report(reader, idNode ?? item, 'error', `a ${kind}${where} has no id; add one such as 'id: ${example}' (lowercase letters, digits and '-')`);
    return undefined;
  }
  const text = textValue(reader, idNode);
  if (text === undefined || !isValidId(text)) {
    const suggestion = text === undefined ? '' : suggestId(text);
    report(reader, idNode, 'error',
      `${text === undefined ? `the ${kind} id` : `'${text}'`} is not a valid ${kind} id: use lowercase letters, digits and '-', starting with a letter or digit${suggestion === '' ? '' : ` (e.g. '${suggestion}')`}`);
    return undefined;
  }
  return text;
}

function suggestId(text: string): string {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return isValidId(slug) ? slug : '';
}

/**
 * Reads a label or description. A missing required label is a warning and the caller
 * falls back to the id; a label of the wrong shape is an error.
 */
function readLabel(
  reader: Reader,
  owner: YAMLMap,
  field: Field | undefined,
  ownerName: string,
  required: boolean,
  key: 'label' | 'description' = 'label',
): Label | undefined {
  const node = field?.value;
  if (node === undefined || isEmpty(node) || (isScalar(node) && node.value === '')) {
    if (required) {
      report(reader, field?.key ?? owner, 'warning', `${ownerName} has no ${key}; showing its id — add e.g. ${key}: {en: ..., id: ...}`);
    }
    return undefined;
  }
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  if (!isMap(node)) {
    report(reader, node, 'error',
      `the ${key} of ${ownerName} must be text or a map of language tags to text, e.g. {en: Organization, id: Organisasi}; quote numbers and true/false`);
    return undefined;
  }
  const texts: [string, string][] = [];
  for (const pair of node.items) {
    const tag = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const text = resolveNode(reader, pair.value);
    if (tag === undefined || !LANGUAGE_TAG.test(tag)) {
      report(reader, isScalar(pair.key) ? pair.key : node, 'warning',
        `'${tag ?? describeValue(resolveNode(reader, pair.key))}' in the ${key} of ${ownerName} is not a language tag; use a tag such as en or id`);
    }
    if (!isScalar(text) || typeof text.value !== 'string') {
      report(reader, text ?? (isScalar(pair.key) ? pair.key : node), 'error',
        `the ${key} text for '${tag ?? '?'}' in ${ownerName} must be text; quote numbers and true/false`);
      continue;
    }
    if (tag !== undefined && !texts.some(([seen]) => seen === tag)) texts.push([tag, text.value]);
  }
  // fromEntries defines own properties, so even a '__proto__' tag stays plain data.
  return texts.length > 0 ? Object.fromEntries(texts) : undefined;
}

function withDescription<T extends object>(value: T, description: Label | undefined): T & { description?: Label } {
  return description === undefined ? value : { ...value, description };
}
