/**
 * A Word transcript (.docx) as transcript text: one line per paragraph, in document
 * order, tables read row by row. Word splits a paragraph into runs wherever formatting
 * changes — a bold "Pewawancara:" then plain text — so runs are joined; tabs and manual
 * line breaks are kept as what they mean on the page. Speaker labels stay as written,
 * and "Name<tab>text", "Name:<tab>text" or "Name-<tab>text" (transcription services'
 * Word layouts) become "Name: text" so the label is seen.
 *
 * Left out, and said so: deleted text of tracked changes, text boxes and shapes, field
 * codes (their displayed result is kept), and page headers and footers, footnotes,
 * endnotes and comments (other parts of the package; see docx-parts-left-out.ts).
 */
import { isSpeakerName } from '../transcript';
import { sidePartNotices } from './docx-parts-left-out';
import { childrenNamed, decodeXmlBytes, parseXml, type XmlElement } from '../xml';
import { openZip, type ZipArchive, type ZipLimits } from '../zip';

const RELATIONSHIP_OFFICE_DOCUMENT = '/officeDocument';

export function docxToText(bytes: Uint8Array, file: string, limits: Partial<ZipLimits> = {}): { text: string; notices: string[] } {
  const archive = openZip(bytes, file, limits);
  const documentPath = mainDocumentPath(archive, file);
  const entry = archive.find(documentPath, { caseInsensitive: true });
  if (entry === undefined) throw new DocxError(`${file}: has no ${documentPath}; is it a Word document (.docx)?`);
  const root = parseXml(decodeXmlBytes(archive.read(entry), `${file}/${entry.name}`), `${file}/${entry.name}`);
  const body = root.children.find((child) => child.name === 'body');
  if (root.name !== 'document' || body === undefined) throw new DocxError(`${file}/${entry.name}: not a Word document body`);

  const state: ReadState = { deleted: 0, skippedShapes: 0 };
  const lines: string[] = [];
  readBlocks(body, lines, state);
  const notices: string[] = [];
  if (state.deleted > 0) notices.push(`${state.deleted} deleted passage(s) of tracked changes left out; accept or reject the changes in Word to be sure`);
  if (state.skippedShapes > 0) notices.push(`${state.skippedShapes} text box(es) or shape(s) left out`);
  const sideState: ReadState = { deleted: 0, skippedShapes: 0 };
  notices.push(...sidePartNotices(archive, entry.name, file, (paragraph) => paragraphLines(paragraph, sideState).join(' ')));
  return { text: tidy(lines), notices };
}

export class DocxError extends Error {}

interface ReadState {
  deleted: number;
  skippedShapes: number;
}

function mainDocumentPath(archive: ZipArchive, file: string): string {
  const relationships = archive.find('_rels/.rels');
  if (relationships === undefined) return 'word/document.xml';
  const root = parseXml(decodeXmlBytes(archive.read(relationships), `${file}/_rels/.rels`), `${file}/_rels/.rels`);
  const main = childrenNamed(root, 'Relationship').find((relationship) => (relationship.attributes['Type'] ?? '').endsWith(RELATIONSHIP_OFFICE_DOCUMENT));
  const target = main?.attributes['Target'];
  return target === undefined ? 'word/document.xml' : target.replace(/^\/+/u, '');
}

/** Paragraphs, tables and content controls at body level (or inside a cell), in order. */
function readBlocks(container: XmlElement, lines: string[], state: ReadState): void {
  for (const block of container.children) {
    if (block.name === 'p') lines.push(...paragraphLines(block, state));
    else if (block.name === 'tbl') lines.push(...tableLines(block, state));
    else if (block.name === 'sdt' || block.name === 'sdtContent' || block.name === 'customXml') readBlocks(block, lines, state);
  }
}

function paragraphLines(paragraph: XmlElement, state: ReadState): string[] {
  let text = '';
  const walk = (element: XmlElement): void => {
    for (const child of element.children) {
      switch (child.name) {
        case 't':
          text += child.text;
          break;
        case 'tab':
          text += '\t';
          break;
        case 'br':
          // Page and column breaks move text on the page; a plain break starts a new line.
          if (breakType(child) === undefined || breakType(child) === 'textWrapping') text += '\n';
          break;
        case 'cr':
          text += '\n';
          break;
        case 'noBreakHyphen':
          text += '-';
          break;
        case 'del':
        case 'moveFrom':
          state.deleted++;
          break;
        case 'drawing':
        case 'pict':
        case 'AlternateContent':
        case 'object':
          state.skippedShapes++;
          break;
        case 'pPr':
        case 'rPr':
        case 'instrText':
        case 'delText':
          break;
        default:
          // Runs, hyperlinks, insertions, smart tags, simple fields, content controls.
          walk(child);
      }
    }
  };
  walk(paragraph);
  return text.split('\n').map(speakerTab);
}

/** `w:type`, whatever prefix the file binds to the WordprocessingML namespace. */
function breakType(element: XmlElement): string | undefined {
  const key = Object.keys(element.attributes).find((name) => name === 'type' || name.endsWith(':type'));
  return key === undefined ? undefined : element.attributes[key];
}

/** A table row is one line: its cells' text side by side; a first cell that names a speaker becomes its label. */
function tableLines(table: XmlElement, state: ReadState): string[] {
  return childrenNamed(table, 'tr').map((row) => {
    const cells = childrenNamed(row, 'tc')
      .map((cell) => {
        const cellLines: string[] = [];
        readBlocks(cell, cellLines, state);
        return cellLines.map((line) => line.trim()).filter((line) => line !== '').join(' ');
      })
      .filter((cell) => cell !== '');
    const [first, ...rest] = cells;
    if (first !== undefined && rest.length > 0 && isSpeakerName(withoutSeparator(first))) return `${withoutSeparator(first)}: ${rest.join(' ')}`;
    return cells.join(' ');
  });
}

/** "Name<tab>text", "Name:<tab>text", "Name-<tab>text" → "Name: text"; other tabs become spaces. */
function speakerTab(line: string): string {
  const tab = line.indexOf('\t');
  if (tab > 0) {
    const name = withoutSeparator(line.slice(0, tab));
    if (isSpeakerName(name)) return `${name}: ${line.slice(tab + 1).replace(/\t+/gu, ' ').trim()}`;
  }
  return line.replace(/\t+/gu, ' ').trimEnd();
}

/** A label's own separator before the tab or cell edge: "Teacher 4:" or "Teacher 4-" (qdap's transcripts) name "Teacher 4". */
function withoutSeparator(label: string): string {
  return label.trim().replace(/\s*[:\-\u2013\u2014]$/u, '');
}

/** Runs of blank lines become one; none at the start or end; a final newline. */
function tidy(lines: readonly string[]): string {
  const kept: string[] = [];
  for (const line of lines.map((text) => text.trimEnd())) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept[kept.length - 1] === '') kept.pop();
  return kept.length === 0 ? '' : kept.join('\n') + '\n';
}
