/**
 * The Problems panel: broken sidecars and codebooks where they are broken, orphaned
 * codes and unknown code paths on the transcript lines they belong to. Each diagnostic's
 * code is the kind of its problem (core/problems/problem-kinds.ts); the quick fixes in
 * repair-actions.ts look for that kind, never at the wording.
 */
import * as vscode from 'vscode';
import { PROBLEM_KINDS, type Problem, type ProblemKind } from '../core/problems';
import { resolveCodePath } from '../core/codebook';
import { lostTranscriptOf, type TranscriptRecord, validateRecordCodes } from '../core/study';
import type { CodedDocument, CodedDocuments } from './coded-documents';
import { ProblemsByFile } from './problems-by-file';
import type { TranscriptStatsWorker } from './sidebar/stats-worker';
import type { StudyIndex, StudyIndexChange } from './study-index';
import type { StudyIndexes } from './study-indexes';
import { Disposable } from './dispose';
import { nextTurn } from './after-activation';

export const DIAGNOSTIC_SOURCE = 'Transcript Coder';
/** Problems about where a code is (found elsewhere, similar text elsewhere, nowhere): re-anchoring fixes them. */
const OFF_TEXT_KINDS: ReadonlySet<ProblemKind> = new Set<ProblemKind>(['code-moved', 'quote-similar', 'code-orphaned']);

/** The kind of problem a diagnostic of ours shows, read back from its code. */
export function kindOf(diagnostic: vscode.Diagnostic): ProblemKind | undefined {
  const { code } = diagnostic;
  return typeof code === 'string' && Object.hasOwn(PROBLEM_KINDS, code) ? (code as ProblemKind) : undefined;
}

/** A diagnostic's code is the kind of its problem: typed here so that no other string gets in. */
function kindCode(kind: ProblemKind): string {
  return kind;
}

/** A diagnostic about where a code is, on the transcript or on its sidecar. */
export function isOffTextDiagnostic(diagnostic: vscode.Diagnostic): boolean {
  const kind = kindOf(diagnostic);
  return kind !== undefined && OFF_TEXT_KINDS.has(kind);
}
/** As decorations wait after typing (decorations.ts). */
const TYPING_DEBOUNCE_MS = 60;

export class CodeDiagnostics extends Disposable implements vscode.Disposable {
  private readonly transcripts = this.register(vscode.languages.createDiagnosticCollection('transcriptCoder.transcripts'));
  private readonly studyFiles = this.register(vscode.languages.createDiagnosticCollection('transcriptCoder.studyFiles'));
  /** The text version each document's problems were last updated for: a newer one means typing. */
  private readonly textVersions = new WeakMap<CodedDocument, number>();
  private readonly pendingTyping = new Map<string, ReturnType<typeof setTimeout>>();
  /** The problems of sidecars, transcripts and codebooks, per sidecar and codebook they come from. */
  private readonly studyFileProblems = new ProblemsByFile<vscode.Diagnostic>();
  /** How often each source's problems were set (setSource): an answer from the worker asked before the last set is dropped. */
  private readonly sourceVersions = new Map<string, number>();
  /** The files that have problems, by `uri.toString()`. */
  private readonly uris = new Map<string, vscode.Uri>();

  constructor(
    private readonly documents: CodedDocuments,
    private readonly studies: StudyIndexes,
    private readonly worker: TranscriptStatsWorker,
  ) {
    super();
    this.registerAll(
      studies.onDidChangeDetail(({ study, change }) => this.studyChanged(study, change)),
      vscode.workspace.onDidChangeWorkspaceFolders(({ removed }) => {
        for (const folder of removed) this.forgetStudy(folder.uri);
      }),
    );
  }

