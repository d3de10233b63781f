/**
 * Find and code in VS Code (issue 18): a thin adapter over core/search.
 *
 * - "Find and Code…" asks for a pattern (plain words; `"words"` in double quotes for whole
 *   words; `/pattern/` for a regular expression) and, optionally, a speaker, searches the
 *   transcripts of the study the sidebar shows — as its study index holds them, nothing
 *   is read here — and lists the hits in the Search Hits view.
 * - "Code These Hits…" (the view's title bar, or one transcript's node) picks code,
 *   polarity and factor once with the coding pickers and codes every run of consecutive
 *   hit lines: through the coding session when the transcript is open (one undoable
 *   change per transcript), else through the study store, as `transcript-coder code
 *   --write` does. Broken sidecars are listed and never written; a second run adds nothing.
 *
 * - "Code Every Turn of a Speaker…" does both in one go for a speaker label: the speaker of
 *   the cursor's line in a transcript (else one picked from the study's speakers), every
 *   turn of theirs with something said listed as hits, then coded as above.
 *
 * The commands take their answers as arguments too (tests, keybindings).
 */
import * as vscode from 'vscode';
import { type SearchQuery, SearchQueryError, type SearchResult, searchStudy, type TranscriptHits } from '../../core/search';
import { caseAttributesOf } from '../../core/study';
import type { CodingContext } from '../coding-context';
import { pickCode, pickFactor, pickPolarity, presetOf } from '../pickers';
import type { StudyIndex } from '../study-index';
import { studyStore } from '../workspace-files';
import { codeTranscriptHits, codedLinesOf, type HitsCoding } from './find-and-code-writes';
import { SearchHitsProvider, type SearchHitNode } from './search-hits-tree';
import type { StudyScope } from './study-scope';

const SEARCH_HITS_VIEW = 'transcriptCoder.searchHits';
const HAS_HITS_CONTEXT = 'transcriptCoder.hasSearchHits';
/** Transcripts searched between two yields to the event loop: a large study never freezes the editor. */
const TRANSCRIPTS_PER_SLICE = 50;

/** What `transcriptCoder.findAndCode` returns: the hits found (tests read it); undefined when cancelled or refused. */
interface FoundSummary {
  transcripts: number;
  hits: number;
  /** Hit lines by transcript path. */
  found: Record<string, number[]>;
  notSearched: string[];
}

/** What `transcriptCoder.codeSearchHits` returns. */
interface CodedSummary {
  added: number;
  alreadyCoded: number;
  /** `path: reason` of every transcript whose hits were not coded. */
  notCoded: string[];
}

