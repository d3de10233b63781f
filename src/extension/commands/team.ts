/**
 * Team coding from the editor (issue 8): the agreement report with clickable
 * disagreements, blind mode for independent double coding, the git merge driver, and
 * resolving what a merge left in a sidecar. The figures and merge rules are the core's,
 * the same the CLI uses.
 */
import * as vscode from 'vscode';
import { afterActivation } from '../after-activation';
import type { CodingContext } from '../coding-context';
import { readText, sidecarUriFor, updateSetting, writeText } from '../file-io';
import { team } from '../lazy';
import { readSettings, SECTION } from '../settings';
import type { StudyIndex } from '../study-index';
import { studyStore } from '../workspace-files';
import { hostRunsPrograms } from '../desktop/host';
import { mergeDriver } from '../desktop/merge-driver';

export function registerTeamCommands(context: CodingContext): vscode.Disposable[] {
  // In the web worker, performance marks put 1–39 ms (median 10) on this function, whose
  // only call that is not a registration is this one: it runs after activation, like the
  // other context keys.
  void afterActivation().then(() => vscode.commands.executeCommand('setContext', 'transcriptCoder.runsPrograms', hostRunsPrograms));
  return [
    vscode.commands.registerCommand('transcriptCoder.showAgreement', (coders?: unknown) => showAgreement(context, coders)),
    vscode.commands.registerCommand('transcriptCoder.toggleBlindCoding', async () => {
      if (!studyStore.mayWrite()) {
        void vscode.window.showErrorMessage(vscode.l10n.t('This workspace is not trusted: Transcript Coder does not write to it.'));
        return;
      }
      await updateSetting(SECTION, 'blindCoding', !readSettings().blindCoding, vscode.ConfigurationTarget.Workspace);
    }),
    vscode.commands.registerCommand('transcriptCoder.markCodingDone', () => markCodingDone(context)),
    vscode.commands.registerCommand('transcriptCoder.setUpMergeDriver', () => setUpDriver(context)),
    vscode.commands.registerCommand('transcriptCoder.resolveConflicts', (uri?: unknown, side?: unknown) => resolveConflicts(context, uri, side)),
  ];
}

function studyOf(context: CodingContext): StudyIndex | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active === undefined ? undefined : context.studies.forUri(active)) ?? context.studies.all()[0];
}

/** Opens the report as Markdown in a preview; returns its text (tests read it). */
async function showAgreement(context: CodingContext, codersArg: unknown): Promise<string | undefined> {
  const study = studyOf(context);
  if (study === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to compute agreement.'));
    return undefined;
  }
  const { agreementInput, codersOf, computeAgreement, formatAgreementMarkdown } = await team();
  const loaded = await study.loadWhole('all');
  let coders = Array.isArray(codersArg) ? codersArg.filter((c): c is string => typeof c === 'string') : undefined;
  if (coders === undefined) {
    const known = codersOf(loaded.records);
    const picked = await vscode.window.showQuickPick(known, {
      canPickMany: true,
      title: vscode.l10n.t('Agreement between which coders?'),
      placeHolder: vscode.l10n.t('Pick two or more coders'),
    });
    coders = picked;
  }
  if (coders === undefined) return undefined;
  if (coders.length < 2) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Agreement needs at least two coders.'));
    return undefined;
  }
  const inputs = loaded.records.map(agreementInput);
  const report = computeAgreement(inputs.filter((input) => typeof input !== 'string'), coders);
  report.notes.push(...inputs.filter((input): input is string => typeof input === 'string'));
  const markdown = formatAgreementMarkdown(report, (file, line) =>
    vscode.Uri.joinPath(study.folder.uri, ...file.split('/')).with({ fragment: `L${line}` }).toString(),
  );
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  return markdown;
}

/**
 * Records in the sidecar's attributes that this coder finished the active transcript, and
 * whether blind mode was on (`done-by-<coder>: blind 2025-03-01`): the agreement report
 * tells from it whether double-coding was blind. Written through the coding session, so
 * it can be undone like any change. Returns the attribute written.
 */
