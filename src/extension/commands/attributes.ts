/** The case attributes of a transcript: agency, informant, role, date, source type. */
import * as vscode from 'vscode';
import { SOURCE_TYPES } from '../../core/sidecar';
import type { CodingContext } from '../coding-context';
import { pickOrType } from '../pickers';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/u;

export function registerAttributeCommands(context: CodingContext): vscode.Disposable[] {
  return [vscode.commands.registerCommand('transcriptCoder.setAttributes', (given?: unknown) => setAttributes(context, given))];
}

/** `given` (from a script or a test) sets the attributes without asking. */
async function setAttributes(context: CodingContext, given?: unknown): Promise<boolean> {
  const editor = context.activeEditor();
  if (editor === undefined) return false;
  const coded = await context.documents.ensure(editor.document);
  if (coded === undefined) return false;
  const current = coded.session.attributes;
  if (typeof given === 'object' && given !== null) {
    const values = Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return context.documents.change(coded, (session) => session.setAttributes({ ...current, ...values }));
  }
  const agencies = context.studies.forDocument(editor.document)?.agencies() ?? [];
  const next = await askAttributes(current, agencies);
  if (next === undefined) return false;
  return context.documents.change(coded, (session) => session.setAttributes(next));
}

/**
 * Asks agency (suggesting the study's agencies), informant, role, date and source type
 * in turn. Undefined when the user pressed Escape at any step: nothing is changed then.
 */
export async function askAttributes(current: Readonly<Record<string, string>>, agencies: readonly string[]): Promise<Record<string, string> | undefined> {
  const agency = await pickOrType({
    title: vscode.l10n.t('Agency'),
    placeholder: vscode.l10n.t('The agency this informant speaks for (Dinas, Badan, SKPD/OPD)'),
    known: agencies,
    current: current['agency'],
    newDescription: vscode.l10n.t('new'),
    allowEmpty: true,
  });
  if (agency === undefined) return undefined;
  const informant = await ask(vscode.l10n.t('Informant'), vscode.l10n.t('Who is speaking, e.g. Kepala Badan, or an anonymised code'), current['informant']);
  if (informant === undefined) return undefined;
  const role = await ask(vscode.l10n.t('Role'), vscode.l10n.t('The informant\'s position or role'), current['role']);
  if (role === undefined) return undefined;
  const date = await ask(vscode.l10n.t('Date'), vscode.l10n.t('Date of the interview or observation, YYYY-MM-DD'), current['date'], (value) =>
    value === '' || DATE_PATTERN.test(value) ? undefined : vscode.l10n.t('Write the date as YYYY-MM-DD, or leave it empty'),
  );
  if (date === undefined) return undefined;
  const source = await vscode.window.showQuickPick(
    SOURCE_TYPES.map((type) => ({
      label: type,
      description: [sourceTypeDescription(type), type === current['source'] ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · '),
    })),
    { title: vscode.l10n.t('Source type'), placeHolder: vscode.l10n.t('What kind of source is this transcript?') },
  );
  if (source === undefined) return undefined;
  return { ...current, agency, informant, role, date, source: source.label };
}

function ask(title: string, prompt: string, value: string | undefined, validate?: (value: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value: value ?? '', validateInput: (text) => validate?.(text.trim()) }).then((text) => text?.trim());
}


/** The values stay as written in the sidecar; the description says them in the UI language. */
function sourceTypeDescription(type: (typeof SOURCE_TYPES)[number]): string {
  switch (type) {
    case 'interview':
      return vscode.l10n.t('an interview');
    case 'observation':
      return vscode.l10n.t('observation notes');
    case 'document':
      return vscode.l10n.t('a document');
    case 'focus-group':
      return vscode.l10n.t('a focus group discussion');
  }
}
