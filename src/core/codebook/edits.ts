/**
 * Changes to codebook.yaml from the Codebook view — add, rename, merge, move, delete —
 * made through the `yaml` package's Document API, so comments, quoting and flow-style
 * labels stay as the researcher wrote them (a codebook in the templates' layout comes
 * back byte for byte apart from the change). Each change also says how code paths in
 * the sidecars map to new ones, so the study can be rewritten with it.
 *
 * Pure: text in, text and a path mapping out; no `vscode` import. Every result is read
 * back with the codebook reader and refused if it would be worse than before.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { DIMENSION_PALETTE, isValidId, parseCodebook, resolveCodePath, type Codebook } from './codebook';

export type CodebookEdit =
  /** A dimension under a framework (`parent` = framework id) or an indicator under a dimension (`parent` = `framework/dimension`). */
  | { kind: 'add'; parent: string; id: string; label: string; language: string }
  /** A framework as written in a template codebook's text (`codebookYamlFromTemplates([id])`). */
  | { kind: 'add-framework'; templateText: string }
  /** A new label in `language`, a new id, or both. */
  | { kind: 'rename'; path: string; newId?: string; label?: string; language: string }
  /** Every segment of `from` goes to `into`; `from` leaves the codebook. */
  | { kind: 'merge'; from: string; into: string }
  /** An indicator to another dimension, or a dimension to another framework. */
  | { kind: 'move'; path: string; to: string }
  /** The code and everything below it; its segments are removed too. */
  | { kind: 'delete'; path: string };

/** A change that cannot be made, with the reason in words for the user. */
export class CodebookEditError extends Error {}

export interface CodebookEditResult {
  /** The new codebook.yaml; the same text when only sidecars change (an unknown code). */
  text: string;
  /** A sidecar's code path after the change: the same path, a new one, or null (removed). */
  mapPath(path: string): string | null;
  /** Whether any sidecar code path is affected (quick test before reading sidecars). */
  affects(path: string): boolean;
}

const STRINGIFY = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

export function editCodebook(text: string, edit: CodebookEdit): CodebookEditResult {
  const before = parseCodebook(text, 'codebook.yaml');
  const codebook = before.codebook;
  if (codebook === undefined) throw new CodebookEditError('the codebook cannot be read; fix the problems shown for it first');
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const doc = parseDocument(source, { keepSourceTokens: false });
  const crlf = source.includes('\r\n');
  let mapPath: (path: string) => string | null = (path) => path;
  let affects: (path: string) => boolean = () => false;
  let changesText = true;

  switch (edit.kind) {
    case 'add':
      addCode(doc, codebook, edit);
      break;
    case 'add-framework':
      addFramework(doc, codebook, edit.templateText);
      break;
    case 'rename': {
      const { from, to } = renameCode(doc, codebook, edit);
      if (from !== to) ({ mapPath, affects } = prefixMapping(from, to));
      break;
    }
    case 'merge': {
      ({ mapPath, affects, changesText } = mergeCode(doc, codebook, edit.from, edit.into));
      break;
    }
    case 'move': {
      const { from, to } = moveCode(doc, codebook, edit.path, edit.to);
      ({ mapPath, affects } = prefixMapping(from, to));
      break;
    }
    case 'delete': {
      const known = resolveKnown(codebook, edit.path);
      if (known) removeNode(doc, edit.path);
      else changesText = false;
      affects = (path) => isUnder(path, edit.path);
      mapPath = (path) => (isUnder(path, edit.path) ? null : path);
      break;
    }
  }

  let written = changesText ? doc.toString(STRINGIFY) : source;
  if (crlf && changesText) written = written.replace(/\r?\n/gu, '\r\n');
  if (text.startsWith('\ufeff')) written = `\ufeff${written}`;
  const after = parseCodebook(written, 'codebook.yaml');
  const errors = (problems: typeof before.problems) => problems.filter((p) => p.severity === 'error').length;
  if (after.codebook === undefined || errors(after.problems) > errors(before.problems)) {
    const first = after.problems.find((p) => p.severity === 'error');
    throw new CodebookEditError(`the changed codebook would not read back${first === undefined ? '' : `: line ${first.line}: ${first.message}`}; nothing was changed`);
  }
  return { text: written, mapPath, affects };
}

export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function prefixMapping(from: string, to: string): Pick<CodebookEditResult, 'mapPath' | 'affects'> {
  return {
    affects: (path) => isUnder(path, from),
    mapPath: (path) => (isUnder(path, from) ? to + path.slice(from.length) : path),
  };
}

function resolveKnown(codebook: Codebook, path: string): boolean {
  const parts = path.split('/');
  if (parts.length === 1) return codebook.frameworks.some((f) => f.id === path);
  return resolveCodePath(codebook, path) !== undefined;
}

function levelOf(path: string): 'framework' | 'dimension' | 'indicator' {
  const length = path.split('/').length;
  return length === 1 ? 'framework' : length === 2 ? 'dimension' : 'indicator';
}

// Finding nodes in the document

