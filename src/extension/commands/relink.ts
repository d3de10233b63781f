/**
 * Relinking in the editor (issue 12, part 3): a sidecar whose transcript is gone — it was
 * renamed or moved outside VS Code (`git mv`, a file manager), or deleted while its codes
 * were kept — is matched by the core's relink matcher to the transcript that holds its
 * quotes, and its problem's quick fix moves it there ("Relink to <file>"). The move is one
 * workspace edit: undoable, refused in restricted mode, never onto an existing sidecar.
 * Its twin on the command line is `transcript-coder relink [dir] [--write]`.
 */
import * as vscode from 'vscode';
import { decodeText } from '../../core/transcript';
import { planStudyRelinks, relinkedSidecarText, type RelinkMatch } from '../../core/follow';
import { parseSidecar } from '../../core/sidecar';
import type { StudyReader } from '../../core/study';
import { exists, readBytes, sidecarFileEdit, sidecarUriFor } from '../file-io';
import type { StudyIndex } from '../study-index';
import type { StudyIndexes } from '../study-indexes';

export function registerRelinkCommands(studies: StudyIndexes): vscode.Disposable[] {
  return [vscode.commands.registerCommand('transcriptCoder.relinkSidecar', (sidecar: unknown, transcriptPath: unknown) => relinkSidecar(studies, sidecar, transcriptPath))];
}

/** A relink the quick fix offers: the transcript, and how many quoted codes are on their text there. */
export interface RelinkOffer {
  transcriptPath: string;
  onText: number;
  quoted: number;
  /** The one match; false when several transcripts fit and the user chooses. */
  preferred: boolean;
}

/** The transcripts this lost sidecar could be relinked to, by the core's matcher over the whole study. */
export async function relinkOffers(study: StudyIndex, sidecarPath: string): Promise<RelinkOffer[]> {
  const record = study.record(sidecarPath);
  if (record === undefined || record.sidecar.status !== 'ok') return [];
  const codebook = study.loadedCodebook ?? { path: '', problems: [] };
  const plans = await planStudyRelinks(wholeFolderReader(study), { codebook, records: [record] });
  const plan = plans.find((candidate) => candidate.sidecarPath === sidecarPath);
  if (plan === undefined || !('match' in plan)) return [];
  return offersOf(plan.match);
}

function offersOf(match: RelinkMatch): RelinkOffer[] {
  if (match.kind === 'match') return [{ transcriptPath: match.transcriptPath, onText: match.onText, quoted: match.quoted, preferred: true }];
  if (match.kind === 'ambiguous') return match.candidates.map((candidate) => ({ transcriptPath: candidate.path, onText: candidate.onText, quoted: match.quoted, preferred: false }));
  return [];
}

/** Every file of the study folder (the index lists only sidecars): the relink looks at transcripts without one. */
function wholeFolderReader(study: StudyIndex): StudyReader {
  return {
    listFiles: async () =>
      (await vscode.workspace.findFiles(new vscode.RelativePattern(study.folder, '**/*'), '**/node_modules/**')).map((uri) => vscode.workspace.asRelativePath(uri, false)),
    readFile: (path) => readBytes(study.uriOf(path)),
  };
}

/** Moves the sidecar to `<transcript>.codes.yaml` with `transcript:` naming it. True when it was moved. */
async function relinkSidecar(studies: StudyIndexes, sidecarArg: unknown, transcriptArg: unknown): Promise<boolean> {
  const sidecar = typeof sidecarArg === 'string' ? vscode.Uri.parse(sidecarArg) : sidecarArg instanceof vscode.Uri ? sidecarArg : undefined;
  const study = sidecar === undefined ? undefined : studies.forUri(sidecar);
  if (sidecar === undefined || study === undefined || typeof transcriptArg !== 'string') return false;
  const sidecarPath = vscode.workspace.asRelativePath(sidecar, false);
  const transcript = study.uriOf(transcriptArg);
  const target = sidecarUriFor(transcript);
  if (!(await exists(transcript))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not there any more: nothing was relinked.', transcriptArg));
    return false;
  }
  if (await exists(target)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} already has its sidecar {1}, which is never overwritten: {2} was not relinked.', transcriptArg, vscode.workspace.asRelativePath(target, false), sidecarPath),
    );
    return false;
  }
  const bytes = await readBytes(sidecar);
  const decoded = bytes === undefined ? undefined : decodeText(bytes);
  const parsed = decoded?.ok === true ? parseSidecar(decoded.text, sidecarPath) : undefined;
  if (parsed?.status !== 'ok') {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read, so it was not relinked: fix its problems first.', sidecarPath));
    return false;
  }
  const edit = sidecarFileEdit([{ kind: 'move', from: sidecar, to: target, text: relinkedSidecarText(parsed, transcriptArg) }]);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  await study.reloadSidecars([sidecarPath, vscode.workspace.asRelativePath(target, false)]);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} now holds the codes of {1}.', vscode.workspace.asRelativePath(target, false), transcriptArg));
  return true;
}
