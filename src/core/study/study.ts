/**
 * The study index: every sidecar under the study folder, its transcript, and the
 * agency each belongs to. The core reads through a `StudyReader` that the adapters
 * implement (the file system for the CLI, `workspace.fs` for the extension), so the
 * same index serves both and stays free of the disk.
 *
 * One `TranscriptRecord` per sidecar, computed independently of the others: a broken
 * sidecar spoils only its own record, and the extension can recompute one record when
 * one file changes.
 */
import { type Codebook, parseCodebook } from '../codebook';
import { decodeText, lineBodies, parseTranscript, parseTranscriptInSteps, type Transcript } from '../transcript';
import { problem, type Problem, readOrRefuse } from '../problems';
import { parseSidecar, SIDECAR_SUFFIX, type SidecarParse, transcriptPathFor } from '../sidecar';
import type { LoadedTranscript } from './loaded-transcript';
import type { StudyParseCache } from './parse-cache';

export type { LoadedTranscript };

export interface StudyReader {
  /** Every file under the study root: study-relative, '/'-separated paths. */
  listFiles(): Promise<string[]>;
  /**
   * The file's bytes, or undefined when it does not exist. Throws RefusedFileError
   * (core/refused-file.ts) for a file that must not be read: a link leaving the study,
   * a link loop, a FIFO or a device.
   */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /**
   * Whether a file exists, without reading it. Given by the editor's index, which reads a
   * transcript only when its agency needs it but must still notice that it is gone.
   */
  exists?(path: string): Promise<boolean>;
  /**
   * Given by the editor: a transcript is parsed in steps with this awaited between them
   * (a turn of the event loop), so a long one never holds the extension host (issue 19).
   */
  pause?(): Promise<void>;
  /**
   * Given by the editor: sidecars parsed before, by content, so a study opened again
   * parses only the sidecars whose bytes changed (parse-cache.ts, issue 15).
   */
  parsedBefore?: StudyParseCache;
  /**
   * Given by the editor with `parsedBefore`: the file's version (modification time and
   * size) as the file system tells it now, or undefined where it tells none worth trusting;
   * throws RefusedFileError like readFile. `readFile` then passes on, through
   * `versionOfLastRead`, the version it saw before it read.
   */
  version?(path: string): Promise<string | undefined>;
  versionOfLastRead?(path: string): string | undefined;
}

export const DEFAULT_CODEBOOK_PATH = 'codebook.yaml';

type AgencySource = 'sidecar' | 'front-matter';

export interface TranscriptRecord {
  sidecarPath: string;
  transcriptPath: string;
  sidecar: SidecarParse;
  /** Loaded when the caller asked for transcripts, or when the agency had to come from it. */
  transcript?: LoadedTranscript;
  agency?: string;
  agencySource?: AgencySource;
  /** Problems of this sidecar and its transcript (parse, decode, front matter). */
  problems: Problem[];
}

export interface LoadedCodebook {
  path: string;
  codebook?: Codebook;
  problems: Problem[];
}

export interface Study {
  codebook: LoadedCodebook;
  records: TranscriptRecord[];
}

export interface LoadStudyOptions {
  codebookPath?: string;
  /** Decode and parse every transcript (validate, reanchor) or only those whose agency needs it (summary). */
  transcripts: 'all' | 'when-needed';
}

export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX) && !path.split('/').some((segment) => segment.startsWith('.'));
}

