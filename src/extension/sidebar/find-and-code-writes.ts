/**
 * Coding one transcript's search hits (issue 18) through the normal write path:
 * - open in an editor: through its coding session (`documents.change`), one `addCodes`
 *   for all its runs, so "Undo Last Coding Change" takes the whole change back;
 * - closed: read, coded by core/search's `codeHitsInSidecar` and written in one step of
 *   the study store's queue for the sidecar, as `transcript-coder code --write` does.
 * A sidecar that does not read is never written; the reason names the file and line.
 */
import * as vscode from 'vscode';
import { codeHitsInSidecar, type FindAndCodeFields, type TranscriptHits, uncodedRuns } from '../../core/search';
import type { CodeEntry } from '../../core/sidecar';
import { decodeText } from '../../core/transcript';
import type { CodedDocument } from '../coded-documents';
import type { CodingContext } from '../coding-context';
import type { StudyIndex } from '../study-index';
import { storePath, studyStore } from '../workspace-files';

export interface HitsCoding {
  sidecarPath: string;
  added: number;
  alreadyCoded: number;
  /** Written by the store here (not by a session): the study index reads it again. */
  writtenOnDisk: boolean;
  /** `file: reason` when the hits were not coded. */
  refused?: string;
}

/** The hit lines of `result` already covered by a code with path `code`. */
export function codedLinesOf(context: CodingContext, study: StudyIndex, result: TranscriptHits, code: string): ReadonlySet<number> {
  const codes = codesNow(context, study, result.sidecarPath);
  return new Set(uncodedRuns(result.hits.map((hit) => hit.line), codes, code).alreadyCoded);
}

/** The codes of a sidecar as the user sees them now: the open session's, else the index's. */
function codesNow(context: CodingContext, study: StudyIndex, sidecarPath: string): ReadonlyArray<Pick<CodeEntry, 'code' | 'lines'>> {
  const coded = openSession(context, study, sidecarPath);
  if (coded !== undefined) return coded.session.codes().map((code) => code.entry);
  const record = study.record(sidecarPath);
  return record?.sidecar.status === 'ok' ? record.sidecar.data.codes : [];
}

function openSession(context: CodingContext, study: StudyIndex, sidecarPath: string): CodedDocument | undefined {
  const key = study.uriOf(sidecarPath).toString();
  return context.documents.all().find((coded) => coded.sidecarUri.toString() === key);
}

export async function codeTranscriptHits(context: CodingContext, study: StudyIndex, result: TranscriptHits, fields: FindAndCodeFields): Promise<HitsCoding> {
  const { sidecarPath } = result;
  const outcome: HitsCoding = { sidecarPath, added: 0, alreadyCoded: 0, writtenOnDisk: false };
  if (result.brokenSidecar !== undefined) return { ...outcome, refused: result.brokenSidecar };
  const hitLines = result.hits.map((hit) => hit.line);
  const coded = openSession(context, study, sidecarPath);
  if (coded !== undefined) {
    if (coded.session.readOnly) {
      const first = coded.session.brokenProblems[0];
      return { ...outcome, refused: `${sidecarPath}:${first?.line ?? 1}: ${first?.message ?? vscode.l10n.t('the sidecar cannot be read')}` };
    }
    // The hits are lines of the saved transcript: in an edited one they may have moved.
    if (coded.document.isDirty) return { ...outcome, refused: vscode.l10n.t('{0}: the transcript has unsaved changes; save it and search again', result.transcriptPath) };
    const { runs, alreadyCoded } = uncodedRuns(hitLines, coded.session.codes().map((code) => code.entry), fields.code);
    outcome.alreadyCoded = alreadyCoded.length;
    if (runs.length === 0) return outcome;
    let ids: string[] = [];
    const done = await context.documents.change(coded, (session) => {
      ids = session.addCodes(runs, fields, Math.random);
    });
    if (!done) return { ...outcome, refused: vscode.l10n.t('{0}: the coding session refused the change', sidecarPath) };
    outcome.added = ids.length;
    return outcome;
  }
  const bodies = study.record(sidecarPath)?.transcript?.bodies;
  if (bodies === undefined) return { ...outcome, refused: vscode.l10n.t('{0}: the transcript was not read', result.transcriptPath) };
  try {
    const written = await studyStore.updateBytes(storePath(study.uriOf(sidecarPath)), (bytes) => {
      const text = bytes === undefined ? undefined : sidecarTextOf(bytes);
      if (text === undefined) {
        outcome.refused = vscode.l10n.t('{0}: the sidecar disappeared or is not text', sidecarPath);
        return undefined;
      }
      const coding = codeHitsInSidecar({ sidecarText: text, sidecarPath, bodies, hitLines }, fields, Math.random);
      if (coding.refused !== undefined) outcome.refused = coding.refused;
      outcome.added = coding.added.length;
      outcome.alreadyCoded = coding.alreadyCoded.length;
      return coding.newText === undefined ? undefined : new TextEncoder().encode(coding.newText);
    });
    outcome.writtenOnDisk = written === 'written';
  } catch (error) {
    outcome.refused = `${sidecarPath}: ${error instanceof Error ? error.message : String(error)}`;
    outcome.added = 0;
  }
  return outcome;
}

/**
 * A sidecar's text with its own line endings, so a CRLF file is written back CRLF (the
 * writer keeps what the previous text used); undefined when the bytes are not text. The
 * CLI does the same (src/cli/commands/code.ts).
 */
function sidecarTextOf(bytes: Uint8Array): string | undefined {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return undefined;
  return decoded.lineEnding === 'crlf' ? decoded.text.replace(/\n/gu, '\r\n') : decoded.text;
}