export function registerFindAndCode(context: CodingContext, scope: StudyScope): vscode.Disposable[] {
  const provider = new SearchHitsProvider();
  const view = vscode.window.createTreeView(SEARCH_HITS_VIEW, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  return [
    provider,
    view,
    vscode.commands.registerCommand('transcriptCoder.findAndCode', (query?: unknown) => findAndCode(scope, provider, view, query)),
    // Every hit (the view's title bar, the palette): whatever VS Code passes from a selected row is not a choice of transcript.
    vscode.commands.registerCommand('transcriptCoder.codeSearchHits', (_selected?: unknown, preset?: unknown) => codeSearchHits(context, scope, provider, undefined, preset)),
    // The hit rows chosen in the view (a row's menu: VS Code passes the row and every selected row).
    vscode.commands.registerCommand('transcriptCoder.codeChosenSearchHits', (node?: unknown, nodes?: unknown, preset?: unknown) =>
      codeSearchHits(context, scope, provider, chosenHits(node, nodes), preset),
    ),
    // The hits of one transcript (its row's menu).
    vscode.commands.registerCommand('transcriptCoder.codeSearchHitsOfTranscript', (node?: unknown, preset?: unknown) => codeSearchHits(context, scope, provider, node, preset)),
    vscode.commands.registerCommand('transcriptCoder.showMoreSearchHits', () => provider.showMore()),
    vscode.commands.registerCommand('transcriptCoder.codeSpeakerTurns', (speaker?: unknown, preset?: unknown) => codeSpeakerTurns(context, scope, provider, view, speaker, preset)),
    // For the tests in a real VS Code: the view's tree, as transcriptCoder.internal.sidebar gives the others.
    vscode.commands.registerCommand('transcriptCoder.internal.searchHits', () => provider),
  ];
}

async function findAndCode(scope: StudyScope, provider: SearchHitsProvider, view: vscode.TreeView<SearchHitNode>, queryArg: unknown): Promise<FoundSummary | undefined> {
  const study = scope.current();
  if (study === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to search its transcripts.'));
    return undefined;
  }
  await study.ready;
  const query = queryOf(queryArg) ?? (await askQuery(study));
  if (query === undefined) return undefined;
  const description = [
    query.mode === 'regex' ? `/${query.pattern}/` : JSON.stringify(query.pattern),
    query.speaker,
    query.agency,
    query.folder === undefined ? undefined : `${query.folder}/`,
    ...Object.entries(query.attributes ?? {}).map(([key, value]) => `${key}: ${value}`),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
  // The first hits are listed while the rest of the study is still searched.
  const showSoFar = (found: SearchResult[], searched: number, total: number): void => {
    const soFar = found.filter((result): result is TranscriptHits => result.kind === 'hits');
    if (soFar.length === 0) return;
    provider.update({ description, folder: study.folder.uri, results: soFar, notSearched: [] });
    view.message = vscode.l10n.t('Searching… {0} of {1} transcripts, {2} hit(s) so far.', searched, total, provider.hitCount());
  };
  let results: SearchResult[];
  try {
    // A bad pattern is refused before the last search's hits are cleared.
    searchStudy([], query);
    provider.show({ description, folder: study.folder.uri, results: [], notSearched: [] });
    results = await searchInSlices(study, query, showSoFar);
  } catch (error) {
    if (!(error instanceof SearchQueryError)) throw error;
    view.message = undefined;
    void vscode.window.showErrorMessage(error.message);
    return undefined;
  }
  const tooSlow = results.find((result) => result.kind === 'too-slow');
  if (tooSlow !== undefined) {
    provider.show({ description, folder: study.folder.uri, results: [], notSearched: [] });
    view.message = tooSlow.message;
    void vscode.window.showErrorMessage(tooSlow.message);
    return undefined;
  }
  const hits = results.filter((result): result is TranscriptHits => result.kind === 'hits');
  const notSearched = results.filter((result): result is Extract<SearchResult, { kind: 'not-searched' }> => result.kind === 'not-searched');
  provider.update({ description, folder: study.folder.uri, results: hits, notSearched });
  const hitCount = provider.hitCount();
  view.description = description;
  view.message =
    hitCount === 0
      ? vscode.l10n.t('No hits for {0}.', description)
      : vscode.l10n.t('{0} hit(s) in {1} transcript(s) for {2}.', hitCount, hits.length, description) +
        (notSearched.length > 0 ? ` ${vscode.l10n.t('Not searched: {0}.', notSearched.map((result) => `${result.transcriptPath} (${result.reason})`).join('; '))}` : '');
  await vscode.commands.executeCommand('setContext', HAS_HITS_CONTEXT, hitCount > 0);
  await vscode.commands.executeCommand(`${SEARCH_HITS_VIEW}.focus`);
  const found = Object.fromEntries(hits.map((result) => [result.transcriptPath, result.hits.map((hit) => hit.line)]));
  return { transcripts: hits.length, hits: hitCount, found, notSearched: notSearched.map((result) => `${result.transcriptPath}: ${result.reason}`) };
}

/** The study searched transcript by transcript, yielding to the editor between slices and telling what was found so far. */
async function searchInSlices(study: StudyIndex, query: SearchQuery, onSlice: (found: SearchResult[], searched: number, total: number) => void): Promise<SearchResult[]> {
  const records = study.allRecords().sort((a, b) => (a.transcriptPath < b.transcriptPath ? -1 : a.transcriptPath > b.transcriptPath ? 1 : 0));
  // Throws SearchQueryError on a bad pattern before anything is searched.
  searchStudy([], query);
  const results: SearchResult[] = [];
  for (let start = 0; start < records.length; start += TRANSCRIPTS_PER_SLICE) {
    for (const result of searchStudy(records.slice(start, start + TRANSCRIPTS_PER_SLICE), query)) {
      results.push(result);
      if (result.kind === 'too-slow') return results;
    }
    onSlice(results, Math.min(records.length, start + TRANSCRIPTS_PER_SLICE), records.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return results;
}

/** `{ pattern, mode?, speaker?, agency?, folder?, attributes? }` from a test or a keybinding. */
function queryOf(value: unknown): SearchQuery | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { pattern, mode, speaker, agency, folder, attributes } = value as Record<string, unknown>;
  if (typeof pattern !== 'string') return undefined;
  const query: SearchQuery = { pattern, mode: mode === 'regex' || mode === 'whole-word' ? mode : 'words' };
  if (typeof speaker === 'string' && speaker.trim() !== '') query.speaker = speaker;
  if (typeof agency === 'string' && agency.trim() !== '') query.agency = agency;
  if (typeof folder === 'string' && folder.trim() !== '') query.folder = folder;
  if (typeof attributes === 'object' && attributes !== null) {
    query.attributes = Object.fromEntries(Object.entries(attributes).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  return query;
}

/** Reads `/…/` as a regular expression and `"…"` as whole words; anything else is plain words. */
function parsePattern(typed: string): Pick<SearchQuery, 'pattern' | 'mode'> {
  const text = typed.trim();
  if (text.length > 2 && text.startsWith('/') && text.endsWith('/')) return { pattern: text.slice(1, -1), mode: 'regex' };
  if (text.length > 2 && text.startsWith('"') && text.endsWith('"')) return { pattern: text.slice(1, -1), mode: 'whole-word' };
  return { pattern: text, mode: 'words' };
}

async function askQuery(study: StudyIndex): Promise<SearchQuery | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Find and Code: search the transcripts'),
    prompt: vscode.l10n.t('Plain words (case and accents ignored); "in quotes" for whole words only; /between slashes/ for a regular expression.'),
    placeHolder: vscode.l10n.t('e.g. koordinasi, "data", /anggaran|dana/'),
    validateInput: (value) => {
      const parsed = parsePattern(value);
      if (parsed.pattern.trim() === '') return undefined;
      try {
        searchStudy([], parsed);
        return undefined;
      } catch (error) {
        return error instanceof SearchQueryError ? error.message : undefined;
      }
    },
  });
  if (typed === undefined) return undefined;
  const parsed = parsePattern(typed);
  // "Every speaker" first, so Enter searches every turn.
  const picked = await vscode.window.showQuickPick(
    [{ label: `$(people) ${vscode.l10n.t('Every speaker')}`, speaker: '' }, ...speakersOf(study).map((name) => ({ label: `$(person) ${name}`, speaker: name }))],
    { title: vscode.l10n.t('Only the turns of one speaker?'), placeHolder: vscode.l10n.t('Press Enter for every speaker, or pick one speaker label') },
  );
  if (picked === undefined) return undefined;
  const query: SearchQuery = picked.speaker === '' ? parsed : { ...parsed, speaker: picked.speaker };
  const where = await pickWhere(study);
  return where === undefined ? undefined : { ...query, ...where };
}

type Where = Pick<SearchQuery, 'agency' | 'folder' | 'attributes'>;

/** Which transcripts to search: every one (Enter), one agency's, one folder's, or those with one attribute value. */
async function pickWhere(study: StudyIndex): Promise<Where | undefined> {
  const records = study.allRecords();
  const items: Array<vscode.QuickPickItem & { where?: Where }> = [{ label: `$(files) ${vscode.l10n.t('Every transcript of the study')}`, where: {} }];
  const section = (label: string, entries: Array<vscode.QuickPickItem & { where: Where }>): void => {
    if (entries.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator }, ...entries);
  };
  const agencies = [...new Set(records.flatMap((record) => (record.agency === undefined ? [] : [record.agency])))].sort((a, b) => a.localeCompare(b));
  section(vscode.l10n.t('Agency'), agencies.map((agency) => ({ label: `$(organization) ${agency}`, where: { agency } })));
  const folders = [...new Set(records.map((record) => record.transcriptPath.split('/').slice(0, -1).join('/')).filter((folder) => folder !== ''))].sort();
  section(vscode.l10n.t('Folder'), folders.map((folder) => ({ label: `$(folder) ${folder}`, where: { folder } })));
  for (const [key, values] of caseAttributesOf(records)) {
    if (key === 'agency' || values.length > 25) continue;
    section(vscode.l10n.t('Attribute: {0}', key), values.map((value) => ({ label: `$(tag) ${value}`, description: key, where: { attributes: { [key]: value } } })));
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Search which transcripts?'),
    placeHolder: vscode.l10n.t('Press Enter for every transcript, or pick an agency, a folder or an attribute value'),
    matchOnDescription: true,
  });
  return picked?.where;
}