async function markCodingDone(context: CodingContext): Promise<{ key: string; value: string } | undefined> {
  const editor = context.activeEditor();
  if (editor === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to mark it done.'));
    return undefined;
  }
  const coded = await context.documents.ensure(editor.document);
  if (coded === undefined) return undefined;
  const coder = await context.coder();
  if (coder === undefined) return undefined;
  const blind = readSettings().blindCoding;
  const { doneAttributeKey, doneAttributeValue } = await team();
  const key = doneAttributeKey(coder);
  const value = doneAttributeValue(blind, new Date().toISOString().slice(0, 10));
  const done = await context.documents.change(coded, (session) => session.setAttributes({ ...session.attributes, [key]: value }));
  if (!done) return undefined;
  void vscode.window.showInformationMessage(
    blind
      ? vscode.l10n.t('Marked done by {0}, coded blind.', coder)
      : vscode.l10n.t('Marked done by {0}. Blind mode was off, so the agreement report will not count this transcript as blind-coded.', coder),
  );
  return { key, value };
}

async function setUpDriver(context: CodingContext): Promise<string[] | undefined> {
  const folder = studyOf(context)?.folder;
  if (!studyStore.mayWrite()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This workspace is not trusted: Transcript Coder does not write to it.'));
    return undefined;
  }
  if (mergeDriver === undefined) {
    // The command is hidden in a browser (package.json, transcriptCoder.runsPrograms); run from a keybinding, it says why.
    void vscode.window.showWarningMessage(vscode.l10n.t('The merge driver runs git and the command line on your machine: set it up from a desktop VS Code in a clone of the study.'));
    return undefined;
  }
  if (folder === undefined || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('The merge driver can be set up for a study folder on this machine only.'));
    return undefined;
  }
  try {
    const result = await mergeDriver.setUp(folder.uri.fsPath, context.extension.extensionPath);
    void vscode.window.showInformationMessage(
      result.changes.length === 0
        ? vscode.l10n.t('The merge driver for sidecars was already set up in {0}.', result.root)
        : vscode.l10n.t('Set up the merge driver for sidecars in {0}: {1}', result.root, result.changes.join(' ')),
    );
    return result.changes;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not set up the merge driver: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/**
 * Resolves the sidecar of the active transcript (or the active sidecar): git conflict
 * markers are merged by code id; recorded conflicts are decided by a side the user picks.
 * Returns what was left unresolved, as a count.
 */
async function resolveConflicts(context: CodingContext, uriArg: unknown, sideArg: unknown): Promise<number | undefined> {
  const active = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : vscode.window.activeTextEditor?.document.uri;
  if (active === undefined) return undefined;
  const sidecar = active.path.endsWith('.codes.yaml') ? active : sidecarUriFor(active);
  const path = vscode.workspace.asRelativePath(sidecar);
  const text = await readText(sidecar);
  if (text === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist.', path));
    return undefined;
  }
  const { resolveConflictMarkers, takeSide } = await team();
  const markers = resolveConflictMarkers(text, path);
  let next = text;
  if (markers.status === 'malformed') {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} line {1}: {2}', path, markers.line, markers.message));
    return undefined;
  }
  if (markers.status !== 'no-markers') {
    if (markers.status === 'failed') {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be merged: {1}', path, markers.message ?? ''));
      return undefined;
    }
    next = markers.text;
  }
  const remaining = markers.status === 'conflicted' ? markers.conflicts.length : 0;
  if (remaining > 0 || markers.status === 'no-markers') {
    const side = sideArg === 'ours' || sideArg === 'theirs' ? sideArg : await pickSide(remaining);
    if (side !== undefined) {
      const taken = takeSide(next, path, side);
      if (taken.status === 'failed') {
        void vscode.window.showErrorMessage(taken.message);
        return undefined;
      }
      next = taken.text;
    }
  }
  if (next !== text) await writeText(sidecar, next);
  // What is left: the conflicts still recorded once no markers remain (taking "ours" of them lists them).
  const recorded = resolveConflictMarkers(next, path).status === 'no-markers' ? takeSide(next, path, 'ours') : undefined;
  const left = recorded === undefined ? Infinity : recorded.status === 'resolved' ? recorded.resolved.length : 0;
  void vscode.window.showInformationMessage(
    left === 0 ? vscode.l10n.t('{0}: every conflict is resolved.', path) : vscode.l10n.t('{0}: {1} conflicts are left for you to decide.', path, left),
  );
  void context;
  return left;
}

async function pickSide(conflicts: number): Promise<'ours' | 'theirs' | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Keep ours'), description: vscode.l10n.t('the values in the file now'), side: 'ours' as const },
      { label: vscode.l10n.t('Take theirs'), description: vscode.l10n.t('the values recorded from the other branch'), side: 'theirs' as const },
    ],
    { title: conflicts > 0 ? vscode.l10n.t('{0} codes were changed differently on both sides', conflicts) : vscode.l10n.t('Decide recorded conflicts') },
  );
  return picked?.side;
}
