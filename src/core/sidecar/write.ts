/**
 * Writing a sidecar. Without a previous parse the file is written in the canonical
 * style. With one, the writer works on the previous text line by line: entries whose
 * values did not change are copied byte for byte (comments, alignment, quoting and
 * unknown keys included), changed values are replaced in place, and entries are moved
 * into the written order with the comments that belong to them (see sidecar/layout.ts).
 * A part written in a style the line layout cannot follow (a flow map `{…}`, a `? `
 * key) is written anew in the canonical style.
 *
 * Output uses LF line endings, or CRLF when the previous file did, so a rewrite on
 * Windows does not turn every line into a diff; a BOM is not written.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { CODE_ID_PATTERN } from './read-codes';
import { CODE_KEY_ORDER, compareCodes, SIDECAR_VERSION } from './model';
import type { CodeEntry, SidecarData } from './model';
import { parseSidecar, type SidecarParseOk } from './parse';
import {
  attributeOrder,
  indentLines,
  linesValue,
  placeItem,
  renderAttributesValue,
  renderCodeBody,
  renderCodesValue,
  renderNodePair,
  renderPair,
  renderValue,
  type RenderedValue,
  type ScalarKind,
} from './render';
import {
  appendLines,
  indentOf,
  isBlankOrComment,
  isComment,
  layoutItems,
  layoutMap,
  outdentComments,
  simpleItems,
  simplePairs,
  TextLines,
  type Entry,
  type SimpleItem,
  type SimplePair,
} from './layout';
import { findPair, keyText, scalarText } from '../yaml';
import { parseSidecarYaml } from './yaml-nodes';
import { rewriteCanonicalText } from './canonical-writer';

const TOP_LEVEL_ORDER = ['version', 'transcript', 'attributes', 'codes'] as const;
const CODE_KEYS: ReadonlySet<string> = new Set(CODE_KEY_ORDER);

export function serializeSidecar(data: SidecarData, previous?: SidecarParseOk): string {
  assertWritable(data);
  const sorted: SidecarData = { ...data, codes: [...data.codes].sort(compareCodes) };
  const lineEnding = previous?.source.lineEnding ?? '\n';
  const finish = (lines: readonly string[]): string => {
    const text = lines.join('\n') + '\n';
    return lineEnding === '\r\n' ? text.replace(/\n/gu, '\r\n') : text;
  };
  // Every text is read back before it is returned: the writer must never cost the user
  // a code. Should the layout-keeping text read differently (a bug, or YAML it does not
  // foresee), the canonical form is written instead, keeping unknown keys but not comments.
  if (previous !== undefined) {
    // The previous text in the writer's plain shape is rewritten line by line
    // (sidecar/canonical-writer.ts), with the layout writer's result, without parsing it again.
    const text = previous.source.text;
    const kept = finish(rewriteCanonicalText(sorted, text) ?? rewriteKeepingLayout(sorted, text, previous.data.codes));
    if (readsAs(kept, sorted)) return kept;
  }
  const canonical = finish(renderCanonical(sorted, previous?.source.text));
  if (readsAs(canonical, sorted)) return canonical;
  throw new Error(`serializeSidecar: cannot write the sidecar of ${data.transcript} so that it reads back the same; nothing written.`);
}

/**
 * Whether two sidecars hold the same data (attribute order and code order aside). Compared
 * field by field rather than as JSON: the writer's read-back check runs it on every save.
 */
export function sidecarDataEqual(a: SidecarData, b: SidecarData): boolean {
  if (a.version !== b.version || a.transcript !== b.transcript || !sameAttributes(a.attributes, b.attributes)) return false;
  if (a.codes.length !== b.codes.length) return false;
  const codesA = [...a.codes].sort(compareCodes);
  const codesB = [...b.codes].sort(compareCodes);
  return codesA.every((code, index) => sameCodeEntry(code, codesB[index] as CodeEntry));
}

function sameAttributes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => Object.hasOwn(b, name) && a[name] === b[name]);
}

function sameCodeEntry(a: CodeEntry, b: CodeEntry): boolean {
  return (
    a.id === b.id &&
    a.lines.length === b.lines.length &&
    a.lines.every((line, index) => line === b.lines[index]) &&
    a.code === b.code &&
    a.polarity === b.polarity &&
    a.factor === b.factor &&
    a.quote === b.quote &&
    (a.memo ?? null) === (b.memo ?? null) &&
    a.coder === b.coder
  );
}

