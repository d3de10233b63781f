/**
 * Problems of recordings (issue 17): a `media:` link to a file that is not there or that
 * cannot be loaded (on the sidecar or front matter line that names it, with the quick
 * fix "Relink recording…"), and, for transcripts with a recording, timestamps that go
 * backwards, lie past the end of the recording, or are missing (on the transcript).
 * Each transcript's problems sit on it and on its own sidecar, so one transcript is
 * checked without touching another's.
 */
import * as vscode from 'vscode';
import { afterActivation } from '../after-activation';
import { MEDIA_ATTRIBUTE, MEDIA_EXTENSIONS, mediaLineIn, mediaLinkProblem, mediaMissingProblem } from '../../core/media';
import type { Problem } from '../../core/problems';
import { transcriptPathFor } from '../../core/sidecar';
import type { TranscriptRecord } from '../../core/study';
import { isCodableDocument, type CodedDocuments } from '../coded-documents';
import { DIAGNOSTIC_SOURCE, kindOf } from '../diagnostics';
import { Disposable } from '../dispose';
import type { StudyIndex } from '../study-index';
import type { StudyIndexes } from '../study-indexes';
import { type LinkedRecording, type MediaLinks, resolveLink } from './media-links';

const RECHECK_DELAY_MS = 300;

export class MediaDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('transcriptCoder.media'));
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Transcripts whose problems are shown (on them or their sidecars). */
  private readonly shown = new Map<string, vscode.Uri>();

  constructor(
    private readonly documents: CodedDocuments,
    private readonly studies: StudyIndexes,
    private readonly links: MediaLinks,
    private readonly durationOf: (transcript: vscode.Uri) => number | undefined,
  ) {
    super();
    this.registerAll(
      documents.onDidChangeCodes((coded) => this.later(coded.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.links.forget(document);
        void this.checkStudies();
      }),
      // One sidecar changed: only its transcript's link is checked again, not the study's
      // (a stat for each linked recording, on every change: issue 15's remote file systems).
      studies.onDidChangeDetail(({ study, change }) => void (change.kind === 'record' ? this.checkRecord(study, change.sidecarPath) : this.checkStudies())),
      { dispose: () => this.pending.forEach((timer) => clearTimeout(timer)) },
    );
    // The first check parses the open transcripts, and a file watcher is a slow call to
    // make: both after activation has returned (after-activation.ts).
    void afterActivation().then(() => {
      if (this.isDisposed) return;
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/*.{${MEDIA_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`));
      this.registerAll(
        watcher.onDidCreate(() => void this.checkAll()),
        watcher.onDidDelete(() => void this.checkAll()),
      );
      return this.checkAll();
    });
  }

  /** Checks every open transcript and every sidecar with a link. */
  async checkAll(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.filter((document) => this.documents.get(document) !== undefined || isCodableDocument(document)).map((document) => this.checkDocument(document)));
    await this.checkStudies();
  }

  private later(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (!document.isClosed) void this.checkDocument(document);
    }, RECHECK_DELAY_MS));
  }

  /** An open transcript: its link (from the session or its live front matter) and its timestamps. */
  async checkDocument(document: vscode.TextDocument): Promise<void> {
    if (this.isDisposed || document.isClosed) return;
    const linked = this.links.linkOf(document);
    // A transcript deleted on disk while VS Code still holds its model (it keeps a closed
    // document a while): its problems go with the file, whichever event comes last.
    const gone = !document.isDirty && (await Promise.resolve(vscode.workspace.fs.stat(document.uri)).then(() => false, () => true));
    if (linked === undefined || gone) {
      this.setFor(document.uri, [], []);
      return;
    }
    const linkProblems = await this.linkProblems(linked, linked.link.from === 'front-matter' ? document.getText() : undefined);
    const timestamps = linked.media === undefined ? [] : this.links.timelineOf(document, linked, this.durationOf(document.uri)).problems;
    const onTranscript = [...(linked.link.from === 'front-matter' ? linkProblems : []), ...timestamps];
    this.setFor(document.uri, onTranscript, linked.link.from === 'sidecar' ? linkProblems : []);
  }

  /** Sidecars with a `media:` link whose transcript is not open (open ones are checkDocument's). */
  private async checkStudies(): Promise<void> {
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const checks: Promise<void>[] = [];
    const recorded = new Set<string>();
    for (const study of this.studies.all()) {
      for (const record of study.allRecords()) {
        const transcript = study.uriOf(record.transcriptPath);
        recorded.add(transcript.toString());
        if (open.has(transcript.toString())) continue;
        checks.push(this.checkSidecarLink(transcript, record));
      }
    }
    // A transcript no study holds any more whose file is gone, or that is not open: its problems go.
    for (const [key, transcript] of [...this.shown]) {
      if (recorded.has(key)) continue;
      if (!open.has(key)) this.setFor(transcript, [], []);
      else checks.push(Promise.resolve(vscode.workspace.fs.stat(transcript)).then(() => undefined, () => this.setFor(transcript, [], [])));
    }
    await Promise.all(checks);
  }

  /** The link in one sidecar (changed, added or gone), unless its transcript is open: the open document's check covers it. */
  private async checkRecord(study: StudyIndex, sidecarPath: string): Promise<void> {
    const record = study.record(sidecarPath);
    const transcript = study.uriOf(record?.transcriptPath ?? transcriptPathFor(sidecarPath) ?? sidecarPath);
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === transcript.toString())) return;
    if (record === undefined) {
      this.setFor(transcript, [], []);
      return;
    }
    await this.checkSidecarLink(transcript, record);
  }

  private async checkSidecarLink(transcript: vscode.Uri, record: TranscriptRecord): Promise<void> {
    const written = record.sidecar.status === 'ok' ? record.sidecar.data.attributes[MEDIA_ATTRIBUTE] : undefined;
    const linked = written === undefined ? undefined : resolveLink(transcript, { written, from: 'sidecar' });
    if (linked === undefined) {
      this.setFor(transcript, [], []);
      return;
    }
    this.setFor(transcript, [], await this.linkProblems(linked));
  }

  private async linkProblems(linked: LinkedRecording, transcriptText?: string): Promise<Problem[]> {
    const sidecar = sidecarOf(linked.transcript);
    const file = vscode.workspace.asRelativePath(linked.link.from === 'sidecar' ? sidecar : linked.transcript, false);
    const lineOfLink = async (): Promise<number> => {
      const text = transcriptText ?? new TextDecoder().decode(await Promise.resolve(vscode.workspace.fs.readFile(sidecar)).catch(() => new Uint8Array()));
      return mediaLineIn(text, linked.link.from);
    };
    if (linked.invalid !== undefined) return [mediaLinkProblem(file, await lineOfLink(), linked.invalid)];
    if (linked.media === undefined) return [];
    const exists = await Promise.resolve(vscode.workspace.fs.stat(linked.media)).then(
      (stat) => (stat.type & vscode.FileType.File) !== 0,
      () => false,
    );
    return exists ? [] : [mediaMissingProblem(file, await lineOfLink(), linked.link.written, linked.mediaPath ?? linked.link.written)];
  }

  private setFor(transcript: vscode.Uri, onTranscript: readonly Problem[], onSidecar: readonly Problem[]): void {
    if (this.isDisposed) return;
    // Most transcripts link no recording: nothing to clear for them.
    const key = transcript.toString();
    if (onTranscript.length === 0 && onSidecar.length === 0 && !this.shown.delete(key)) return;
    if (onTranscript.length > 0 || onSidecar.length > 0) this.shown.set(key, transcript);
    this.collection.set(transcript, onTranscript.map(diagnosticOf));
    this.collection.set(sidecarOf(transcript), onSidecar.map(diagnosticOf));
  }
}

function sidecarOf(transcript: vscode.Uri): vscode.Uri {
  return transcript.with({ path: `${transcript.path}.codes.yaml` });
}

function diagnosticOf(problem: Problem): vscode.Diagnostic {
  const position = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(position, position.translate(0, 1)),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.kind;
  return diagnostic;
}

/** "Relink recording…" on a missing or unloadable recording, in the transcript and in its sidecar. */
export class RelinkRecordingActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const problem = context.diagnostics.find((diagnostic) => kindOf(diagnostic) === 'media-missing' || kindOf(diagnostic) === 'media-link-invalid');
    if (problem === undefined) return [];
    const path = document.uri.path;
    const transcript = path.endsWith('.codes.yaml') ? document.uri.with({ path: path.slice(0, -'.codes.yaml'.length) }) : document.uri;
    const title = vscode.l10n.t('Relink recording…');
    const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    fix.command = { command: 'transcriptCoder.linkRecording', title, arguments: [transcript.toString()] };
    fix.diagnostics = [problem];
    fix.isPreferred = true;
    return [fix];
  }
}
