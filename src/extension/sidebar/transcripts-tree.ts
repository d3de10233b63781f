/**
 * The Transcripts view: per agency, each transcript with how much of it is coded (the
 * share of its speaker turns a code covers), who coded it, and a warning mark when its
 * sidecar cannot be read or codes lost their text (orphans). Transcripts without a
 * sidecar yet (matched by the transcriptFiles setting) show at 0 %. A transcript with
 * codes off their text lists them under it, with the repair commands in their context
 * menu (issue 12): no code is out of reach of the editor.
 */
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/text';
import { sidecarPathFor } from '../../core/sidecar';
import type { TranscriptRecord } from '../../core/study';
import { afterActivation } from '../after-activation';
import { indexingProgress } from '../indexing-progress';
import { readSettings } from '../settings';
import type { StudyIndex, StudyIndexChange } from '../study-index';
import { agencyId, transcriptId, UNASSIGNED } from './ids';
import type { StudyScope } from './study-scope';
import type { TranscriptStatsWorker } from './stats-worker';
import { compareText, type TranscriptProgress } from './study-view';
import type { OffTextCode, TranscriptStats } from './transcript-stats';
import { ContextValues } from './context-values';
import { Disposable } from '../dispose';

;

const NO_TRANSCRIPTS_CONTEXT = 'transcriptCoder.noTranscripts';

export type TranscriptNode =
  | { kind: 'agency'; id: string; agency: string; parent?: undefined }
  | { kind: 'transcript'; id: string; agency: string; transcriptPath: string; parent: TranscriptNode }
  /** A code off its text; `uri` and `codeId` are what the repair commands read from it. */
  | { kind: 'offText'; id: string; uri: string; codeId: string; code: OffTextCode; parent: TranscriptNode };

export class TranscriptsTreeProvider extends Disposable implements vscode.TreeDataProvider<TranscriptNode>, vscode.Disposable {
  private readonly nodes = new Map<string, TranscriptNode>();
  private readonly stats = new Map<string, Promise<TranscriptStats>>();
  private readonly settled = new Map<string, TranscriptStats>();
  /**
   * The agency each transcript was last seen under: a sidecar that cannot be read (a
   * merge conflict) says no agency, and its transcript stays where it was, marked.
   */
  private readonly lastAgency = new Map<string, string>();
  /** Transcripts without a sidecar, found by the transcriptFiles setting. */
  private uncoded: string[] | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<TranscriptNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private study: StudyIndex | undefined;
  /** Bumped by every reset: answers computed for an older state are not kept. */
  private generation = 0;