function readsAs(text: string, data: SidecarData): boolean {
  const parsed = parseSidecar(text, `${data.transcript}.codes.yaml`);
  return parsed.status === 'ok' && sidecarDataEqual(parsed.data, data);
}

/** Data that would make a broken file is a caller's bug: refuse it rather than write it. */
function assertWritable(data: SidecarData): void {
  const fail = (why: string): never => {
    throw new Error(`serializeSidecar: ${why}`);
  };
  if (data.version !== SIDECAR_VERSION) fail(`version must be ${SIDECAR_VERSION}`);
  if (typeof data.transcript !== 'string' || data.transcript === '') fail('transcript must be a file name');
  for (const [name, value] of Object.entries(data.attributes)) {
    if (typeof value !== 'string') fail(`attribute ${name} must be text`);
  }
  const ids = new Set<string>();
  for (const code of data.codes) {
    if (!CODE_ID_PATTERN.test(code.id)) fail(`code id ${JSON.stringify(code.id)} is not valid`);
    if (ids.has(code.id)) fail(`code id ${code.id} is used twice`);
    ids.add(code.id);
    const [first, last] = code.lines;
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || first > last) {
      fail(`code ${code.id} has invalid lines ${JSON.stringify(code.lines)}`);
    }
    if (code.code === '' || code.polarity === '') fail(`code ${code.id} needs a code path and a polarity`);
    const texts = [code.code, code.polarity, code.factor, code.quote, code.coder, code.memo ?? ''];
    if (texts.some((text) => typeof text !== 'string')) fail(`code ${code.id} has a value that is not text`);
  }
}

/**
 * The canonical form of `data`. Given the previous text (when its layout could not be
 * kept), its header comments, unknown keys and attribute order are carried over.
 */
function renderCanonical(data: SidecarData, previousText: string | undefined): string[] {
  let header: string[] = [];
  let unknownTop: Pair[] = [];
  let existingAttributes: string[] = [];
  const unknownByCode = new Map<string, Pair[]>();
  if (previousText !== undefined) {
    const lines = new TextLines(previousText);
    const root = parseSidecarYaml(previousText).document.contents as YAMLMap;
    header = lines.slice(0, lines.lineOf(root.range?.[0] ?? 0)).filter(isBlankOrComment);
    unknownTop = root.items.filter((pair) => !(TOP_LEVEL_ORDER as readonly string[]).includes(keyText(pair, previousText) ?? ''));
    const attributes = findPair(root, 'attributes', previousText)?.value as Node | null | undefined;
    if (isMap(attributes)) existingAttributes = attributes.items.map((pair) => keyText(pair, previousText) ?? '');
    const codes = findPair(root, 'codes', previousText)?.value as Node | null | undefined;
    if (isSeq(codes)) collectUnknownCodeKeys(codes.items as (Node | null)[], previousText, unknownByCode);
  }
  return [
    ...header,
    `version: ${SIDECAR_VERSION}`,
    ...renderPair('transcript', data.transcript, 'text'),
    ...pairLines('attributes', renderAttributesValue(data.attributes, existingAttributes)),
    ...pairLines('codes', renderCodesValue(data.codes, (id) => unknownByCode.get(id) ?? [])),
    ...unknownTop.flatMap((pair) => renderNodePair(pair)),
  ];
}

function pairLines(key: string, value: RenderedValue): string[] {
  return [value.inline === '' ? `${key}:` : `${key}: ${value.inline}`, ...value.following];
}

function collectUnknownCodeKeys(items: readonly (Node | null)[], text: string, into: Map<string, Pair[]>): void {
  for (const item of items) {
    if (!isMap(item)) continue;
    const id = idOf(item, text);
    if (id !== undefined) into.set(id, unknownPairs(item, text));
  }
}

function unknownPairs(map: YAMLMap, text: string): Pair[] {
  return map.items.filter((pair) => !CODE_KEYS.has(keyText(pair, text) ?? ''));
}

function idOf(map: YAMLMap, text: string): string | undefined {
  const value = findPair(map, 'id', text)?.value as Node | null | undefined;
  return isScalar(value) ? scalarText(value, text) : undefined;
}

/**
 * `data` written over the previous text, keeping its layout; canonical where it cannot.
 * Exported for tests, which check that this path — not the fallback — does the work.
 */
