/**
 * Reading XML that comes from outside (project.qde from another QDA tool, a .docx's
 * word/document.xml) into a small element tree, refusing what could attack the reader.
 *
 * XML external entities (XXE) and entity expansion ("billion laughs") both need a
 * document type declaration: `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`
 * or nested `<!ENTITY>` definitions. Neither REFI-QDA nor Office Open XML uses one, so
 * any DOCTYPE is refused outright. Beneath that, saxes never reads a DTD nor defines an
 * entity from one: only the five predefined entities and character references are
 * known, and any other `&name;` is an error — so nothing is fetched and nothing expands
 * even if this check were removed. Depth and element count are bounded so a deeply
 * nested or enormous document fails with a message instead of exhausting the stack.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Local name, without prefix: `Project`, `p` (for `w:p`). */
  name: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes by local name (namespaced attributes other than xmlns declarations by `prefix:local`). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, children's text not included. */
  text: string;
  /** Where the element's `<` is: 1-based line and column (column in UTF-16 units), so a single-line file still points at the element. */
  line: number;
  column: number;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxElements: 2_000_000 };

/** A refusal, with the file and position (`file:line:column: reason`) in its message. */
export class XmlError extends Error {}

export function parseXml(text: string, file: string, limits: Partial<XmlLimits> = {}): XmlElement {
  const bounds = { ...DEFAULT_XML_LIMITS, ...limits };
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  const refuse = (message: string): never => {
    throw new XmlError(`${file}:${parser.line}:${parser.column}: ${message}`);
  };

  parser.on('doctype', () => {
    refuse(
      'a DOCTYPE declaration is not allowed: it can define entities that read local files (XXE) or expand without bound ("billion laughs"), and REFI-QDA and Word files never need one',
    );
  });
  // saxes reports positions after what it has read; remember where each start tag began.
  // `<` and the qualified name are always on one line, so the start is that far back.
  let tagStart = { line: 1, column: 1 };
  parser.on('opentagstart', (tag) => {
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    elements++;
    if (elements > bounds.maxElements) refuse(`more than ${bounds.maxElements} elements`);
    if (stack.length >= bounds.maxDepth) refuse(`elements nest more than ${bounds.maxDepth} levels deep`);
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      attributes[attribute.prefix === '' ? attribute.local : `${attribute.prefix}:${attribute.local}`] = attribute.value;
    }
    const element: XmlElement = { name: tag.local, uri: tag.uri, attributes, children: [], text: '', line: tagStart.line, column: tagStart.column };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const addText = (value: string): void => {
    const current = stack[stack.length - 1];
    if (current !== undefined) current.text += value;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlError) throw error;
    // saxes's messages start with `file:line:column:` already.
    const message = error instanceof Error ? error.message : String(error);
    throw new XmlError(`${message.replace(/\.$/u, '')}: the XML is not well-formed`);
  }
  if (root === undefined) throw new XmlError(`${file}:1:1: no XML element found`);
  return root;
}

/** XML bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as the XML spec allows. */
export function decodeXmlBytes(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new XmlError(`${file}:1:1: the XML is not valid UTF-8, which REFI-QDA and Word files must be`);
  }
}

/** Direct children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
