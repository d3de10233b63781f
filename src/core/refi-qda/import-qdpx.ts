/**
 * A REFI-QDA project (.qdpx) as the files of a new study: `codebook.yaml`, and for each
 * text source a UTF-8 transcript and its sidecar. Everything is checked and converted in
 * memory before the caller writes a byte, so a refused archive leaves nothing behind:
 * `importQdpx` either returns every file or throws `ImportRefusedError` saying why.
 */
import { decodeText } from '../encoding';
import { problem, type Problem } from '../problems';
import { serializeSidecar } from '../sidecar';
import { sidecarPathFor } from '../sidecar-model';
import { decodeXmlBytes, parseXml, XmlError } from '../xml/xml-reader';
import { openZip, ZipError, type ZipArchive, type ZipLimits } from '../zip/zip-reader';
import { codebookToYaml } from './codebook-yaml';
import { codebookFromCodes } from './import-codebook';
import { importSource, type SourceContext } from './import-source';
import { safeTranscriptPath } from './names';
import { ProjectFormatError, readProject, type QdeTextSource } from './read-project';
import { codePointLength, layoutLines } from './text-positions';

export interface ImportedFile {
  /** Relative, '/'-separated, inside the target folder. */
  path: string;
  content: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** What was left out, widened or guessed, pointing at project.qde lines. */
  notices: Problem[];
  transcripts: number;
  codes: number;
  widened: number;
}

/** The file cannot be imported; the message says why and where. Nothing was written. */
export class ImportRefusedError extends Error {}

export const CODEBOOK_FILE = 'codebook.yaml';

export function importQdpx(bytes: Uint8Array, file: string, limits: Partial<ZipLimits> = {}): ImportResult {
  try {
    return importArchive(openZip(bytes, file, limits), file);
  } catch (error) {
    if (error instanceof ZipError || error instanceof XmlError || error instanceof ProjectFormatError) {
      throw new ImportRefusedError(error.message);
    }
    throw error;
  }
}

function importArchive(archive: ZipArchive, file: string): ImportResult {
  const qdeEntry =
    archive.find('project.qde', { caseInsensitive: true }) ??
    archive.entries.find((entry) => !entry.name.includes('/') && entry.name.toLowerCase().endsWith('.qde'));
  if (qdeEntry === undefined) {
    throw new ImportRefusedError(`${file}: holds no project.qde; a .qdpx from NVivo, ATLAS.ti, MAXQDA or QualCoder always has one`);
  }
  const qdeFile = `${file}/${qdeEntry.name}`;
  const project = readProject(parseXml(decodeXmlBytes(archive.read(qdeEntry), qdeFile), qdeFile), qdeFile);
  const codebook = codebookFromCodes(project.codes, project.name);
  const notices: Problem[] = codebook.notices.map((notice) => problem(qdeFile, notice.line, 1, 'warning', notice.message));

  const internal = (path: string | undefined): Uint8Array | undefined => {
    const name = path?.startsWith('internal://') ? path.slice('internal://'.length) : undefined;
    if (name === undefined) return undefined;
    const entry = archive.find(`sources/${name}`, { caseInsensitive: true });
    return entry === undefined ? undefined : archive.read(entry);
  };
  const context: SourceContext = {
    project,
    codebook,
    qdeFile,
    noteText(guid) {
      const note = project.notes.get(guid);
      if (note?.content !== undefined) return note.content;
      const bytes = internal(note?.plainTextPath);
      const decoded = bytes === undefined ? undefined : decodeText(bytes);
      return decoded?.ok === true ? decoded.text : undefined;
    },
  };

  const files: ImportedFile[] = [];
  const taken = new Set<string>([CODEBOOK_FILE]);
  const result: ImportResult = { files, notices, transcripts: 0, codes: 0, widened: 0 };
  project.textSources.forEach((source, index) => {
    const text = sourceText(source, internal, qdeFile, notices);
    if (text === undefined) return;
    const path = safeTranscriptPath(source.name, taken, `source-${index + 1}.txt`);
    const imported = importSource(source, path, layoutLines(text), codePointLength(text), context, notices);
    if (source.sourceCodings > 0) {
      notices.push(
        problem(qdeFile, source.line, 1, 'warning', `${path}: ${source.sourceCodings} coding(s) of the whole document left out; codes here belong to lines`),
      );
    }
    files.push({ path, content: imported.text }, { path: sidecarPathFor(path), content: serializeSidecar(imported.sidecar) });
    result.transcripts++;
    result.codes += imported.sidecar.codes.length;
    result.widened += imported.widened;
  });
  for (const other of project.otherSources) {
    notices.push(problem(qdeFile, other.line, 1, 'warning', `${other.kind} "${other.name}" left out: only text sources become transcripts`));
  }

  const header = [
    `Transcript Coder codebook, imported from the REFI-QDA project "${project.name}"${project.origin === undefined ? '' : ` (written by ${project.origin})`}.`,
    'Code paths are framework/dimension or framework/dimension/indicator; see the sidecars (*.codes.yaml).',
    '',
  ];
  files.unshift({ path: CODEBOOK_FILE, content: codebookToYaml(codebook.codebook, header) });
  return result;
}

/**
 * The source's text as the tool that wrote it counted positions: BOM removed, line
 * endings as they are. REFI-QDA requires UTF-8; anything else is read as decodeText
 * reads a transcript and reported, since its positions may then be off.
 */
function sourceText(
  source: QdeTextSource,
  internal: (path: string | undefined) => Uint8Array | undefined,
  qdeFile: string,
  notices: Problem[],
): string | undefined {
  const leftOut = (why: string): undefined => {
    notices.push(problem(qdeFile, source.line, 1, 'warning', `text source "${source.name}" left out: ${why}`));
    return undefined;
  };
  if (source.content !== undefined) return source.content;
  const path = source.plainTextPath;
  if (path === undefined) return leftOut('it has no plain-text representation (only rich text), so its selections cannot be placed');
  if (!path.startsWith('internal://')) return leftOut(`its text is an external file (${path}), not inside the .qdpx`);
  const bytes = internal(path);
  if (bytes === undefined) return leftOut(`its text ${path} is missing from the archive's sources/ folder`);
  const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(withoutBom);
  } catch {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return leftOut(decoded.message);
    if (decoded.unknownEncoding === true) return leftOut(decoded.notice ?? 'its encoding is unknown');
    notices.push(problem(qdeFile, source.line, 1, 'warning', `text source "${source.name}" is not UTF-8 as REFI-QDA requires; ${decoded.notice ?? 'decoded'}, so its positions may be off`));
    return decoded.text;
  }
}