export function rewriteKeepingLayout(unsorted: SidecarData, previousText: string, previousCodes: readonly CodeEntry[] = []): string[] {
  const data = { ...unsorted, codes: [...unsorted.codes].sort(compareCodes) };
  const text = new TextLines(previousText);
  const root = parseSidecarYaml(previousText).document.contents as YAMLMap;
  const pairs = simplePairs(root, text, false);
  if (pairs === undefined) return renderCanonical(data, previousText);
  return new LayoutWriter(text, new Map(previousCodes.map((code) => [code.id, code]))).top(pairs, data);
}

class LayoutWriter {
  constructor(
    private readonly text: TextLines,
    /** The codes as the previous text holds them: one the line layout cannot follow is copied as it is while unchanged. */
    private readonly previousCodes: ReadonlyMap<string, CodeEntry>,
  ) {}

  top(pairs: SimplePair[], data: SidecarData): string[] {
    const { text } = this;
    const layout = layoutMap(pairs, text, 0, text.lines.length, false);
    const byKey = new Map(layout.entries.map((entry) => [keyText(entry.node.pair, text.text) ?? '', entry]));
    const out = text.slice(0, layout.entries[0]?.start ?? layout.trailerStart);
    for (const key of TOP_LEVEL_ORDER) {
      const entry = byKey.get(key);
      if (entry === undefined) {
        appendLines(out, this.newTopLevel(key, data));
        continue;
      }
      appendLines(out, text.slice(entry.leadStart, entry.start));
      if (key === 'version') appendLines(out, text.slice(entry.start, entry.end));
      else if (key === 'transcript') appendLines(out, this.scalarEntry(entry, data.transcript, 'text'));
      else if (key === 'attributes') appendLines(out, this.attributesEntry(entry, data.attributes));
      else appendLines(out, this.codesEntry(entry, data.codes));
    }
    for (const entry of layout.entries) {
      if ((TOP_LEVEL_ORDER as readonly string[]).includes(keyText(entry.node.pair, text.text) ?? '')) continue;
      appendLines(out, text.slice(entry.leadStart, entry.end));
    }
    appendLines(out, text.slice(layout.trailerStart, layout.end));
    return out;
  }

  private newTopLevel(key: (typeof TOP_LEVEL_ORDER)[number], data: SidecarData): string[] {
    if (key === 'version') return [`version: ${SIDECAR_VERSION}`];
    if (key === 'transcript') return renderPair('transcript', data.transcript, 'text');
    if (key === 'attributes') return pairLines('attributes', renderAttributesValue(data.attributes, []));
    return pairLines('codes', renderCodesValue(data.codes, () => []));
  }

  /** The entry's lines from its key on, with its value `value` — untouched if it already is. */
  private scalarEntry(entry: Entry<SimplePair>, value: string, kind: ScalarKind): string[] {
    const node = entry.node.pair.value as Node | null;
    const current = node === null ? '' : isScalar(node) ? scalarText(node, this.text.text) : undefined;
    if (current === value) return this.text.slice(entry.start, entry.end);
    return this.replaceValue(entry, renderValue(value, kind));
  }

  /**
   * The entry's lines from its key on, its value replaced by `value`. The key and what
   * stands before it are kept, as is a comment at the end of the old value (at its old
   * column when it was aligned) and every line after the old value.
   */
  private replaceValue(entry: Entry<SimplePair>, value: RenderedValue): string[] {
    const { text } = this;
    const { pair, keyLine, keyColumn, colonEnd } = entry.node;
    const keyLineText = text.lines[keyLine] ?? '';
    const node = pair.value as Node | null;
    const range = node?.range;
    const hasText = node !== null && range !== undefined && range !== null && range[1] > range[0];
    const inline = hasText && text.lineOf(range[0]) === keyLine;
    const between = inline ? keyLineText.slice(colonEnd, text.columnOf(range[0])) : '';
    const gap = /^ +$/u.test(between) ? between : ' ';
    const comment = this.commentAfterValue(entry);

    let first = keyLineText.slice(0, colonEnd) + (value.inline === '' ? '' : gap + value.inline);
    if (comment !== undefined) {
      const aligned = comment.gap.length > 1;
      first += (aligned ? ' '.repeat(Math.max(1, comment.column - first.length)) : comment.gap) + comment.text;
    }
    const lastLine = hasText ? Math.max(keyLine, text.lastLineOf(node)) : keyLine;
    const rest = text.slice(lastLine + 1, entry.end);
    const following = indentLines(value.following, keyColumn);
    return [first, ...following, ...(following.length > 0 ? outdentComments(rest, keyColumn) : rest)];
  }

