/**
 * Exports from the extension, through the same registry as `transcript-coder export`
 * (src/core/exports/formats.ts): the findings report as Markdown or Word, the segments as
 * CSV, the codes × agencies matrix as CSV and the study as a REFI-QDA project. A save
 * dialog picks the file; what the export left out, and why, is said in the notification
 * and listed in the output. The reports (not the REFI-QDA project, which carries the whole
 * study to another tool) follow the sidebar's case-attribute filters, and say so.
 */
import * as vscode from 'vscode';
import type { ExportFormat, ExportRequest } from '../../core/exports';
import { compareProblems, formatProblem, type Problem } from '../../core/problems';
import { type AttributeFilters, describeAttributeFilters, hasAttributeFilters, loadMemos, MEMOS_PATH, passesAttributeFilters, type Study } from '../../core/study';
import type { CodingContext } from '../coding-context';
import { writeBytes } from '../file-io';
import { interop } from '../lazy';
import type { StudyIndex } from '../study-index';
import { localDate } from './memos';
import type { StudyScope } from './study-scope';

const EXPORT_COMMANDS: ReadonlyArray<{ command: string; format: string; suffix: string }> = [
  { command: 'transcriptCoder.exportFindingsMarkdown', format: 'md', suffix: 'findings' },
  { command: 'transcriptCoder.exportFindingsWord', format: 'docx', suffix: 'findings' },
  { command: 'transcriptCoder.exportSegmentsCsv', format: 'csv', suffix: 'segments' },
  { command: 'transcriptCoder.exportMatrixCsv', format: 'matrix-csv', suffix: 'codes-by-agency' },
  { command: 'transcriptCoder.exportRefiProject', format: 'qdpx', suffix: 'refi-qda' },
];

type Positions = NonNullable<ExportRequest['positions']>;
const isPositions = (value: unknown): value is Positions => value === 'code-points' || value === 'utf16';

interface ExportOutcome {
  uri?: vscode.Uri;
  problems: Problem[];
  /** How many transcripts a filtered report covers (unset: the whole study). */
  transcripts?: number;
}

/** Formats that report on the study, and so follow the sidebar's attribute filters. */
const REPORT_FORMATS = new Set(['md', 'docx', 'csv', 'matrix-csv']);

export function registerExportCommands(context: CodingContext, scope: StudyScope, output: vscode.OutputChannel, attributeFilters: () => AttributeFilters | undefined): vscode.Disposable[] {
  return EXPORT_COMMANDS.map(({ command, format, suffix }) =>
    vscode.commands.registerCommand(command, (target?: unknown, positions?: unknown) =>
      exportStudy(context, scope, output, { formatId: format, suffix, attributes: REPORT_FORMATS.has(format) ? attributeFilters() : undefined }, target instanceof vscode.Uri ? target : undefined, isPositions(positions) ? positions : undefined),
    ),
  );
}

/** The study as the CLI loads it: every sidecar and transcript, read through workspace.fs. */
function loadFullStudy(study: StudyIndex): Promise<Study> {
  return study.loadWhole('all');
}