/** The chosen hit rows as the hits of their transcripts: the row right-clicked, and every row selected with it. */
function chosenHits(node: unknown, nodes: unknown): TranscriptHits[] {
  const rows = (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]).filter(
    (row): row is Extract<SearchHitNode, { kind: 'hit' }> => typeof row === 'object' && row !== null && (row as SearchHitNode).kind === 'hit',
  );
  const byTranscript = new Map<TranscriptHits, Set<number>>();
  for (const row of rows) {
    let lines = byTranscript.get(row.result);
    if (lines === undefined) byTranscript.set(row.result, (lines = new Set()));
    lines.add(row.line);
  }
  return [...byTranscript].map(([result, lines]) => ({ ...result, hits: result.hits.filter((hit) => lines.has(hit.line)) }));
}

/** Every turn of one speaker in the study, listed in Search Hits and coded in one step. */
async function codeSpeakerTurns(
  context: CodingContext,
  scope: StudyScope,
  provider: SearchHitsProvider,
  view: vscode.TreeView<SearchHitNode>,
  speakerArg: unknown,
  preset: unknown,
): Promise<CodedSummary | undefined> {
  const study = scope.current();
  if (study === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to search its transcripts.'));
    return undefined;
  }
  await study.ready;
  const speaker = typeof speakerArg === 'string' && speakerArg.trim() !== '' ? speakerArg : (speakerAtCursor(study) ?? (await pickSpeaker(study)));
  if (speaker === undefined) return undefined;
  const found = await findAndCode(scope, provider, view, { pattern: '', speaker });
  if (found === undefined || found.hits === 0) return undefined;
  return codeSearchHits(context, scope, provider, undefined, preset);
}