  constructor(
    private readonly scope: StudyScope,
    private readonly worker: TranscriptStatsWorker,
  ) {
    super();
    this.registerAll(
      scope.onDidChangeStudy(() => this.reset()),
      scope.onDidChangeContent(({ change }) => this.onStudyChange(change)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('transcriptCoder.transcriptFiles')) this.reset();
      }),
    );
    // Its watcher (of the whole folder) is made once activation has returned: after-activation.ts.
    void afterActivation().then(() => {
      if (!this.isDisposed) this.reset();
    });
  }

  /** Whether transcripts are re-anchored in the worker thread, off the extension host's main thread. */
  get offMainThread(): boolean {
    return this.worker.offMainThread;
  }

  /** Reads every transcript again. */
  refresh(): void {
    this.reset();
  }

  private reset(): void {
    this.generation++;
    this.study = this.scope.current();
    this.stats.clear();
    this.settled.clear();
    this.uncoded = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
    if (this.study !== undefined) {
      // Transcripts change outside the editor too (git): progress and orphans follow.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.study.folder, '**/*'));
      const changedFile = (uri: vscode.Uri) => this.onFileChanged(uri);
      watcher.onDidChange(changedFile);
      watcher.onDidCreate((uri) => {
        if (!uri.path.endsWith('.codes.yaml')) this.uncoded = undefined;
        changedFile(uri);
      });
      watcher.onDidDelete((uri) => {
        this.uncoded = undefined;
        changedFile(uri);
      });
      this.watcher = watcher;
    }
    this.changed.fire(undefined);
  }

  private onFileChanged(uri: vscode.Uri): void {
    const study = this.study;
    if (study === undefined || uri.path.endsWith('.codes.yaml')) return;
    const path = vscode.workspace.asRelativePath(uri, false);
    const record = study.record(sidecarPathFor(path));
    const known = record !== undefined || (this.uncoded?.includes(path) ?? false);
    const agency = record === undefined ? UNASSIGNED : this.agencyOf(record);
    if (!known) {
      if (this.uncoded === undefined) this.changed.fire(undefined);
      return;
    }
    this.stats.delete(path);
    this.settled.delete(path);
    // An agency from the transcript's front matter may have changed: read the record again.
    if (record !== undefined && record.agencySource !== 'sidecar') void study.reloadSidecars([record.sidecarPath]);
    const node = this.nodes.get(transcriptId(agency, path));
    this.changed.fire(node ?? undefined);
  }

  private onStudyChange(change: StudyIndexChange): void {
    if (change.kind === 'codebook') return;
    if (change.kind === 'all') {
      this.reset();
      return;
    }
    const transcript = change.current?.transcriptPath ?? change.previous?.transcriptPath;
    if (transcript !== undefined) {
      this.stats.delete(transcript);
      this.settled.delete(transcript);
    }
    const before = change.previous === undefined ? undefined : this.agencyOf(change.previous);
    const after = change.current === undefined ? undefined : this.agencyOf(change.current);
    if (before === after && before !== undefined) {
      this.changed.fire(this.agencyNode(before));
      return;
    }
    // Moved to another agency, new, or gone: the agencies themselves may have changed.
    this.uncoded = undefined;
    this.changed.fire(undefined);
  }

  /** The record's agency; for a sidecar that cannot be read, the one it had when it last could. */
  private agencyOf(record: TranscriptRecord): string {
    if (record.agency !== undefined) {
      this.lastAgency.set(record.transcriptPath, record.agency);
      return record.agency;
    }
    if (record.sidecar.status !== 'ok') return this.lastAgency.get(record.transcriptPath) ?? UNASSIGNED;
    this.lastAgency.delete(record.transcriptPath);
    return UNASSIGNED;
  }

  private node<T extends TranscriptNode>(made: T): T {
    const existing = this.nodes.get(made.id);
    if (existing !== undefined && existing.kind === made.kind) return existing as T;
    this.nodes.set(made.id, made);
    return made;
  }

  agencyNode(agency: string): TranscriptNode {
    return this.node({ kind: 'agency', id: agencyId(agency), agency });
  }

  transcriptNode(agency: string, transcriptPath: string): TranscriptNode {
    return this.node({ kind: 'transcript', id: transcriptId(agency, transcriptPath), agency, transcriptPath, parent: this.agencyNode(agency) });
  }

  private async uncodedTranscripts(study: StudyIndex): Promise<string[]> {
    if (this.uncoded !== undefined) return this.uncoded;
    const generation = this.generation;
    const patterns = readSettings(study.folder.uri).transcriptFiles;
    const found = new Set<string>();
    for (const pattern of patterns) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(study.folder, pattern), '**/node_modules/**');
      for (const uri of uris) {
        const path = vscode.workspace.asRelativePath(uri, false);
        if (!path.endsWith('.codes.yaml') && study.record(sidecarPathFor(path)) === undefined) found.add(path);
      }
    }
    const sorted = [...found].sort();
    // The study changed while the files were listed: answer, but do not keep the answer.
    if (generation === this.generation) this.uncoded = sorted;
    return sorted;
  }

  /** Every transcript of the study by agency: with a sidecar (its record's agency) or without (front matter). */
  async byAgency(): Promise<Map<string, string[]>> {
    const study = this.study;
    const groups = new Map<string, string[]>();
    if (study === undefined) return groups;
    // Before the index has read the sidecars every transcript would look uncoded.
    await study.ready;
    const add = (agency: string, path: string) => {
      const paths = groups.get(agency);
      if (paths === undefined) groups.set(agency, [path]);
      else paths.push(path);
    };
    for (const record of study.allRecords()) add(this.agencyOf(record), record.transcriptPath);
    for (const path of await this.uncodedTranscripts(study)) {
      if (study.record(sidecarPathFor(path)) !== undefined) continue;
      const stats = await this.statsOf(study, path);
      add(stats.agency ?? UNASSIGNED, path);
    }
    for (const paths of groups.values()) paths.sort(compareText);
    return groups;
  }

  private statsOf(study: StudyIndex, transcriptPath: string): Promise<TranscriptStats> {
    let pending = this.stats.get(transcriptPath);
    if (pending === undefined) {
      const generation = this.generation;
      pending = indexingProgress.track(study.ready.then(() => computeStats(study, this.worker, transcriptPath, study.record(sidecarPathFor(transcriptPath)))))
        .then((stats) => {
          if (this.stats.get(transcriptPath) === pending && generation === this.generation) this.settled.set(transcriptPath, stats);
          return stats;
        });
      this.stats.set(transcriptPath, pending);
    }
    return pending;
  }

  async getChildren(node?: TranscriptNode): Promise<TranscriptNode[]> {
    const study = this.study;
    if (study === undefined) return [];
    const groups = await this.byAgency();
    if (node === undefined) {
      // The welcome text says so when the study has no transcripts at all.
      void vscode.commands.executeCommand('setContext', NO_TRANSCRIPTS_CONTEXT, groups.size === 0);
      const named = [...groups.keys()].filter((agency) => agency !== UNASSIGNED).sort(compareText);
      if (groups.has(UNASSIGNED)) named.push(UNASSIGNED);
      return named.map((agency) => this.agencyNode(agency));
    }
    if (node.kind === 'transcript') return this.offTextNodes(node);
    if (node.kind !== 'agency') return [];
    const paths = groups.get(node.agency) ?? [];
    await Promise.all(paths.map((path) => this.statsOf(study, path)));
    return paths.map((path) => this.transcriptNode(node.agency, path));
  }

  private offTextNodes(node: TranscriptNode & { kind: 'transcript' }): TranscriptNode[] {
    const uri = this.study?.uriOf(node.transcriptPath).toString();
    const codes = this.settled.get(node.transcriptPath)?.offText ?? [];
    if (uri === undefined) return [];
    return codes.map((code) => this.node({ kind: 'offText', id: `${node.id}/off-text/${code.id}`, uri, codeId: code.id, code, parent: node }));
  }

  getParent(node: TranscriptNode): TranscriptNode | undefined {
    return node.parent;
  }

  /** Progress as computed for the tree (tests compare it with the core's line model). */
  async progressOf(transcriptPath: string): Promise<TranscriptProgress | undefined> {
    const study = this.study;
    if (study === undefined) return undefined;
    await study.ready;
    return (await this.statsOf(study, transcriptPath)).progress;
  }

  getTreeItem(node: TranscriptNode): vscode.TreeItem {
    const item = this.item(node);
    item.id = node.id;
    return item;
  }

  private item(node: TranscriptNode): vscode.TreeItem {
    if (node.kind === 'offText') return offTextItem(node.code, node.uri);
    if (node.kind === 'agency') {
      const item = new vscode.TreeItem(node.agency === UNASSIGNED ? vscode.l10n.t('Without an agency') : node.agency, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.agency === UNASSIGNED ? 'question' : 'organization');
      item.contextValue = ContextValues.transcriptAgency;
      return item;
    }
    const study = this.study;
    const record = study?.record(sidecarPathFor(node.transcriptPath));
    const stats = this.settled.get(node.transcriptPath);
    const progress = stats?.progress;
    const broken = record !== undefined && record.sidecar.status !== 'ok';
    const name = node.transcriptPath.split('/').pop() ?? node.transcriptPath;
    const offText = stats?.offText?.length ?? 0;
    const item = new vscode.TreeItem(name, offText > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const parts: string[] = [];
    if (broken) parts.push(vscode.l10n.t('sidecar cannot be read'));
    if (progress !== undefined) {
      parts.push(percent(progress));
      if (progress.coders.length > 0) parts.push(progress.coders.join(', '));
      if (progress.orphans > 0) parts.push(progress.orphans === 1 ? vscode.l10n.t('1 orphaned code') : vscode.l10n.t('{0} orphaned codes', progress.orphans));
      else if (offText > 0) parts.push(vscode.l10n.t('{0} code(s) off their text', offText));
    } else if (stats?.problem !== undefined) {
      parts.push(stats.problem);
    }
    item.description = parts.join(' · ');
    const warn = broken || (progress?.orphans ?? 0) > 0 || offText > 0 || stats?.problem !== undefined;
    item.iconPath = warn
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : progress !== undefined && progress.units > 0 && progress.coded === progress.units
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon('file-text');
    item.contextValue = warn ? ContextValues.transcriptWarning : ContextValues.transcript;
    const tooltip = [`**${escapeMarkdown(node.transcriptPath)}**`, ''];
    if (progress !== undefined) {
      tooltip.push(
        escapeMarkdown(
          progress.unit === 'turn'
            ? vscode.l10n.t('{0} of {1} speaker turns of informants coded (the interviewer\'s are not counted)', progress.coded, progress.units)
            : vscode.l10n.t('{0} of {1} lines coded (no speaker turns)', progress.coded, progress.units),
        ),
      );
      if (progress.coders.length > 0) tooltip.push('', escapeMarkdown(vscode.l10n.t('Coders: {0}', progress.coders.join(', '))));
      if (offText > 0) tooltip.push('', escapeMarkdown(vscode.l10n.t('{0} code(s) off their text: expand to re-anchor them, or right-click to re-anchor all codes of this transcript.', offText)));
    }
    if (broken && record !== undefined) {
      const first = record.problems.find((p) => p.severity === 'error');
      tooltip.push('', escapeMarkdown(vscode.l10n.t('The sidecar cannot be read: line {0}: {1}', first?.line ?? 1, first?.message ?? '')));
    }
    if (stats?.problem !== undefined) tooltip.push('', escapeMarkdown(stats.problem));
    item.tooltip = new vscode.MarkdownString(tooltip.join('\n'));
    if (study !== undefined) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [study.uriOf(node.transcriptPath)] };
    item.resourceUri = study?.uriOf(node.transcriptPath);
    return item;
  }

  override dispose(): void {
    this.watcher?.dispose();
    super.dispose();
  }
}