  /**
   * A document's problems: at once after a coding change, a save or a reload; after a
   * pause when only its text changed (typing), as decorations are redrawn — the editor
   * moves the problems it shows with the text meanwhile.
   */
  updateDocument(coded: CodedDocument): void {
    const key = coded.document.uri.toString();
    clearTimeout(this.pendingTyping.get(key));
    this.pendingTyping.delete(key);
    const textVersion = coded.session.textVersion;
    const typed = this.textVersions.get(coded) !== undefined && this.textVersions.get(coded) !== textVersion;
    this.textVersions.set(coded, textVersion);
    if (typed) {
      this.pendingTyping.set(
        key,
        setTimeout(() => {
          this.pendingTyping.delete(key);
          if (!coded.document.isClosed) this.updateDocumentNow(coded);
        }, TYPING_DEBOUNCE_MS),
      );
      return;
    }
    this.updateDocumentNow(coded);
  }

  private updateDocumentNow(coded: CodedDocument): void {
    const diagnostics: vscode.Diagnostic[] = [];
    const session = coded.session;
    if (session.readOnly) {
      const first = session.brokenProblems[0];
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        vscode.l10n.t(
          'The sidecar {0} cannot be read ({1}): the codes of this transcript are read-only until it is fixed.',
          coded.relativeSidecarPath,
          first === undefined ? '' : vscode.l10n.t('line {0}: {1}', first.line, withoutMarkdown(first.message)),
        ),
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.relatedInformation = session.brokenProblems.map(
        (p) => new vscode.DiagnosticRelatedInformation(new vscode.Location(coded.sidecarUri, new vscode.Position(p.line - 1, p.column - 1)), p.message),
      );
      diagnostics.push(diagnostic);
    }
    const codebook = this.studies.forDocument(coded.document)?.codebook;
    const lastLine = Math.max(coded.document.lineCount - 1, 0);
    // Codes waiting for their re-anchoring in the worker thread (issue 19) are not off
    // their text yet: they are reported when it has placed them (a change fires then).
    const waiting = session.awaitsReanchor;
    for (const { entry, detached } of session.codes()) {
      if (detached && waiting) continue;
      const range = new vscode.Range(Math.min(entry.lines[0] - 1, lastLine), 0, Math.min(entry.lines[1] - 1, lastLine), Number.MAX_SAFE_INTEGER);
      if (detached) {
        const similar = session.similarText(entry.id);
        const diagnostic = new vscode.Diagnostic(
          range,
          similar === undefined
            ? vscode.l10n.t(
                'Orphaned code {0} ({1} · {2}): its text "{3}" is no longer here. Select the lines it belongs on and use the quick fix "Re-anchor code here" (Ctrl+.), or remove it.',
                entry.id,
                entry.code,
                entry.factor,
                entry.quote,
              )
            : vscode.l10n.t(
                'Off its text: code {0} ({1} · {2}), "{3}"; similar text ({4}% alike) is at lines {5}–{6}. Accept it with the quick fix (Ctrl+.), or re-anchor the code by hand.',
                entry.id,
                entry.code,
                entry.factor,
                entry.quote,
                Math.round(similar.score * 100),
                similar.lines[0],
                similar.lines[1],
              ),
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = kindCode(similar === undefined ? 'code-orphaned' : 'quote-similar');
        diagnostics.push(Object.assign(diagnostic, { codeId: entry.id }));
      } else if (codebook !== undefined && resolveCodePath(codebook, entry.code) === undefined) {
        const diagnostic = new vscode.Diagnostic(
          range,
          vscode.l10n.t('Unknown code path "{0}" (code {1}): it is not in the codebook.', entry.code, entry.id),
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = kindCode('unknown-code-path');
        diagnostics.push(diagnostic);
      }
    }
    this.transcripts.set(coded.document.uri, diagnostics);
  }

  forget(document: vscode.TextDocument): void {
    clearTimeout(this.pendingTyping.get(document.uri.toString()));
    this.pendingTyping.delete(document.uri.toString());
    this.transcripts.delete(document.uri);
  }

  /**
   * A study changed: one sidecar's problems are worked out again when only it changed;
   * the codebook decides which code paths and polarities are known, so when it changes
   * (or everything does) every code of the study is checked again, and the open
   * transcripts' unknown code paths too.
   */
  private studyChanged(study: StudyIndex, change: StudyIndexChange): void {
    if (change.kind === 'record') {
      const record = study.record(change.sidecarPath);
      if (record === undefined) this.show(this.setSource(recordSource(study, change.sidecarPath), new Map()));
      else this.showRecord(study, record);
      return;
    }
    this.updateStudy(study);
    for (const coded of this.documents.all()) this.updateDocument(coded);
  }

  /** Problems of every sidecar and the codebook of the study, on those files. */
  private updateStudy(study: StudyIndex): void {
    const touched = new Set<string>();
    const current = new Set<string>();
    const set = (source: string, problems: Map<string, vscode.Diagnostic[]>) => {
      current.add(source);
      for (const file of this.setSource(source, problems)) touched.add(file);
    };
    set(codebookSource(study), this.problemsOf(study, study.loadedCodebook?.problems ?? []));
    // A transcript's own problems (decoding, front matter) belong on the transcript file.
    for (const record of study.allRecords()) set(recordSource(study, record.sidecarPath), this.problemsOf(study, record.problems, checkedWithoutAnchors(record, study)));
    const prefix = sourcePrefix(study.folder.uri);
    for (const source of this.studyFileProblems.sources()) if (source.startsWith(prefix) && !current.has(source)) set(source, new Map());
    this.show(touched);
    for (const record of study.allRecords()) this.addAnchorProblems(study, record);
  }

  /** A record's problems: at once those that need no re-anchoring, then its codes off their text. */
  private showRecord(study: StudyIndex, record: TranscriptRecord): void {
    this.show(this.setSource(recordSource(study, record.sidecarPath), this.problemsOf(study, record.problems, checkedWithoutAnchors(record, study))));
    this.addAnchorProblems(study, record);
  }

  /**
   * Re-anchoring a record's codes in its transcript (loaded for records whose agency
   * comes from the transcript) runs in the worker thread: a hostile transcript must not
   * hold the extension host (issue 19, item 1). Answers for a record that has since been
   * read again are dropped.
   */
  private addAnchorProblems(study: StudyIndex, record: TranscriptRecord): void {
    if (record.transcript === undefined || record.sidecar.status !== 'ok') return;
    const source = recordSource(study, record.sidecarPath);
    // The answer is taken only if nothing set this source's problems since it was asked:
    // whatever did (the record or the codebook read again) asked for its own anchors.
    const asked = this.sourceVersions.get(source);
    const current = () => !this.isDisposed && study.record(record.sidecarPath) === record && this.sourceVersions.get(source) === asked;
    void this.worker.anchorProblems(record).then(
      async (anchors) => {
        if (!current() || anchors.length === 0) return;
        const problems = this.problemsOf(study, record.problems, [...checkedWithoutAnchors(record, study), ...anchors]);
        // Thousands of problems (a hostile study) take tens of ms to make and as many to hand
        // to VS Code: each in a turn of its own (issue 19, item 1).
        await nextTurn();
        if (current()) this.show(this.setSource(source, problems));
      },
      // Only when the extension is closing: the worker's own failures fall back to this thread.
      () => undefined,
    );
  }

  /** A folder left the workspace: its study's problems go with it. */
  private forgetStudy(folder: vscode.Uri): void {
    const prefix = sourcePrefix(folder);
    const touched = this.studyFileProblems.sources().flatMap((source) => (source.startsWith(prefix) ? this.setSource(source, new Map()) : []));
    this.show(touched);
  }

  private problemsOf(study: StudyIndex, ...lists: (readonly Problem[])[]): Map<string, vscode.Diagnostic[]> {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    // A record's problems are on two files at most: each file's URI is made once.
    const keys = new Map<string, string>();
    let hint: string | undefined;
    for (const problem of lists.flat()) {
      let key = keys.get(problem.file);
      if (key === undefined) {
        const uri = vscode.Uri.joinPath(study.folder.uri, ...problem.file.split('/'));
        key = uri.toString();
        keys.set(problem.file, key);
        this.uris.set(key, uri);
      }
      const position = new vscode.Position(Math.max(problem.line - 1, 0), Math.max(problem.column - 1, 0));
      const anchor = problem.codeId !== undefined && OFF_TEXT_KINDS.has(problem.kind);
      const lost = lostTranscriptOf(problem);
      const message =
        lost !== undefined
          ? vscode.l10n.t(
              'Its transcript {0} does not exist. If it was renamed or moved outside VS Code, the quick fix (Ctrl+.) relinks this sidecar to the transcript that holds its quotes; or restore the transcript, or delete this sidecar.',
              lost,
            )
          : anchor
            ? editorWording(problem.message, (hint ??= editorHint()))
            : problem.message;
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(position, position.translate(0, 1)),
        withoutMarkdown(message),
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = kindCode(problem.kind);
      const onFile = byFile.get(key);
      if (onFile === undefined) byFile.set(key, [diagnostic]);
      else onFile.push(diagnostic);
    }
    return byFile;
  }

  /** Sets one source's problems (see ProblemsByFile.set), counting the changes so that late answers can tell they are late. */
  private setSource(source: string, problems: ReadonlyMap<string, readonly vscode.Diagnostic[]>): string[] {
    this.sourceVersions.set(source, (this.sourceVersions.get(source) ?? 0) + 1);
    return this.studyFileProblems.set(source, problems);
  }

  /** Shows these files' problems as they are now. */
  private show(files: Iterable<string>): void {
    for (const file of files) {
      const uri = this.uris.get(file);
      if (uri === undefined) continue;
      const diagnostics = this.studyFileProblems.of(file);
      if (diagnostics.length > 0) {
        this.studyFiles.set(uri, diagnostics);
      } else {
        this.studyFiles.delete(uri);
        this.uris.delete(file);
      }
    }
  }

  override dispose(): void {
    for (const timer of this.pendingTyping.values()) clearTimeout(timer);
    super.dispose();
  }
}

/** Problems are kept per source: a study's codebook, or one of its sidecars (with its transcript). */
function sourcePrefix(folder: vscode.Uri): string {
  return `${folder.toString()}\u0000`;
}

function codebookSource(study: StudyIndex): string {
  return `${sourcePrefix(study.folder.uri)}codebook`;
}

function recordSource(study: StudyIndex, sidecarPath: string): string {
  return `${sourcePrefix(study.folder.uri)}sidecar\u0000${sidecarPath}`;
}

/** The core's messages about a code's place name the CLI's fix; in the editor the fix is a quick fix. */
const CLI_REANCHOR = /run `transcript-coder reanchor --write`/gu;

function editorHint(): string {
  return vscode.l10n.t('save the transcript (positions found are written then), or use the quick fix "Re-anchor all codes of this transcript" (Ctrl+.)');
}

/** A core message about a code's place, as the editor says it: the quick fix (`hint`) instead of the CLI. */
function editorWording(message: string, hint: string): string {
  const reworded = message.replace(CLI_REANCHOR, hint);
  if (reworded !== message || !/^orphan:/u.test(message)) return reworded;
  return `${message} ${vscode.l10n.t('(in the transcript: select its lines and use the quick fix "Re-anchor code here", Ctrl+.)')}`;
}

/**
 * The core writes file names and YAML in backticks, which a terminal shows as they are
 * and the Problems panel shows raw (issue 12): there they are quoted instead.
 */
function withoutMarkdown(message: string): string {
  return message.replace(/`([^`\n]+)`/gu, '“$1”');
}

/** Diagnostics lose extra properties on their way through the editor; the id is also in the message (repair-actions.ts reads it). */
export function idFromMessage(message: string): string | undefined {
  return /\b(?:code|kode) ([a-z0-9][a-z0-9-]*)\b/u.exec(message)?.[1];
}

/** validateRecordCodes without its re-anchoring (which the worker does): code paths, polarities, recorded conflicts. */
function checkedWithoutAnchors(record: TranscriptRecord, study: StudyIndex): ReturnType<typeof validateRecordCodes> {
  return validateRecordCodes(record.transcript === undefined ? record : { ...record, transcript: undefined }, study.codebook);
}