/** The speaker of the line under the cursor, when the active editor shows a transcript of the study. */
function speakerAtCursor(study: StudyIndex): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return undefined;
  const record = study.allRecords().find((candidate) => vscode.Uri.joinPath(study.folder.uri, candidate.transcriptPath).toString() === editor.document.uri.toString());
  return record?.transcript?.transcript.lines[editor.selection.active.line]?.speaker?.name;
}

async function pickSpeaker(study: StudyIndex): Promise<string | undefined> {
  const speakers = speakersOf(study);
  if (speakers.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No transcript of this study has speaker labels ("Name: what is said").'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    speakers.map((name) => ({ label: `$(person) ${name}`, speaker: name })),
    { title: vscode.l10n.t('Code every turn of which speaker?') },
  );
  return picked?.speaker;
}

function speakersOf(study: StudyIndex): string[] {
  const names = new Set<string>();
  for (const record of study.allRecords()) {
    for (const line of record.transcript?.transcript.lines ?? []) if (line.speaker !== undefined) names.add(line.speaker.name);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}


async function codeSearchHits(context: CodingContext, scope: StudyScope, provider: SearchHitsProvider, nodeArg: unknown, presetArg: unknown): Promise<CodedSummary | undefined> {
  // Restricted mode: refused before any picker, with the message coding gives there.
  if (!studyStore.mayWrite()) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This workspace is not trusted, so Transcript Coder only shows codes here and writes no sidecar. Trust the workspace to code.'),
    );
    return undefined;
  }
  const search = provider.current();
  const study = search === undefined ? undefined : scope.studies.forUri(search.folder);
  const node = nodeArg as SearchHitNode | TranscriptHits[] | undefined;
  const targets = Array.isArray(node) ? node : typeof node === 'object' && node !== null && node.kind === 'transcript' ? [node.result] : (search?.results ?? []);
  if (search === undefined || study === undefined || targets.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No search hits to code: run "Find and Code…" first.'));
    return undefined;
  }
  if (study.codebook === undefined) await study.codebookRead;
  const codebook = study.codebook;
  if (codebook === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There is no usable codebook for this transcript. Create codebook.yaml at the study root (transcript-coder init), or fix the problems shown for it.'));
    return undefined;
  }
  const preset = presetOf(presetArg);
  const language = context.language();
  const code = preset.code ?? (await pickCode(codebook, language, context.recentCodes(), vscode.l10n.t('Code the search hits')));
  if (code === undefined) return undefined;
  provider.markCoded(code, (result) => codedLinesOf(context, study, result, code));
  const polarity = preset.polarity ?? (await pickPolarity(codebook, language));
  if (polarity === undefined) return undefined;
  const factor = preset.factor ?? (await pickFactor(study.factorsFor(code)));
  if (factor === undefined) return undefined;
  const coder = await context.coder();
  if (coder === undefined) return undefined;

  const summary: CodedSummary = { added: 0, alreadyCoded: 0, notCoded: [] };
  const outcomes: HitsCoding[] = [];
  for (const result of targets) {
    const outcome = await codeTranscriptHits(context, study, result, { code, polarity, factor, coder });
    outcomes.push(outcome);
    summary.added += outcome.added;
    summary.alreadyCoded += outcome.alreadyCoded;
    if (outcome.refused !== undefined) summary.notCoded.push(outcome.refused);
  }
  await study.reloadSidecars(outcomes.filter((outcome) => outcome.writtenOnDisk).map((outcome) => outcome.sidecarPath));
  await context.remember({ code, polarity, factor });
  provider.markCoded(code, (result) => codedLinesOf(context, study, result, code));

  const told = vscode.l10n.t('{0} code(s) of {1} added; {2} hit line(s) were already coded with it.', summary.added, code, summary.alreadyCoded);
  if (summary.notCoded.length > 0) void vscode.window.showWarningMessage(`${told} ${vscode.l10n.t('Not coded: {0}', summary.notCoded.join('; '))}`);
  else void vscode.window.showInformationMessage(told);
  return summary;
}
