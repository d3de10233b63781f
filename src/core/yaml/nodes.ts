/**
 * Reading YAML nodes with their positions, the same way for every study file (codebook,
 * memos, sidecar, merge records): a scalar or key as the text the user typed, a pair by
 * its key, where a node's own content ends, anchors and aliases, how a node is named in
 * a message. The `yaml` library gives the tree; these say what a node means to us.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';

/**
 * The text a scalar stands for. Strings are taken as parsed (quotes and escapes
 * resolved); a number, boolean or null is taken as the characters the user typed, so
 * `informant: 007` stays `007` and `date: 2022-01-07` stays the date as written.
 * An empty value reads as ''.
 */
export function scalarText(node: Scalar, text: string): string {
  if (typeof node.value === 'string') return node.value;
  const range = node.range;
  if (range === undefined || range === null) return node.value === null ? '' : String(node.value);
  return text.slice(range[0], range[1]);
}

/** The text of a map key, or undefined when the key is not a plain value (e.g. a list). */
export function keyText(pair: Pair, text: string): string | undefined {
  const key = pair.key as Node | null;
  if (key === null) return '';
  return isScalar(key) ? scalarText(key, text) : undefined;
}

/** The first pair of `map` whose key reads as `name`. */
export function findPair(map: YAMLMap, name: string, text: string): Pair | undefined {
  return map.items.find((pair) => keyText(pair, text) === name);
}

/**
 * Offset just past the last character that belongs to `node` itself — not the comments
 * or blank lines the parser attaches after it. For a block scalar this includes its
 * final line break (and, with `|+`, the blank lines it keeps).
 */
export function contentEnd(node: Node): number {
  if (isMap(node) && !node.flow) {
    let end = node.range?.[0] ?? 0;
    for (const pair of node.items) {
      const part = (pair.value as Node | null) ?? (pair.key as Node | null);
      if (part !== null) end = Math.max(end, contentEnd(part));
    }
    return end;
  }
  if (isSeq(node) && !node.flow) {
    let end = node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item) || item === null) continue;
      end = Math.max(end, contentEnd(item as Node));
    }
    return end;
  }
  return node.range?.[1] ?? 0;
}

/** Whether `node` or anything inside it is an alias or carries an anchor. */
export function findAnchorOrAlias(node: Node | null): Node | undefined {
  if (node === null) return undefined;
  if (isAlias(node) || node.anchor !== undefined) return node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = findAnchorOrAlias(pair.key as Node | null) ?? findAnchorOrAlias(pair.value as Node | null);
      if (found !== undefined) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = findAnchorOrAlias(item as Node | null);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Where to point at an alias or anchor: the `&name` itself, which stands before its node. */
export function anchorOffset(node: Node, text: string): number {
  const start = node.range?.[0] ?? 0;
  if (isAlias(node) || node.anchor === undefined) return start;
  const found = text.lastIndexOf(`&${node.anchor}`, start);
  return found >= 0 ? found : start;
}

/** How a value that is not text is described in a message: "a list", "a map"… */
export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a map (keys indented under it)';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  if (isScalar(node)) {
    if (node.value === null) return 'an empty value';
    if (typeof node.value === 'string') return `the text ${JSON.stringify(node.value)}`;
    return `the value ${String(node.value)}`;
  }
  return 'an unexpected value';
}