  /** The comment at the end of an entry's value — or of its key line, when the value is below. */
  private commentAfterValue(entry: Entry<SimplePair>): { gap: string; text: string; column: number } | undefined {
    const { text } = this;
    const { pair, keyLine, colonEnd } = entry.node;
    const node = pair.value as Node | null;
    const range = node?.range;
    let line = keyLine;
    let after = colonEnd;
    if (node !== null && range !== undefined && range !== null && range[1] > range[0] && text.lineOf(range[0]) === keyLine) {
      const start = text.columnOf(range[0]);
      if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
        // A literal block's comment stands on its header line: `memo: |  # …`.
        after = start + (/^[|>][-+0-9]*/u.exec((text.lines[keyLine] ?? '').slice(start))?.[0].length ?? 0);
      } else {
        line = text.lastLineOf(node);
        after = text.lineOf(range[1]) === line ? text.columnOf(range[1]) : (text.lines[line] ?? '').length;
      }
    }
    const found = /^([ \t]+)(#.*)$/u.exec((text.lines[line] ?? '').slice(after));
    if (found === null) return undefined;
    const gap = found[1] ?? ' ';
    return { gap, text: found[2] ?? '', column: after + gap.length };
  }

  private attributesEntry(entry: Entry<SimplePair>, attributes: Readonly<Record<string, string>>): string[] {
    const { text } = this;
    const names = Object.keys(attributes);
    const node = entry.node.pair.value as Node | null;
    const pairs = isMap(node) ? simplePairs(node, text, false) : undefined;
    if (pairs === undefined || pairs.length === 0) {
      const existing = isMap(node) ? node.items.map((pair) => keyText(pair, text.text) ?? '') : [];
      const wasEmpty = node === null || (isScalar(node) && node.value === null) || (isMap(node) && node.items.length === 0);
      if (wasEmpty && names.length === 0) return text.slice(entry.start, entry.end);
      return this.replaceValue(entry, renderAttributesValue(attributes, existing));
    }
    if (names.length === 0) return this.replaceValue(entry, { inline: '{}', following: [] });
    const layout = layoutMap(pairs, text, entry.start + 1, entry.end, true);
    const byName = new Map(layout.entries.map((e) => [keyText(e.node.pair, text.text) ?? '', e]));
    const out = text.slice(entry.start, layout.entries[0]?.leadStart ?? layout.trailerStart);
    for (const name of attributeOrder(names, [...byName.keys()])) {
      const value = attributes[name] ?? '';
      const existing = byName.get(name);
      if (existing === undefined) out.push(...indentLines(renderPair(name, value, 'attribute'), layout.indent));
      else out.push(...text.slice(existing.leadStart, existing.start), ...this.scalarEntry(existing, value, 'attribute'));
    }
    out.push(...text.slice(layout.trailerStart, layout.end));
    return out;
  }

  private codesEntry(entry: Entry<SimplePair>, codes: readonly CodeEntry[]): string[] {
    const { text } = this;
    const node = entry.node.pair.value as Node | null;
    const items = isSeq(node) ? simpleItems(node, text) : undefined;
    if (items === undefined || items.length === 0) {
      const wasEmpty = node === null || (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0);
      if (wasEmpty && codes.length === 0) return text.slice(entry.start, entry.end);
      const unknownByCode = new Map<string, Pair[]>();
      if (isSeq(node)) collectUnknownCodeKeys(node.items as (Node | null)[], text.text, unknownByCode);
      return this.replaceValue(entry, renderCodesValue(codes, (id) => unknownByCode.get(id) ?? []));
    }
    if (codes.length === 0) return this.replaceValue(entry, { inline: '[]', following: [] });
    const layout = layoutItems(items, text, entry.start + 1, entry.end);
    const byId = new Map(layout.entries.map((e) => [idOf(e.node.map, text.text) ?? '', e]));
    const firstItem = items[0] as SimpleItem;
    const keyColumn = firstItem.pairs?.[0]?.keyColumn ?? firstItem.dashColumn + 2;
    const dashPrefix = (text.lines[firstItem.dashLine] ?? '').slice(0, keyColumn);
    const out = text.slice(entry.start, layout.entries[0]?.leadStart ?? layout.trailerStart);
    for (const code of codes) {
      const existing = byId.get(code.id);
      if (existing === undefined) out.push(...placeItem(renderCodeBody(code, []), dashPrefix, keyColumn));
      else out.push(...text.slice(existing.leadStart, existing.start), ...this.codeItem(existing, code));
    }
    out.push(...text.slice(layout.trailerStart, layout.end));
    return out;
  }