async function exportStudy(
  context: CodingContext,
  scope: StudyScope,
  output: vscode.OutputChannel,
  { formatId, suffix, attributes }: { formatId: string; suffix: string; attributes: AttributeFilters | undefined },
  target?: vscode.Uri,
  positions?: Positions,
): Promise<ExportOutcome | undefined> {
  const study = scope.current();
  const bundle = await interop();
  const { exportFormat, renderExport } = bundle;
  const format = exportFormat(formatId);
  if (study === undefined || format === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to export it.'));
    return undefined;
  }
  const name = study.folder.name;
  const uri = target ?? (await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(study.folder.uri, `${name}-${suffix}.${format.extension}`),
    filters: filtersFor(format),
    title: vscode.l10n.t('Export {0}', formatName(format)),
  }));
  if (uri === undefined) return undefined;
  const progress = { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', formatName(format)) };
  const whole = await vscode.window.withProgress(progress, async () => ({ study: await loadFullStudy(study), memos: await loadMemos(study.reader, MEMOS_PATH) }));
  const filtered = hasAttributeFilters(attributes) ? whole.study.records.filter((record) => passesAttributeFilters(record, attributes)) : undefined;
  const loaded = filtered === undefined ? whole : { ...whole, study: { ...whole.study, records: filtered } };
  const scopeNote = filtered === undefined ? '' : ` ${vscode.l10n.t('Only {0} of {1} transcripts, as the sidebar is filtered: {2}.', filtered.length, whole.study.records.length, describeAttributeFilters(attributes))}`;
  const counted = format.id === 'qdpx' ? (positions ?? (await askPositions(bundle.transcriptsOutsideBmp(loaded.study)))) : undefined;
  if (counted === null) return undefined;
  const request = { ...loaded, name, language: context.language(), exportedOn: localDate(new Date()), ...(counted === undefined ? {} : { positions: counted }) };
  const result = await vscode.window.withProgress(progress, () => renderExport(format, request));
  const problems = [...result.problems].sort(compareProblems);
  if (result.bytes === undefined) {
    showProblems(output, problems);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was exported: {0}', problems[0]?.message ?? formatName(format)));
    return { problems };
  }
  await writeBytes(uri, result.bytes);
  // Errors are what the export left out: an unreadable sidecar, or a code not on its text.
  const leftOut = problems.filter((p) => p.severity === 'error');
  const open = vscode.l10n.t('Open');
  const details = vscode.l10n.t('Show Details');
  const message =
    (leftOut.length === 0
      ? vscode.l10n.t('Exported {0}.', vscode.workspace.asRelativePath(uri))
      : vscode.l10n.t('Exported {0}; {1} left out (unreadable sidecars, codes not on their text): {2}', vscode.workspace.asRelativePath(uri), leftOut.length, leftOut.map((p) => `${p.file}: ${p.message}`).join('; '))) + scopeNote;
  if (problems.length > 0) showProblems(output, problems);
  const show = leftOut.length === 0 ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, open, ...(problems.length > 0 ? [details] : [])).then(async (answer) => {
    if (answer === open) await vscode.commands.executeCommand('vscode.open', uri);
    else if (answer === details) output.show(true);
  });
  return { uri, problems, ...(filtered === undefined ? {} : { transcripts: filtered.length }) };
}

/**
 * Where a transcript holds characters outside the BMP, code points (what REFI-QDA says)
 * and UTF-16 units (what NVivo for Windows counts) part: the user picks the receiving
 * tool's count, as `--positions` does on the command line. Undefined: no transcript needs
 * it (the default, code points); null: the user cancelled.
 */
async function askPositions(paths: readonly string[]): Promise<Positions | undefined | null> {
  if (paths.length === 0) return undefined;
  const choices: Array<vscode.QuickPickItem & { positions: Positions }> = [
    {
      label: vscode.l10n.t('Code points (REFI-QDA standard)'),
      detail: vscode.l10n.t('For NVivo for Mac, ATLAS.ti, MAXQDA and QualCoder'),
      positions: 'code-points',
    },
    {
      label: vscode.l10n.t('UTF-16 units'),
      detail: vscode.l10n.t('For NVivo for Windows, which counts an emoji as two characters'),
      positions: 'utf16',
    },
  ];
  const picked = await vscode.window.showQuickPick(choices, {
    title: vscode.l10n.t('How should the REFI-QDA project count text positions?'),
    placeHolder: vscode.l10n.t('{0} transcript(s) hold emoji or other characters outside the BMP, where tools count positions differently: {1}', paths.length, paths.join(', ')),
    ignoreFocusOut: true,
  });
  return picked === undefined ? null : picked.positions;
}

function showProblems(output: vscode.OutputChannel, problems: readonly Problem[]): void {
  output.appendLine(vscode.l10n.t('Export: what was left out, and why'));
  for (const found of problems) output.appendLine(formatProblem(found));
}

function filtersFor(format: ExportFormat): Record<string, string[]> {
  return { [formatName(format)]: [format.extension] };
}

/** The format's name in the UI language. */
function formatName(format: ExportFormat): string {
  switch (format.id) {
    case 'md':
      return vscode.l10n.t('findings report (Markdown)');
    case 'docx':
      return vscode.l10n.t('findings report (Word)');
    case 'csv':
      return vscode.l10n.t('coded segments (CSV)');
    case 'matrix-csv':
      return vscode.l10n.t('codes × agencies (CSV)');
    case 'qdpx':
      return vscode.l10n.t('REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)');
    default:
      return format.description;
  }
}
