/**
 * The disagreement review's commands and view (issue 16, item 2): start a review of the
 * active transcript (coders A and B, and the consensus coder), walk its disagreements
 * (next, previous, or a click in the view), settle each — keep A, keep B, keep both,
 * neither, or recode with the coding pickers — and copy what both agree on.
 */
import * as vscode from 'vscode';
import type { ReviewCoders, SettleChoice } from '../../core/agreement';
import type { CodingContext } from '../coding-context';
import { pickCode, pickFactor, pickPolarity, presetOf } from '../pickers';
import { readSettings } from '../settings';
import { ReviewController, type ReviewSnapshot } from './review-controller';
import { ReviewTreeProvider } from './review-tree';

const VIEW_ID = 'transcriptCoder.review';

export function registerDisagreementReview(context: CodingContext, redraw: () => void): vscode.Disposable[] {
  const review = new ReviewController(context, redraw);
  const tree = new ReviewTreeProvider(review);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree });
  const update = () => {
    tree.refresh();
    view.description = review.active ? review.progress() : undefined;
    view.message = !review.active
      ? vscode.l10n.t('Open a transcript coded by two coders and run "Review Disagreements…".')
      : review.codersWithoutCodes.length > 0
        ? vscode.l10n.t('Nothing to compare: {0} has no codes in this transcript.', review.codersWithoutCodes.join(', '))
        : review.items.length === 0
          ? vscode.l10n.t('The two coders agree on every line of this transcript.')
          : undefined;
  };
  const reveal = async (): Promise<ReviewSnapshot | undefined> => {
    const item = review.current;
    const document = review.document;
    if (item !== undefined && document !== undefined) {
      const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
      const range = new vscode.Range(item.lines[0] - 1, 0, item.lines[1] - 1, document.lineAt(Math.min(item.lines[1], document.lineCount) - 1).text.length);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      // Selecting the row only follows the editor: while the view is being redrawn VS Code
      // cannot find the row ("Cannot resolve tree item"), and the settle or move is done all
      // the same, so that is no failure of the command (the row's icon marks it current).
      if (view.visible) await view.reveal(item, { select: true, focus: false }).then(undefined, () => undefined);
    }
    return review.snapshot();
  };
  /** The item a settling command acts on, or undefined (and the user told) when there is none to act on. */
  const target = (args: readonly unknown[]): string | undefined => {
    if (!review.active) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No disagreement review is under way.'));
      return undefined;
    }
    const key = itemKeyOf(args, review.current?.key);
    if (key === LOST_ROW) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The review was being redrawn when you clicked, so nothing was settled. Click the disagreement again.'));
      return undefined;
    }
    return key;
  };
  const settle = async (choice: SettleChoice, key: string | undefined): Promise<ReviewSnapshot | undefined> => {
    if (key === undefined) return review.snapshot();
    const done = await review.settle(choice, key);
    return done ? reveal() : review.snapshot();
  };
  const register = (id: string, run: (...args: unknown[]) => Promise<unknown>) => vscode.commands.registerCommand(id, run);
  return [
    review,
    tree,
    view,
    review.onDidChange(update),
    register('transcriptCoder.review.start', async (coders) => {
      const started = await start(context, review, coders);
      update();
      return started ? reveal() : undefined;
    }),
    register('transcriptCoder.review.next', async () => (review.move(1) === undefined ? review.snapshot() : reveal())),
    register('transcriptCoder.review.previous', async () => (review.move(-1) === undefined ? review.snapshot() : reveal())),
    register('transcriptCoder.review.goTo', async (key) => (typeof key === 'string' && review.select(key) !== undefined ? reveal() : review.snapshot())),
    register('transcriptCoder.review.keepA', (...args) => settle({ kind: 'keep-a' }, target(args))),
    register('transcriptCoder.review.keepB', (...args) => settle({ kind: 'keep-b' }, target(args))),
    register('transcriptCoder.review.keepBoth', (...args) => settle({ kind: 'keep-both' }, target(args))),
    register('transcriptCoder.review.neither', (...args) => settle({ kind: 'neither' }, target(args))),
    register('transcriptCoder.review.recode', async (...args) => {
      // The row is known before the pickers: a lost one is said at once, not after three picks.
      const key = target(args);
      if (key === undefined) return review.snapshot();
      const choice = await recodeChoice(context, review.document, args[1]);
      return choice === undefined ? undefined : settle(choice, key);
    }),
    register('transcriptCoder.review.copyAgreed', async () => {
      const copied = await review.copyAgreed();
      if (copied !== undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} codes both coders agree on to {1}.', copied, review.reviewCoders?.consensus ?? ''));
      }
      return copied;
    }),
    register('transcriptCoder.review.stop', async () => {
      review.stop();
      update();
      return undefined;
    }),
  ];
}

