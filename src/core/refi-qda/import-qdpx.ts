/**
 * The three REFI-QDA files a user can import: a project archive (.qdpx), a project XML
 * standing alone (.qde, its sources beside it) and a codebook (.qdc). Everything is
 * checked and converted in memory before the caller writes a byte, so a refused file
 * leaves nothing behind: each returns every file or throws `ImportRefusedError` saying why.
 */
import { problem } from '../problems';
import { childNamed, childrenNamed, decodeXmlBytes, parseXml, type XmlElement, XmlError } from '../xml';
import { openZip, ZipError, type ZipLimits } from '../zip';
import { codebookToYaml } from './codebook-yaml';
import { codebookFromCodes } from './import-codebook';
import { CODEBOOK_FILE, importProjectXml, type ImportResult } from './import-project';
import { countOther, emptySummary } from './import-summary';
import { ProjectFormatError, readCode } from './read-project';
import type { SourceFiles } from './source-files';

export {    type ImportResult } from './import-project';

/** The file cannot be imported; the message says why and where. Nothing was written. */
export class ImportRefusedError extends Error {}

/** Reads files beside the project (see source-files.ts); the adapter keeps it inside the study root. */
export type BesideReader = NonNullable<SourceFiles['beside']>;

export function importQdpx(bytes: Uint8Array, file: string, limits: Partial<ZipLimits> = {}, beside?: BesideReader): ImportResult {
  return refusing(() => {
    const archive = openZip(bytes, file, limits);
    const qdeEntry =
      archive.find('project.qde', { caseInsensitive: true }) ??
      archive.entries.find((entry) => !entry.name.includes('/') && entry.name.toLowerCase().endsWith('.qde'));
    if (qdeEntry === undefined) {
      throw new ImportRefusedError(`${file}: holds no project.qde; a .qdpx from NVivo, ATLAS.ti, MAXQDA or QualCoder always has one`);
    }
    const qdeFile = `${file}/${qdeEntry.name}`;
    const files: SourceFiles = {
      inArchive(name) {
        const entry = archive.find(name, { caseInsensitive: true });
        return entry === undefined ? undefined : archive.read(entry);
      },
    };
    if (beside !== undefined) files.beside = beside;
    return importProjectXml(parseXml(decodeXmlBytes(archive.read(qdeEntry), qdeFile), qdeFile), qdeFile, files);
  });
}

/** A project.qde on its own: its sources are read beside it (relative, bare or absolute paths inside the study root). */
export function importQde(bytes: Uint8Array, file: string, beside?: BesideReader): ImportResult {
  return refusing(() => {
    const files: SourceFiles = { inArchive: () => undefined };
    if (beside !== undefined) files.beside = beside;
    return importProjectXml(parseXml(decodeXmlBytes(bytes, file), file), file, files);
  });
}

/** A codebook (.qdc): codebook.yaml only; its Sets of codes are named as left out. */
export function importQdc(bytes: Uint8Array, file: string): ImportResult {
  return refusing(() => {
    const root = parseXml(decodeXmlBytes(bytes, file), file);
    if (root.name !== 'CodeBook') {
      throw new ImportRefusedError(`${file}:${root.line}:${root.column}: the root element is <${root.name}>, not <CodeBook>: this is not a REFI-QDA codebook`);
    }
    const codes = childrenNamed(childNamed(root, 'Codes') ?? root, 'Code').map(readCode);
    const origin = root.attributes['origin'];
    const name = file.replace(/^.*[\\/]/u, '').replace(/\.qdc$/iu, '');
    const codebook = codebookFromCodes(codes, name);
    const notices = codebook.notices.map((notice) => problem('import-adjusted', file, notice.line, notice.column ?? 1, 'warning', notice.message));
    const summary = emptySummary();
    const found = countArrived(codes, { has: () => true });
    const arrived = countArrived(codes, codebook.targets);
    summary.tallies.codes = { found, arrived, leftOut: found - arrived };
    const sets = childrenNamed(childNamed(root, 'Sets') ?? emptyElement(), 'Set');
    summary.tallies.sets = { found: sets.length, arrived: 0, leftOut: sets.length };
    for (const set of sets) {
      notices.push(problem('import-adjusted', file, set.line, set.column, 'warning', `set "${set.attributes['name'] ?? ''}" of ${childrenNamed(set, 'MemberCode').length} code(s) left out: code sets have no place in a codebook`));
    }
    for (const child of root.children) {
      if (child.name !== 'Codes' && child.name !== 'Sets') {
        countOther(summary, child.name);
        notices.push(problem('import-adjusted', file, child.line, child.column, 'warning', `${child.name} left out: a codebook holds codes only`));
      }
    }
    const header = [`Transcript Coder codebook, imported from the REFI-QDA codebook ${file}${origin === undefined ? '' : ` (written by ${origin})`}.`, ''];
    return {
      files: [{ path: CODEBOOK_FILE, content: codebookToYaml(codebook.codebook, header) }],
      notices,
      transcripts: 0,
      codes: 0,
      widened: 0,
      summary,
      lostCodings: 0,
      positionReadings: [],
    };
  });
}

function countArrived(codes: ReturnType<typeof readCode>[], targets: { has(guid: string): boolean }): number {
  return codes.reduce((sum, code) => sum + (targets.has(code.guid) ? 1 : 0) + countArrived(code.children, targets), 0);
}

function refusing(run: () => ImportResult): ImportResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof ZipError || error instanceof XmlError || error instanceof ProjectFormatError) {
      throw new ImportRefusedError(error.message);
    }
    throw error;
  }
}

function emptyElement(): XmlElement {
  return { name: '', uri: '', attributes: {}, children: [], text: '', line: 0, column: 0 };
}