function listOf(map: unknown, key: string, create = false): YAMLSeq | undefined {
  if (!isMap(map)) return undefined;
  const found = map.get(key, true);
  if (isSeq(found)) return found;
  if (!create) return undefined;
  const seq = new YAMLSeq();
  map.set(key, seq);
  return seq;
}

function idOf(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const id = node.get('id', true);
  return isScalar(id) && id.value !== null ? String(id.value) : undefined;
}

/** The list holding the code at `path` and its index there. */
function locate(doc: Document.Parsed, path: string): { list: YAMLSeq; index: number; node: YAMLMap } {
  const [frameworkId, dimensionId, indicatorId] = path.split('/');
  const frameworks = listOf(doc.contents, 'frameworks');
  const step = (list: YAMLSeq | undefined, id: string | undefined) => {
    const index = list?.items.findIndex((item) => idOf(item) === id) ?? -1;
    if (list === undefined || index < 0) throw new CodebookEditError(`${path} is not in the codebook`);
    return { list, index, node: list.items[index] as YAMLMap };
  };
  const framework = step(frameworks, frameworkId);
  if (dimensionId === undefined) return framework;
  const dimension = step(listOf(framework.node, 'dimensions'), dimensionId);
  if (indicatorId === undefined) return dimension;
  return step(listOf(dimension.node, 'indicators'), indicatorId);
}

function removeNode(doc: Document.Parsed, path: string): YAMLMap {
  const { list, index, node } = locate(doc, path);
  list.items.splice(index, 1);
  if (list.items.length === 0 && levelOf(path) === 'indicator') {
    // No `indicators: []` left behind under a dimension.
    const parent = locate(doc, path.split('/').slice(0, 2).join('/')).node;
    parent.delete('indicators');
  }
  return node;
}

function checkNewId(id: string, siblings: readonly string[]): void {
  if (!isValidId(id)) throw new CodebookEditError(`'${id}' is not a valid id: use lowercase letters, digits and '-', starting with a letter or digit`);
  if (siblings.includes(id)) throw new CodebookEditError(`there is already a code with the id '${id}' there`);
}

function labelNode(doc: Document.Parsed, label: string, language: string): YAMLMap {
  const map = doc.createNode({ [primaryLanguage(language)]: label }) as YAMLMap;
  map.flow = true;
  return map;
}

function primaryLanguage(language: string): string {
  const primary = language.split('-')[0]?.toLowerCase() ?? 'en';
  return /^[a-z]{2,3}$/u.test(primary) ? primary : 'en';
}

// The edits

function addCode(doc: Document.Parsed, codebook: Codebook, edit: Extract<CodebookEdit, { kind: 'add' }>): void {
  const label = edit.label.trim();
  if (label === '') throw new CodebookEditError('a code needs a label');
  if (levelOf(edit.parent) === 'framework') {
    const framework = codebook.frameworks.find((f) => f.id === edit.parent);
    if (framework === undefined) throw new CodebookEditError(`${edit.parent} is not in the codebook`);
    checkNewId(edit.id, framework.dimensions.map((d) => d.id));
    const used = new Set(codebook.frameworks.flatMap((f) => f.dimensions.map((d) => d.color.toLowerCase())));
    const color = DIMENSION_PALETTE.find((c) => !used.has(c)) ?? DIMENSION_PALETTE[framework.dimensions.length % DIMENSION_PALETTE.length] ?? '#4e79a7';
    const node = new YAMLMap();
    node.set('id', edit.id);
    node.set('label', labelNode(doc, label, edit.language));
    const colorScalar = new Scalar(color);
    colorScalar.type = Scalar.QUOTE_DOUBLE;
    node.set('color', colorScalar);
    const list = listOf(locate(doc, edit.parent).node, 'dimensions', true) as YAMLSeq;
    list.flow = false;
    list.items.push(node);
    return;
  }
  if (levelOf(edit.parent) !== 'dimension') throw new CodebookEditError('codes go under a framework (dimensions) or a dimension (indicators)');
  const resolved = resolveCodePath(codebook, edit.parent);
  if (resolved === undefined) throw new CodebookEditError(`${edit.parent} is not in the codebook`);
  checkNewId(edit.id, resolved.dimension.indicators.map((i) => i.id));
  const node = new YAMLMap();
  node.set('id', edit.id);
  node.set('label', labelNode(doc, label, edit.language));
  const list = listOf(locate(doc, edit.parent).node, 'indicators', true) as YAMLSeq;
  list.flow = false;
  list.items.push(node);
}

function addFramework(doc: Document.Parsed, codebook: Codebook, templateText: string): void {
  const template = parseDocument(templateText);
  const framework = listOf(template.contents, 'frameworks')?.items[0];
  const id = idOf(framework);
  if (framework === undefined || id === undefined) throw new CodebookEditError('the template holds no framework');
  if (codebook.frameworks.some((f) => f.id === id)) throw new CodebookEditError(`the codebook already has the framework '${id}'`);
  const list = listOf(doc.contents, 'frameworks', true) as YAMLSeq;
  list.flow = false;
  const node = framework as YAMLMap;
  node.commentBefore = undefined;
  list.items.push(node);
}