/** A row the user clicked whose item VS Code could not hand over. */
const LOST_ROW = Symbol('lost row');

/**
 * Which disagreement a command settles: the row of the view it came from (its inline or
 * context menu passes the item), a key (scripts, tests), or the current one when the
 * command came without arguments (palette, keybinding). A menu whose row was redrawn while
 * the user clicked passes undefined — VS Code no longer knows the row's item — and that
 * must not settle the current disagreement in its place (a slow file system redraws the
 * view often).
 */
function itemKeyOf(args: readonly unknown[], current: string | undefined): string | undefined | typeof LOST_ROW {
  if (args.length === 0) return current;
  const [value] = args;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string') return (value as { key: string }).key;
  return value === undefined ? LOST_ROW : current;
}

async function start(context: CodingContext, review: ReviewController, codersArg: unknown): Promise<boolean> {
  const editor = context.activeEditor();
  if (editor === undefined) return false;
  const coded = await context.documents.ensure(editor.document);
  if (coded === undefined) return false;
  const coders = await pickCoders(context, coded.session.codes().map((code) => code.entry.coder), codersArg);
  if (coders === undefined) return false;
  try {
    await review.start(coded, coders);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return false;
  }
  if (readSettings().blindCoding) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Blind mode is on: the review shows every coder\'s codes in the editor until it ends.'));
  }
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  return true;
}

/** Coders A and B from those who coded the transcript, and the consensus coder: "consensus" unless typed otherwise. */
async function pickCoders(context: CodingContext, codersInFile: readonly string[], given: unknown): Promise<ReviewCoders | undefined> {
  if (typeof given === 'object' && given !== null) {
    const { a, b, consensus } = given as Record<string, unknown>;
    if (typeof a === 'string' && typeof b === 'string') return { a, b, consensus: typeof consensus === 'string' ? consensus : 'consensus' };
  }
  const known = [...new Set(codersInFile.filter((coder) => coder !== ''))].sort();
  if (known.length < 2) {
    void vscode.window.showWarningMessage(vscode.l10n.t('A review needs a transcript coded by two coders; this one has codes by {0}.', known.join(', ') || '—'));
    return undefined;
  }
  const a = await vscode.window.showQuickPick(known, { title: vscode.l10n.t('Review disagreements: coder A') });
  if (a === undefined) return undefined;
  const b = await vscode.window.showQuickPick(
    known.filter((coder) => coder !== a),
    { title: vscode.l10n.t('Review disagreements: coder B') },
  );
  if (b === undefined) return undefined;
  const me = await context.knownCoder();
  const consensus = await vscode.window.showInputBox({
    title: vscode.l10n.t('Review disagreements: the consensus coder'),
    prompt: vscode.l10n.t('The settled codes are written as codes of this coder'),
    value: me !== undefined && me !== a && me !== b ? me : 'consensus',
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A coder name is needed') : value.trim() === a || value.trim() === b ? vscode.l10n.t('Name a coder other than the two compared') : undefined),
  });
  return consensus === undefined ? undefined : { a, b, consensus: consensus.trim() };
}

/** The code, polarity and factor of a recode, from the normal coding pickers (or a preset, as codeSelection takes). */
async function recodeChoice(context: CodingContext, document: vscode.TextDocument | undefined, presetArg: unknown): Promise<SettleChoice | undefined> {
  const preset = presetOf(presetArg);
  const study = document === undefined ? undefined : context.studies.forDocument(document);
  const codebook = study?.codebook;
  const language = context.language();
  const code = preset.code ?? (codebook === undefined ? undefined : await pickCode(codebook, language, context.recentCodes(), vscode.l10n.t('Recode the disagreement')));
  if (code === undefined) return undefined;
  const polarity = preset.polarity ?? (await pickPolarity(codebook, language));
  if (polarity === undefined) return undefined;
  const factor = preset.factor ?? (await pickFactor(study?.factorsFor(code) ?? []));
  if (factor === undefined) return undefined;
  return { kind: 'recode', code, polarity, factor };
}