function percent(progress: TranscriptProgress): string {
  const share = progress.units === 0 ? 0 : Math.round((100 * progress.coded) / progress.units);
  return vscode.l10n.t('{0}% coded', share);
}

async function computeStats(study: StudyIndex, worker: TranscriptStatsWorker, transcriptPath: string, record: TranscriptRecord | undefined): Promise<TranscriptStats> {
  try {
    // Throws for a transcript that must not be read (a link leading outside, a FIFO): its message names it.
    const bytes = await study.reader.readFile(transcriptPath);
    if (bytes === undefined) return { problem: vscode.l10n.t('the transcript {0} does not exist', transcriptPath) };
    const codes = record?.sidecar.status === 'ok' ? record.sidecar.data.codes : [];
    return await worker.compute(bytes, transcriptPath, codes);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

function offTextItem(code: OffTextCode, uri: string): vscode.TreeItem {
  const item = new vscode.TreeItem(code.factor || code.code);
  const where = code.lines[0] === code.lines[1] ? String(code.lines[0]) : `${code.lines[0]}–${code.lines[1]}`;
  item.description =
    code.similar === undefined
      ? vscode.l10n.t('{0} · lines {1} · orphan', code.code, where)
      : vscode.l10n.t('{0} · lines {1} · similar text at {2} ({3}% alike)', code.code, where, code.similar.lines[0], Math.round(code.similar.score * 100));
  item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.contextValue = code.similar === undefined ? ContextValues.offText : ContextValues.offTextSimilar;
  item.tooltip =
    code.similar === undefined
      ? vscode.l10n.t('Code {0} is off its text ({1}). Right-click: re-anchor it on lines you choose, or remove it.', code.id, code.reason ?? '')
      : vscode.l10n.t('Code {0} is off its text; similar text is at lines {1}–{2}. Right-click to accept it.', code.id, code.similar.lines[0], code.similar.lines[1]);
  const line = Math.max(code.lines[0] - 1, 0);
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(line, 0, line, 0) }] };
  return item;
}