function renameCode(doc: Document.Parsed, codebook: Codebook, edit: Extract<CodebookEdit, { kind: 'rename' }>): { from: string; to: string } {
  if (!resolveKnown(codebook, edit.path)) throw new CodebookEditError(`${edit.path} is not in the codebook`);
  const { list, node } = locate(doc, edit.path);
  const parts = edit.path.split('/');
  let to = edit.path;
  if (edit.newId !== undefined && edit.newId !== parts[parts.length - 1]) {
    const siblings = list.items.map(idOf).filter((id): id is string => id !== undefined);
    checkNewId(edit.newId, siblings);
    const idScalar = node.get('id', true);
    if (isScalar(idScalar)) idScalar.value = edit.newId;
    else node.set('id', edit.newId);
    to = [...parts.slice(0, -1), edit.newId].join('/');
  }
  const label = edit.label?.trim();
  if (label !== undefined && label !== '') {
    const current = node.get('label', true);
    if (isMap(current)) current.set(primaryLanguage(edit.language), label);
    else if (isScalar(current)) current.value = label;
    else node.set('label', labelNode(doc, label, edit.language));
  }
  return { from: edit.path, to };
}

function mergeCode(doc: Document.Parsed, codebook: Codebook, from: string, into: string): { mapPath: CodebookEditResult['mapPath']; affects: CodebookEditResult['affects']; changesText: boolean } {
  if (from === into || isUnder(into, from)) throw new CodebookEditError(`${from} cannot be merged into itself or a code below it`);
  if (levelOf(into) === 'framework' || resolveCodePath(codebook, into) === undefined) throw new CodebookEditError(`merge into a dimension or an indicator of the codebook; ${into} is not one`);
  if (!resolveKnown(codebook, from)) {
    // A code the codebook does not know (a typo in a sidecar): only the sidecars change.
    return { mapPath: (path) => (path === from ? into : path), affects: (path) => path === from, changesText: false };
  }
  if (levelOf(from) === 'framework') throw new CodebookEditError('frameworks cannot be merged; merge their dimensions one by one');
  if (levelOf(from) === 'indicator' || levelOf(into) === 'indicator') {
    if (levelOf(from) === 'dimension') throw new CodebookEditError('a dimension can only be merged into another dimension');
    removeNode(doc, from);
    return { mapPath: (path) => (path === from ? into : path), affects: (path) => path === from, changesText: true };
  }
  // Dimension into dimension: its indicators come along, joining same-named ones.
  const source = resolveCodePath(codebook, from);
  const target = resolveCodePath(codebook, into);
  if (source === undefined || target === undefined) throw new CodebookEditError(`${from} or ${into} is not in the codebook`);
  const targetIds = new Set(target.dimension.indicators.map((i) => i.id));
  const moving = listOf(locate(doc, from).node, 'indicators')?.items.filter((item) => !targetIds.has(idOf(item) ?? '')) ?? [];
  removeNode(doc, from);
  if (moving.length > 0) {
    const list = listOf(locate(doc, into).node, 'indicators', true) as YAMLSeq;
    list.flow = false;
    list.items.push(...moving);
  }
  return {
    affects: (path) => isUnder(path, from),
    mapPath: (path) => (isUnder(path, from) ? into + path.slice(from.length) : path),
    changesText: true,
  };
}

function moveCode(doc: Document.Parsed, codebook: Codebook, path: string, to: string): { from: string; to: string } {
  const level = levelOf(path);
  if (!resolveKnown(codebook, path)) throw new CodebookEditError(`${path} is not in the codebook`);
  const id = path.split('/').pop() ?? '';
  if (level === 'indicator') {
    const target = levelOf(to) === 'dimension' ? resolveCodePath(codebook, to) : undefined;
    if (target === undefined) throw new CodebookEditError('an indicator moves to a dimension of the codebook');
    if (`${to}/${id}` === path) throw new CodebookEditError(`${path} is already there`);
    if (target.dimension.indicators.some((i) => i.id === id)) throw new CodebookEditError(`${to} already has an indicator '${id}': merge them instead`);
    const node = removeNode(doc, path);
    const list = listOf(locate(doc, to).node, 'indicators', true) as YAMLSeq;
    list.flow = false;
    list.items.push(node);
    return { from: path, to: `${to}/${id}` };
  }
  if (level === 'dimension') {
    const framework = codebook.frameworks.find((f) => f.id === to);
    if (framework === undefined || levelOf(to) !== 'framework') throw new CodebookEditError('a dimension moves to a framework of the codebook');
    if (`${to}/${id}` === path) throw new CodebookEditError(`${path} is already there`);
    if (framework.dimensions.some((d) => d.id === id)) throw new CodebookEditError(`${to} already has a dimension '${id}': merge them instead`);
    const node = removeNode(doc, path);
    const list = listOf(locate(doc, to).node, 'dimensions', true) as YAMLSeq;
    list.flow = false;
    list.items.push(node);
    return { from: path, to: `${to}/${id}` };
  }
  throw new CodebookEditError('frameworks are not moved; dimensions and indicators are');
}
