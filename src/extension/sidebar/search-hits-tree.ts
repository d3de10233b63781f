/**
 * The Search Hits view (issue 18): the last search of the study, one node per transcript
 * with its hit lines as children. A hit is labelled with its speaker and what is said
 * (a Markdown label's `**` markup and a timestamp left out; its tooltip has the line as
 * written) and opens the transcript at that line. Once a code is chosen ("Code These Hits…"), hits already
 * coded with it are marked, read from the open coding session when the transcript is
 * open, else from the study index.
 */
import * as vscode from 'vscode';
import type { SearchResult, TranscriptHits } from '../../core/search';
import { ContextValues } from './context-values';

export type SearchHitNode =
  /** `shown`: how many of its hits are listed (the rest are past the page). */
  | { kind: 'transcript'; result: TranscriptHits; folder: vscode.Uri; shown: number }
  | { kind: 'hit'; result: TranscriptHits; folder: vscode.Uri; line: number; text: string; label: string }
  | { kind: 'more'; remaining: number };

/**
 * Hits listed at first, and added by each "Show more": tens of thousands of rows would
 * cost the editor seconds to draw (each row crosses to the workbench), while coding always
 * takes every hit, listed or not.
 */
const HITS_PER_PAGE = 500;

/** The search as it was run, and what came of it. */
export interface ShownSearch {
  /** Says what was searched for, e.g. `"data" · Kepala Badan`. */
  description: string;
  folder: vscode.Uri;
  results: TranscriptHits[];
  /** Transcripts that could not be searched, with why. */
  notSearched: Array<Extract<SearchResult, { kind: 'not-searched' }>>;
}

/** The lines of a transcript already coded with the chosen code, by sidecar path. */
export type CodedLines = (result: TranscriptHits) => ReadonlySet<number>;

export class SearchHitsProvider implements vscode.TreeDataProvider<SearchHitNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SearchHitNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private shownSearch: ShownSearch | undefined;
  private chosen: { code: string; codedLines: CodedLines } | undefined;
  private listedHits = HITS_PER_PAGE;

  current(): ShownSearch | undefined {
    return this.shownSearch;
  }

  show(search: ShownSearch): void {
    this.shownSearch = search;
    this.chosen = undefined;
    this.listedHits = HITS_PER_PAGE;
    this.changed.fire(undefined);
  }

  /** The same search with more found (or all of it): the page listed and the chosen code stay. */
  update(search: ShownSearch): void {
    this.shownSearch = search;
    this.changed.fire(undefined);
  }

  /** Lists the next page of hits. */
  showMore(): void {
    this.listedHits += HITS_PER_PAGE;
    this.changed.fire(undefined);
  }

  /** Hits listed in the view now (the rest wait for "Show more"). */
  listedHitCount(): number {
    return Math.min(this.listedHits, this.hitCount());
  }

  /** Marks the hits already coded with `code` (after a code was chosen or hits were coded). */
  markCoded(code: string, codedLines: CodedLines): void {
    this.chosen = { code, codedLines };
    this.changed.fire(undefined);
  }

  hitCount(): number {
    return (this.shownSearch?.results ?? []).reduce((sum, result) => sum + result.hits.length, 0);
  }

  getChildren(node?: SearchHitNode): SearchHitNode[] {
    const search = this.shownSearch;
    if (search === undefined) return [];
    if (node === undefined) {
      const nodes: SearchHitNode[] = [];
      let listed = 0;
      for (const result of search.results) {
        if (listed >= this.listedHits) break;
        const shown = Math.min(result.hits.length, this.listedHits - listed);
        nodes.push({ kind: 'transcript', result, folder: search.folder, shown });
        listed += shown;
      }
      const remaining = this.hitCount() - listed;
      if (remaining > 0) nodes.push({ kind: 'more', remaining });
      return nodes;
    }
    if (node.kind !== 'transcript') return [];
    return node.result.hits.slice(0, node.shown).map((hit) => ({ kind: 'hit', result: node.result, folder: node.folder, line: hit.line, text: hit.text, label: hit.speaker === undefined ? hit.body : `${hit.speaker}: ${hit.body}` }));
  }

  getTreeItem(node: SearchHitNode): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more hits…', Math.min(HITS_PER_PAGE, node.remaining)), vscode.TreeItemCollapsibleState.None);
      item.id = 'search:more';
      item.description = vscode.l10n.t('{0} not listed yet; "Code These Hits…" codes them too', node.remaining);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'transcriptCoder.showMoreSearchHits', title: vscode.l10n.t('Show more hits') };
      return item;
    }
    const transcriptUri = vscode.Uri.joinPath(node.folder, ...node.result.transcriptPath.split('/'));
    if (node.kind === 'transcript') {
      // The file name leads (the side bar is narrow); its folder follows in the description.
      const path = node.result.transcriptPath;
      const slash = path.lastIndexOf('/');
      const item = new vscode.TreeItem(path.slice(slash + 1), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `search:${node.result.transcriptPath}`;
      item.resourceUri = transcriptUri;
      const count = node.result.hits.length;
      const coded = this.codedIn(node.result);
      const parts = [...(slash > 0 ? [path.slice(0, slash)] : []), count === 1 ? vscode.l10n.t('1 hit') : vscode.l10n.t('{0} hits', count)];
      if (node.shown < count) parts.push(vscode.l10n.t('{0} listed', node.shown));
      if (this.chosen !== undefined && coded.size > 0) parts.push(vscode.l10n.t('{0} coded with {1}', node.result.hits.filter((hit) => coded.has(hit.line)).length, this.chosen.code));
      if (node.result.brokenSidecar !== undefined) {
        parts.push(vscode.l10n.t('sidecar cannot be read: not coded'));
        item.tooltip = `${path}\n${node.result.brokenSidecar}`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = ContextValues.searchTranscriptBroken;
      } else {
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = path;
        item.contextValue = ContextValues.searchTranscript;
      }
      item.description = parts.join(' · ');
      return item;
    }
    const item = new vscode.TreeItem(node.label.trim(), vscode.TreeItemCollapsibleState.None);
    item.id = `search:${node.result.transcriptPath}:${node.line}`;
    const coded = this.chosen !== undefined && this.codedIn(node.result).has(node.line);
    item.description = coded ? vscode.l10n.t('line {0} · coded with {1}', node.line, this.chosen?.code ?? '') : vscode.l10n.t('line {0}', node.line);
    item.iconPath = new vscode.ThemeIcon(coded ? 'pass-filled' : 'circle-outline');
    item.tooltip = `${node.result.transcriptPath}:${node.line}\n${node.text}`;
    item.contextValue = ContextValues.searchHit;
    const position = new vscode.Position(node.line - 1, 0);
    item.command = {
      command: 'vscode.open',
      title: vscode.l10n.t('Open at this line'),
      arguments: [transcriptUri, { selection: new vscode.Range(position, position), preview: true } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }

  private codedIn(result: TranscriptHits): ReadonlySet<number> {
    return this.chosen === undefined ? new Set() : this.chosen.codedLines(result);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
