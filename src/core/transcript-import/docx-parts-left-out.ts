/**
 * What a Word file holds outside its body, named so none of it is dropped in silence.
 * Transcription services print the interview's name and date in the page header
 * ("Teacher # 4, 10-12-1892 Page 1 of 1") and their own name in the footer; footnotes,
 * endnotes and comments carry a transcriber's remarks. None of them is part of the spoken
 * text, so the transcript leaves them out, and the notices quote headers and footers and
 * count the rest so the user can copy in what matters.
 */
import { childrenNamed, decodeXmlBytes, parseXml, type XmlElement } from '../xml';
import type { ZipArchive } from '../zip';

const RELATIONSHIP_TYPES = ['header', 'footer', 'footnotes', 'endnotes', 'comments'] as const;
type SidePart = (typeof RELATIONSHIP_TYPES)[number];

/** Header and footer texts quoted at most this many, each cut at this length. */
const MAX_QUOTED = 4;
const MAX_QUOTE_LENGTH = 80;

/**
 * Notices for the header, footer, footnote, endnote and comment parts the main document
 * links to, for those holding text. `paragraphText` reads a paragraph as the body does.
 */
export function sidePartNotices(
  archive: ZipArchive,
  documentPath: string,
  file: string,
  paragraphText: (paragraph: XmlElement) => string,
): string[] {
  const headerFooter = new Set<string>();
  const counts: Record<'footnotes' | 'endnotes' | 'comments', number> = { footnotes: 0, endnotes: 0, comments: 0 };
  for (const { type, path } of sideParts(archive, documentPath, file)) {
    const entry = archive.find(path, { caseInsensitive: true });
    if (entry === undefined) continue;
    const root = parseXml(decodeXmlBytes(archive.read(entry), `${file}/${entry.name}`), `${file}/${entry.name}`);
    if (type === 'header' || type === 'footer') {
      const text = collapse(paragraphsIn(root).map(paragraphText).join(' '));
      if (text !== '') headerFooter.add(text);
      continue;
    }
    const item = type === 'footnotes' ? 'footnote' : type === 'endnotes' ? 'endnote' : 'comment';
    counts[type] += childrenNamed(root, item).filter((note) => !isSeparator(note) && collapse(paragraphsIn(note).map(paragraphText).join(' ')) !== '').length;
  }
  const notices: string[] = [];
  if (headerFooter.size > 0) {
    const quoted = [...headerFooter].slice(0, MAX_QUOTED).map((text) => `"${text.length > MAX_QUOTE_LENGTH ? `${text.slice(0, MAX_QUOTE_LENGTH)}…` : text}"`);
    const more = headerFooter.size > MAX_QUOTED ? ` and ${headerFooter.size - MAX_QUOTED} more` : '';
    notices.push(`page header/footer text left out (Word prints it on every page): ${quoted.join('; ')}${more}`);
  }
  if (counts.footnotes > 0) notices.push(`${counts.footnotes} footnote(s) left out`);
  if (counts.endnotes > 0) notices.push(`${counts.endnotes} endnote(s) left out`);
  if (counts.comments > 0) notices.push(`${counts.comments} comment(s) left out`);
  return notices;
}

/** The side parts named in the main document's relationships, as archive paths. */
function sideParts(archive: ZipArchive, documentPath: string, file: string): Array<{ type: SidePart; path: string }> {
  const slash = documentPath.lastIndexOf('/');
  const folder = slash < 0 ? '' : documentPath.slice(0, slash + 1);
  const relationshipsPath = `${folder}_rels/${documentPath.slice(slash + 1)}.rels`;
  const entry = archive.find(relationshipsPath, { caseInsensitive: true });
  if (entry === undefined) return [];
  const root = parseXml(decodeXmlBytes(archive.read(entry), `${file}/${entry.name}`), `${file}/${entry.name}`);
  const parts: Array<{ type: SidePart; path: string }> = [];
  const seen = new Set<string>();
  for (const relationship of childrenNamed(root, 'Relationship')) {
    if (relationship.attributes['TargetMode'] === 'External') continue;
    const type = RELATIONSHIP_TYPES.find((name) => (relationship.attributes['Type'] ?? '').endsWith(`/${name}`));
    const target = relationship.attributes['Target'];
    if (type === undefined || target === undefined) continue;
    const path = resolve(folder, target);
    if (seen.has(path)) continue;
    seen.add(path);
    parts.push({ type, path });
  }
  // Headers before footers before notes, whatever order the file lists them in.
  return parts.sort((a, b) => RELATIONSHIP_TYPES.indexOf(a.type) - RELATIONSHIP_TYPES.indexOf(b.type));
}

/** A relationship target, relative to the document's folder or absolute from the package root. */
function resolve(folder: string, target: string): string {
  const segments: string[] = [];
  for (const segment of (target.startsWith('/') ? target.slice(1) : folder + target).split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

/** Paragraphs anywhere inside, tables included, in order. */
function paragraphsIn(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (parent: XmlElement): void => {
    for (const child of parent.children) {
      if (child.name === 'p') found.push(child);
      else walk(child);
    }
  };
  walk(element);
  return found;
}

/** Word's separator lines between body and notes are footnotes of their own, with no text. */
function isSeparator(note: XmlElement): boolean {
  const typeKey = Object.keys(note.attributes).find((name) => name === 'type' || name.endsWith(':type'));
  const type = typeKey === undefined ? undefined : note.attributes[typeKey];
  return type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice';
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