  /** An existing code's lines from its `- ` on, updated to `code`. */
  private codeItem(entry: Entry<SimpleItem>, code: CodeEntry): string[] {
    const { text } = this;
    const { map, pairs, dashLine, dashColumn } = entry.node;
    if (pairs === undefined || pairs.length === 0) {
      // A code written as a flow map (`- {id: k05, …}`) by hand stays so until it changes:
      // adding other codes (find-and-code) must not rewrite it.
      const previous = this.previousCodes.get(code.id);
      if (previous !== undefined && sameCodeEntry(previous, code)) return text.slice(entry.start, entry.end);
      const dashPrefix = `${' '.repeat(dashColumn)}- `;
      const body = placeItem(renderCodeBody(code, unknownPairs(map, text.text)), dashPrefix, dashPrefix.length);
      return [...body, ...outdentComments(text.slice(entry.contentLast + 1, entry.end), dashPrefix.length)];
    }
    const keyColumn = pairs[0]?.keyColumn ?? 0;
    const dashPrefix = (text.lines[dashLine] ?? '').slice(0, keyColumn);
    const layout = layoutMap(pairs, text, dashLine, entry.end, true);
    const byKey = new Map(layout.entries.map((e) => [keyText(e.node.pair, text.text) ?? '', e]));

    const written: { leading: string[]; body: string[] }[] = [];
    for (const key of CODE_KEY_ORDER) {
      if (key === 'memo' && code.memo === undefined) continue;
      const existing = byKey.get(key);
      const value = key === 'lines' ? undefined : key === 'memo' ? (code.memo ?? '') : code[key];
      if (existing === undefined) {
        const body = key === 'lines' ? [`lines: ${linesValue(code.lines)}`] : renderPair(key, value ?? '', key === 'quote' ? 'quote' : 'text');
        written.push({ leading: [], body: indentLines(body, keyColumn) });
        continue;
      }
      const leading = text.slice(existing.leadStart, existing.start);
      if (key === 'id') written.push({ leading, body: text.slice(existing.start, existing.end) });
      else if (key === 'lines') written.push({ leading, body: this.linesEntry(existing, code.lines) });
      else written.push({ leading, body: this.scalarEntry(existing, value ?? '', key === 'quote' ? 'quote' : 'text') });
    }
    for (const e of layout.entries) {
      if (!CODE_KEYS.has(keyText(e.node.pair, text.text) ?? '')) {
        written.push({ leading: text.slice(e.leadStart, e.start), body: text.slice(e.start, e.end) });
      }
    }

    // The first key shares the `- ` line; the others are indented to the key column.
    const out: string[] = [];
    written.forEach(({ leading, body }, index) => {
      const [keyLine = '', ...rest] = body;
      const fromKey = keyLine.slice(keyColumn);
      if (index === 0) {
        // Comments above a key that becomes first now stand above the item, at its dash.
        out.push(...leading.map((line) => (isComment(line) ? ' '.repeat(dashColumn) + line.slice(indentOf(line)) : line)));
        out.push(dashPrefix + fromKey, ...rest);
      } else {
        out.push(...leading, ' '.repeat(keyColumn) + fromKey, ...rest);
      }
    });
    out.push(...text.slice(layout.trailerStart, layout.end));
    return out;
  }

  private linesEntry(entry: Entry<SimplePair>, lines: readonly [number, number]): string[] {
    const node = entry.node.pair.value as Node | null;
    const same =
      isSeq(node) &&
      node.flow === true &&
      node.items.length === 2 &&
      node.items.every((item, index) => isScalar(item) && item.value === lines[index]);
    if (same) return this.text.slice(entry.start, entry.end);
    return this.replaceValue(entry, { inline: linesValue(lines), following: [] });
  }
}