export async function loadCodebook(reader: StudyReader, path: string): Promise<LoadedCodebook> {
  const { bytes, refused } = await readOrRefuse((file) => reader.readFile(file), path);
  if (refused !== undefined) return { path, problems: [refused] };
  if (bytes === undefined) {
    return {
      path,
      problems: [
        problem('codebook-missing', path, 1, 1, 'error', `no codebook at ${path}: create one with \`transcript-coder init --framework jones\` or point --codebook at it`),
      ],
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { path, problems: [problem('unreadable-text', path, decoded.line ?? 1, 1, 'error', decoded.message)] };
  const { codebook, problems } = parseCodebook(decoded.text, path);
  return codebook === undefined ? { path, problems } : { path, codebook, problems };
}

export async function loadStudy(reader: StudyReader, options: LoadStudyOptions): Promise<Study> {
  const files = await reader.listFiles();
  const sidecarPaths = files.filter(isSidecarPath).sort();
  const codebook = await loadCodebook(reader, options.codebookPath ?? DEFAULT_CODEBOOK_PATH);
  const records = await Promise.all(sidecarPaths.map((path) => loadRecord(reader, path, options.transcripts)));
  return { codebook, records };
}

export async function loadRecord(
  reader: StudyReader,
  sidecarPath: string,
  transcripts: LoadStudyOptions['transcripts'],
): Promise<TranscriptRecord> {
  const transcriptPath = transcriptPathFor(sidecarPath) ?? sidecarPath;
  // Whether the transcript is there is asked while the sidecar is read, not after: on a
  // remote file system each question is a round trip (issue 15). Unused when the sidecar
  // names no agency (the transcript is read then); a failure is the read's to report.
  const transcriptThere = transcripts === 'when-needed' && reader.exists !== undefined ? reader.exists(transcriptPath) : undefined;
  transcriptThere?.catch(() => {});
  // Every transcript wanted: it is read while the sidecar is, not after (the editor's index
  // reads both on each changed sidecar; through a remote file system that halved the wait).
  // A failure is its own to report once the sidecar is in.
  const transcriptProblems: Problem[] = [];
  const transcriptRead = transcripts === 'all' ? loadTranscript(reader, transcriptPath, sidecarPath, transcriptProblems) : undefined;
  transcriptRead?.catch(() => {});
  const sidecar = (await unchangedSidecar(reader, sidecarPath)) ?? (await readSidecar(reader, sidecarPath));
  const record: TranscriptRecord = { sidecarPath, transcriptPath, sidecar, problems: [...sidecar.problems] };

  const agencyFromSidecar = sidecar.status === 'ok' ? nonEmpty(sidecar.data.attributes['agency']) : undefined;
  if (agencyFromSidecar !== undefined) {
    record.agency = agencyFromSidecar;
    record.agencySource = 'sidecar';
  }
  if (transcriptThere !== undefined && agencyFromSidecar !== undefined) {
    if (!(await transcriptThere)) record.problems.push(lostTranscriptProblem(sidecarPath, transcriptPath));
  } else if (transcripts === 'all' || agencyFromSidecar === undefined) {
    const loaded = await (transcriptRead ?? loadTranscript(reader, transcriptPath, sidecarPath, transcriptProblems));
    record.problems.push(...transcriptProblems);
    if (loaded !== undefined) {
      record.transcript = loaded;
      const fromFrontMatter = agencyFromSidecar === undefined ? frontMatterAgency(loaded.transcript) : undefined;
      if (fromFrontMatter !== undefined) {
        record.agency = fromFrontMatter;
        record.agencySource = 'front-matter';
      }
    }
  }
  return record;
}

async function readSidecar(reader: StudyReader, sidecarPath: string): Promise<SidecarParse> {
  const { bytes, refused } = await readOrRefuse((file) => reader.readFile(file), sidecarPath);
  if (refused !== undefined) return { status: 'broken', reason: 'invalid', problems: [refused] };
  if (bytes === undefined) return { status: 'broken', reason: 'invalid', problems: [problem('sidecar-vanished', sidecarPath, 1, 1, 'error', 'the sidecar disappeared while it was being read')] };
  if (reader.parsedBefore === undefined) return parseSidecarBytes(bytes, sidecarPath);
  return reader.parsedBefore.parseOf(sidecarPath, bytes, () => parseSidecarBytes(bytes, sidecarPath), reader.versionOfLastRead?.(sidecarPath));
}

/** A sidecar parsed before whose version has not changed since: not read again (parse-cache.ts). */
async function unchangedSidecar(reader: StudyReader, sidecarPath: string): Promise<SidecarParse | undefined> {
  const cache = reader.parsedBefore;
  if (cache === undefined || reader.version === undefined || !cache.hasVersionOf(sidecarPath)) return undefined;
  try {
    return cache.unchangedAt(sidecarPath, await reader.version(sidecarPath));
  } catch {
    // A refusal or a failure is the read's to report: it is read as if nothing were known.
    return undefined;
  }
}

function parseSidecarBytes(bytes: Uint8Array, sidecarPath: string): SidecarParse {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return { status: 'broken', reason: 'invalid', problems: [problem('unreadable-text', sidecarPath, decoded.line ?? 1, 1, 'error', decoded.message)] };
  }
  const parsed = parseSidecar(decoded.text, sidecarPath);
  if (decoded.notice !== undefined && parsed.status === 'ok') {
    // Sidecars are written as UTF-8; one that is not was edited by hand in another tool.
    parsed.problems.push(problem('encoding-guessed', sidecarPath, 1, 1, 'warning', `${decoded.notice}; it will be written back as UTF-8`));
  }
  return parsed;
}

/** The transcript, kept from before when its version has not changed (parse-cache.ts), else read and parsed. */
async function loadTranscript(reader: StudyReader, transcriptPath: string, sidecarPath: string, problems: Problem[]): Promise<LoadedTranscript | undefined> {
  const cache = reader.parsedBefore;
  if (cache !== undefined && reader.version !== undefined && cache.hasTranscript(transcriptPath)) {
    try {
      const kept = cache.transcriptAt(transcriptPath, await reader.version(transcriptPath));
      if (kept !== undefined) {
        problems.push(...kept.problems);
        return kept.loaded;
      }
    } catch {
      // A refusal or a failure is the read's to report: it is read as if nothing were known.
    }
  }
  const own: Problem[] = [];
  const loaded = await readTranscript(reader, transcriptPath, sidecarPath, own);
  problems.push(...own);
  if (loaded !== undefined) cache?.rememberTranscript(transcriptPath, reader.versionOfLastRead?.(transcriptPath), loaded, own);
  return loaded;
}

async function readTranscript(
  reader: StudyReader,
  transcriptPath: string,
  sidecarPath: string,
  problems: Problem[],
): Promise<LoadedTranscript | undefined> {
  const { bytes, refused } = await readOrRefuse((file) => reader.readFile(file), transcriptPath);
  if (refused !== undefined) {
    problems.push(refused);
    return undefined;
  }
  if (bytes === undefined) {
    problems.push(lostTranscriptProblem(sidecarPath, transcriptPath));
    return undefined;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    problems.push(problem('unreadable-text', transcriptPath, decoded.line ?? 1, 1, 'error', decoded.message));
    return undefined;
  }
  if (decoded.notice !== undefined) problems.push(problem('encoding-guessed', transcriptPath, 1, 1, 'warning', decoded.notice));
  const parsed =
    reader.pause === undefined ? parseTranscript(decoded.text, transcriptPath) : await parseTranscriptInSteps(decoded.text, transcriptPath, () => reader.pause?.() as Promise<void>);
  problems.push(...parsed.problems);
  return { transcript: parsed.transcript, bodies: lineBodies(parsed.transcript), encoding: decoded.encoding };
}

const LOST_TRANSCRIPT = /^its transcript (.+) does not exist: /u;

/**
 * A sidecar whose transcript is gone (deleted, or renamed outside the editor). The CLI's
 * fix is `relink`; the editor words it as its quick fix (diagnostics.ts, repair-actions.ts).
 */
function lostTranscriptProblem(sidecarPath: string, transcriptPath: string): Problem {
  return problem(
    'transcript-missing',
    sidecarPath,
    1,
    1,
    'error',
    `its transcript ${transcriptPath} does not exist: restore the transcript, rename the sidecar to match it, or run \`transcript-coder relink\` to find the transcript that holds its quotes`,
  );
}

/** The missing transcript's path when this problem is a lost-transcript problem. */
export function lostTranscriptOf(problem: Pick<Problem, 'kind' | 'message'>): string | undefined {
  return problem.kind === 'transcript-missing' ? LOST_TRANSCRIPT.exec(problem.message)?.[1] : undefined;
}

function frontMatterAgency(transcript: Transcript): string | undefined {
  const value = transcript.frontMatter?.data['agency'];
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Every problem of the study, codebook first, in file and line order within each part. */
export function studyProblems(study: Study): Problem[] {
  return [...study.codebook.problems, ...study.records.flatMap((record) => record.problems)];
}
