/**
 * Writing XML as text, deterministically: attributes in the order given, two-space
 * indentation, empty elements self-closed, LF line endings. Text that XML 1.0 cannot hold
 * even as a character reference (most C0 control characters, lone surrogates) becomes
 * U+FFFD, so the file always parses.
 */

export type XmlAttributes = ReadonlyArray<readonly [name: string, value: string | number | boolean | undefined]>;

export interface XmlNode {
  name: string;
  attributes?: XmlAttributes;
  /** Either text content or child elements. */
  text?: string;
  children?: XmlNode[];
}

export function element(name: string, attributes: XmlAttributes = [], children: XmlNode[] = []): XmlNode {
  return { name, attributes, children };
}

export function textElement(name: string, text: string, attributes: XmlAttributes = []): XmlNode {
  return { name, attributes, text };
}

export function renderXmlDocument(root: XmlNode): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  renderNode(root, 0, lines);
  return lines.join('\n') + '\n';
}

function renderNode(node: XmlNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = (node.attributes ?? [])
    .filter((attribute) => attribute[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${node.name}${attributes}`;
  if (node.text !== undefined) {
    lines.push(`${open}>${escapeText(node.text)}</${node.name}>`);
    return;
  }
  const children = node.children ?? [];
  if (children.length === 0) {
    lines.push(`${open} />`);
    return;
  }
  lines.push(`${open}>`);
  for (const child of children) renderNode(child, depth + 1, lines);
  lines.push(`${indent}</${node.name}>`);
}

// With the `u` flag a surrogate pair is one code point, so the surrogate range matches only
// lone halves, which no encoding can hold.
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/gu;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHARACTERS, '\ufffd');
}

export function escapeText(text: string): string {
  // '\r' as a reference: a parser would otherwise turn CR LF into LF.
  return xmlSafe(text).replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/\r/gu, '&#13;');
}

export function escapeAttribute(text: string): string {
  // Tabs and line breaks as references: attribute normalisation would turn them into spaces.
  return escapeText(text).replace(/"/gu, '&quot;').replace(/\t/gu, '&#9;').replace(/\n/gu, '&#10;');
}
