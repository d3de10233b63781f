/**
 * Bringing work in (issue 5): a transcript from Word, Zoom, Teams, Whisper or any text
 * encoding, with its attributes asked for; or a whole REFI-QDA project from NVivo,
 * ATLAS.ti, MAXQDA or QualCoder. The core converts; the writer (the Node one on the local
 * disk, `workspace.fs` elsewhere and in a browser: desktop/import-files.ts) stages the
 * files and never overwrites one that exists, so a refused or failed import leaves
 * nothing behind.
 */
import * as vscode from 'vscode';
import { importedRecordingLink, MEDIA_ATTRIBUTE } from '../../core/media';
import { formatProblem, TargetNotFreeError } from '../../core/problems';
import type { CodingContext } from '../coding-context';
import { importFiles } from '../desktop/import-files';
import { interop } from '../lazy';
import { assertMayWriteInWorkspace } from '../file-io';
import { askAttributes } from './attributes';

export function registerInteropCommands(context: CodingContext, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('transcriptCoder.importTranscript', (file?: unknown, folder?: unknown, attributes?: unknown) =>
      importTranscriptFile(context, output, file, folder, attributes),
    ),
    vscode.commands.registerCommand('transcriptCoder.importProject', (file?: unknown, folder?: unknown) => importProject(output, file, folder)),
  ];
}

function refusal(error: unknown, bundle: Awaited<ReturnType<typeof interop>>): string | undefined {
  // The error classes of the bundle that threw them: dist/interop.js has its own copy of
  // the core; the writers (desktop/import-files.ts) are in this one.
  const { ImportRefusedError, TranscriptImportError } = bundle;
  if (error instanceof ImportRefusedError || error instanceof TranscriptImportError || error instanceof TargetNotFreeError) return error.message;
  return undefined;
}

/** Arguments (file, folder, attributes) let scripts and tests skip the dialogs. Returns the new transcript. */
async function importTranscriptFile(context: CodingContext, output: vscode.OutputChannel, fileArg: unknown, folderArg: unknown, attributesArg: unknown): Promise<vscode.Uri | undefined> {
  if (!mayImport()) return undefined;
  const bundle = await interop();
  const { importTranscript, TRANSCRIPT_IMPORT_EXTENSIONS } = bundle;
  const source = fileArg instanceof vscode.Uri ? fileArg : (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import a transcript'),
    canSelectMany: false,
    filters: { [vscode.l10n.t('Transcripts')]: TRANSCRIPT_IMPORT_EXTENSIONS.map((extension) => extension.replace(/^\./u, '')) },
  }))?.[0];
  if (source === undefined) return undefined;
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const folder = folderArg instanceof vscode.Uri ? folderArg : (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Folder to put the transcript in'),
    canSelectFiles: false,
    canSelectFolders: true,
    ...(workspace === undefined ? {} : { defaultUri: workspace }),
  }))?.[0];
  if (folder === undefined) return undefined;
  const given = typeof attributesArg === 'object' && attributesArg !== null ? (attributesArg as Record<string, string>) : undefined;
  const attributes = given ?? (await askAttributes({}, context.studies.forUri(folder)?.agencies() ?? []));
  if (attributes === undefined) return undefined;
  const cleaned = Object.fromEntries(Object.entries(attributes).filter(([, value]) => typeof value === 'string' && value.trim() !== ''));
  try {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    const linked = await withRecordingLink(source, folder, cleaned);
    const transcript = importTranscript(name, await vscode.workspace.fs.readFile(source), linked);
    for (const notice of transcript.notices) output.appendLine(notice);
    const link = linked[MEDIA_ATTRIBUTE];
    if (link !== cleaned[MEDIA_ATTRIBUTE] && link !== undefined) output.appendLine(vscode.l10n.t('Linked the recording {0} (media: in the sidecar).', link));
    await importFiles.addFilesWithoutOverwriting(folder, [
      { path: transcript.transcriptName, content: transcript.text },
      { path: transcript.sidecarName, content: transcript.sidecarText },
    ]);
    const created = vscode.Uri.joinPath(folder, transcript.transcriptName);
    await vscode.window.showTextDocument(created, { preview: false });
    if (transcript.notices.length > 0) output.show(true);
    return created;
  } catch (error) {
    const message = refusal(error, bundle);
    if (message === undefined) throw error;
    void vscode.window.showErrorMessage(vscode.l10n.t('Import refused: {0}. Nothing was written.', message));
    return undefined;
  }
}

