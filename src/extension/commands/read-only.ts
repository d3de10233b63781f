/**
 * A transcript whose sidecar cannot be written (it does not parse, holds git conflict
 * markers, or has an unknown version) is refused before any picker opens.
 *
 * The refusal is a modal dialog, not a toast: the user who pressed the coding key is
 * about to type into the picker they expect, and a toast leaves the focus in the
 * transcript, where those keystrokes would land (and auto-save would write them). The
 * dialog takes the keyboard until it is closed, and names the file and line (the
 * Problems panel links to it).
 */
import * as vscode from 'vscode';
import type { CodedDocument } from '../coded-documents';
import type { CodingContext } from '../coding-context';

/** True when coding into `document` was refused (the user was told why). */
export async function refuseReadOnly(context: CodingContext, document: vscode.TextDocument): Promise<boolean> {
  // Known broken already: refuse at once, before anything is awaited.
  const known = context.documents.get(document);
  if (known !== undefined && known.session.readOnly) return refuse(known);
  const coded = known ?? (await context.documents.ensure(document));
  if (coded === undefined) return false;
  // The file watcher may not have told us yet that the sidecar changed on disk (a pull, a merge).
  await context.documents.syncWithDisk(coded);
  return coded.session.readOnly ? refuse(coded) : false;
}

/**
 * Shows the refusal and returns at once: the command ends while the dialog is open. The
 * dialog has no button but its close: an Enter meant for the picker must not act.
 */
function refuse(coded: CodedDocument): true {
  const first = coded.session.brokenProblems[0];
  const line = first?.line ?? 1;
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Cannot code this transcript: its sidecar {0} cannot be read at line {1}.', coded.relativeSidecarPath, line),
    { modal: true, ...(first === undefined ? {} : { detail: first.message }) },
  );
  return true;
}