/** Captions beside a recording of the same name (kaban.vtt, kaban.m4a): the sidecar links it (issue 17). */
async function withRecordingLink(source: vscode.Uri, folder: vscode.Uri, attributes: Record<string, string>): Promise<Record<string, string>> {
  if (attributes[MEDIA_ATTRIBUTE] !== undefined) return attributes;
  const sourceFolder = vscode.Uri.joinPath(source, '..');
  const siblings = await Promise.resolve(vscode.workspace.fs.readDirectory(sourceFolder)).catch(() => []);
  const names = siblings.filter(([, type]) => (type & vscode.FileType.File) !== 0).map(([name]) => name);
  const link = importedRecordingLink(source.path.slice(source.path.lastIndexOf('/') + 1), names, sourceFolder.path, folder.path);
  return link === undefined ? attributes : { ...attributes, [MEDIA_ATTRIBUTE]: link };
}

/**
 * A REFI-QDA project (.qdpx, or a bare .qde beside its sources) or codebook (.qdc), as
 * the CLI's `import` takes them, becomes a new study in a new or empty folder. Returns
 * that folder.
 */
async function importProject(output: vscode.OutputChannel, fileArg: unknown, folderArg: unknown): Promise<vscode.Uri | undefined> {
  if (!mayImport()) return undefined;
  const source = fileArg instanceof vscode.Uri ? fileArg : (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import a REFI-QDA project'),
    canSelectMany: false,
    filters: { 'REFI-QDA': ['qdpx', 'qde', 'qdc'] },
  }))?.[0];
  if (source === undefined) return undefined;
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = folderArg instanceof vscode.Uri ? folderArg : (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('A new or empty folder for the imported study'),
    canSelectFiles: false,
    canSelectFolders: true,
    // Beside the study open now, on its file system (in a browser, the repository's).
    ...(workspace === undefined ? {} : { defaultUri: workspace }),
  }))?.[0];
  if (target === undefined) return undefined;
  const bundle = await interop();
  const { importQdc, importQde, importQdpx, describeSummary } = bundle;
  try {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    const bytes = await vscode.workspace.fs.readFile(source);
    const kind = /\.(qde|qdc)$/iu.exec(name)?.[1]?.toLowerCase();
    const importWith = (beside?: Parameters<typeof importQde>[2]) =>
      kind === 'qdc' ? importQdc(bytes, name) : kind === 'qde' ? importQde(bytes, name, beside) : importQdpx(bytes, name, {}, beside);
    // Sources named outside the archive are read beside the project file, never outside
    // its folder (as the CLI does). The importer reads them synchronously, and
    // `workspace.fs` cannot: a first pass learns which it wants, the second has them.
    const wanted: Array<{ path: string; absolute: boolean }> = [];
    const firstPass = importWith((path, absolute) => void wanted.push({ path, absolute }));
    const result = wanted.length === 0 ? firstPass : importWith(await importFiles.besideReader(vscode.Uri.joinPath(source, '..'), wanted));
    for (const notice of result.notices) output.appendLine(formatProblem(notice));
    for (const reading of result.positionReadings) output.appendLine(`${reading.source}: ${reading.unit === 'utf16' ? 'UTF-16' : 'code points'} (${reading.why})`);
    output.appendLine(describeSummary(result.summary));
    await importFiles.writeNewFolder(target, result.files);
    if (result.lostCodings > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} of {1} codings were not imported; what could be imported was written (see the output).', result.lostCodings, result.summary.tallies.codings.found),
      );
    }
    const open = vscode.l10n.t('Open the study');
    if (result.notices.length > 0) output.show(true);
    // Not awaited: the import is done whether or not the user answers the offer.
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Imported {0} transcripts with {1} codes ({2} selections widened to whole lines; see the output).', result.transcripts, result.codes, result.widened),
        open,
      )
      .then((answer) => (answer === open ? vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true }) : undefined));
    return target;
  } catch (error) {
    const message = refusal(error, bundle);
    if (message === undefined) throw error;
    void vscode.window.showErrorMessage(vscode.l10n.t('Import refused: {0}. Nothing was written.', message));
    return undefined;
  }
}

/** Restricted mode writes nothing, imports included: refused before any dialog, with the reason. */
function mayImport(): boolean {
  try {
    assertMayWriteInWorkspace();
    return true;
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('This workspace is not trusted: Transcript Coder does not write to it.'));
    return false;
  }
}
