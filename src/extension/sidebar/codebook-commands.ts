/**
 * The Codebook view's actions: code the current selection with a code, and add,
 * rename, merge, move and delete codes. A change of ids goes to codebook.yaml and every
 * sidecar of the study together, is shown before it is applied, and can be undone.
 *
 * Like the factor commands, each takes an optional second argument to skip prompts:
 * `{ id, label, into, to, template, confirmed: true }`.
 */
import * as vscode from 'vscode';
import { type CodebookEdit, CodebookEditError, codebookYamlFromTemplates, editCodebook, FRAMEWORK_TEMPLATES, isUnder, isValidId, resolveCodePath } from '../../core/codebook';
import { resolveLabel } from '../../core/text';
import type { CodingContext } from '../coding-context';
import { readBytes } from '../file-io';
import type { StudyIndex } from '../study-index';
import type { CodebookNode } from './codebook-tree';
import { reportApplied } from './factor-commands';
import type { AppliedChange, CodeEdit, StudyEditor } from './study-edits';
import type { StudyScope } from './study-scope';

interface CodebookOptions {
  id?: string;
  label?: string;
  into?: string;
  to?: string;
  template?: string;
  confirmed?: boolean;
}

function optionsOf(value: unknown): CodebookOptions {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const options: CodebookOptions = {};
  for (const key of ['id', 'label', 'into', 'to', 'template'] as const) {
    const found = record[key];
    if (typeof found === 'string') options[key] = found;
  }
  if (record['confirmed'] === true) options.confirmed = true;
  return options;
}

function isCodebookNode(value: unknown): value is CodebookNode {
  return typeof value === 'object' && value !== null && typeof (value as CodebookNode).kind === 'string' && typeof (value as CodebookNode).id === 'string';
}

export interface CodebookCommandDeps {
  context: CodingContext;
  scope: StudyScope;
  view: vscode.TreeView<CodebookNode>;
  editor: StudyEditor;
}

export function registerCodebookCommands(deps: CodebookCommandDeps): vscode.Disposable[] {
  const selected = (arg: unknown): CodebookNode | undefined => (isCodebookNode(arg) ? arg : deps.view.selection[0]);
  const pathOf = (node: CodebookNode | undefined): string | undefined => (node === undefined || node.kind === 'unknown-root' ? undefined : node.path);
  return [
    vscode.commands.registerCommand('transcriptCoder.codeSelectionWith', (node?: unknown, preset?: unknown) => {
      const path = pathOf(selected(node));
      if (path === undefined || !path.includes('/')) return undefined;
      // The polarity and factor are asked as usual, unless a keybinding or script passes them.
      const rest = typeof preset === 'object' && preset !== null ? (preset as Record<string, unknown>) : {};
      return vscode.commands.executeCommand('transcriptCoder.codeSelection', { ...rest, code: path });
    }),
    vscode.commands.registerCommand('transcriptCoder.addCode', (node?: unknown, options?: unknown) => addCode(deps, isCodebookNode(node) ? node : deps.view.selection[0], optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.addFramework', (options?: unknown) => addCode(deps, undefined, optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.renameCode', (node?: unknown, options?: unknown) => renameCode(deps, pathOf(selected(node)), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.mergeCode', (node?: unknown, options?: unknown) => mergeCode(deps, pathOf(selected(node)), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.moveCode', (node?: unknown, options?: unknown) => moveCode(deps, pathOf(selected(node)), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.deleteCode', (node?: unknown, options?: unknown) => deleteCode(deps, pathOf(selected(node)), optionsOf(options))),
  ];
}

/** `Coordination between parties` → `coordination-between-parties`. */
function suggestId(label: string): string {
  const id = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40)
    .replace(/-+$/u, '');
  return id === '' ? 'code' : id;
}

async function askLabel(title: string, value = ''): Promise<string | undefined> {
  const label = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The label researchers see, in the UI language'),
    value,
    validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('A label is needed') : undefined),
  });
  return label?.trim();
}

async function askId(title: string, value: string, taken: readonly string[]): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The id sidecars store in code paths: lowercase letters, digits and -'),
    value,
    validateInput: (text) =>
      !isValidId(text) ? vscode.l10n.t('Use lowercase letters, digits and -, starting with a letter or digit') : taken.includes(text) ? vscode.l10n.t('This id is already used here') : undefined,
  });
}

function studyWithCodebook(deps: CodebookCommandDeps): StudyIndex | undefined {
  const study = deps.scope.current();
  if (study?.codebook === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There is no readable codebook to change: fix the problems shown for codebook.yaml first.'));
    return undefined;
  }
  return study;
}

function labelOf(study: StudyIndex, path: string, language: string): string {
  const codebook = study.codebook;
  if (codebook === undefined) return path;
  if (!path.includes('/')) return resolveLabel(codebook.frameworks.find((f) => f.id === path)?.label, language, path);
  const resolved = resolveCodePath(codebook, path);
  if (resolved === undefined) return path;
  return resolveLabel(resolved.indicator?.label ?? resolved.dimension.label, language, path);
}

/** Runs a codebook change: the codebook's new text and the sidecars' code paths, previewed, applied, undoable. */
async function runEdit(deps: CodebookCommandDeps, study: StudyIndex, edit: CodebookEdit, title: string, action: string, options: CodebookOptions, askFirst: boolean): Promise<AppliedChange | undefined> {
  const uri = study.codebookUri();
  const before = await readBytes(uri);
  if (before === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There is no codebook.yaml to change.'));
    return undefined;
  }
  let result: ReturnType<typeof editCodebook>;
  try {
    result = editCodebook(new TextDecoder('utf-8', { ignoreBOM: true }).decode(before), edit);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof CodebookEditError ? error.message : String(error));
    return undefined;
  }
  const codeEdit: CodeEdit = (code) => {
    if (!result.affects(code.code)) return undefined;
    const mapped = result.mapPath(code.code);
    if (mapped === null) return 'remove';
    return mapped === code.code ? undefined : { code: mapped };
  };
  const textChanged = result.text !== new TextDecoder('utf-8', { ignoreBOM: true }).decode(before);
  const plan = deps.editor.plan(study, title, codeEdit, textChanged ? { before, after: result.text } : undefined);
  if (plan.segments === 0 && plan.codebook === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to change.'));
    return undefined;
  }
  if (askFirst && options.confirmed !== true && !(await deps.editor.confirm(plan, action))) return undefined;
  try {
    const applied = await deps.editor.apply(plan);
    reportApplied(deps.editor, applied);
    return applied;
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

async function addCode(deps: CodebookCommandDeps, node: CodebookNode | undefined, options: CodebookOptions): Promise<AppliedChange | undefined> {
  const study = studyWithCodebook(deps);
  const codebook = study?.codebook;
  if (study === undefined || codebook === undefined) return undefined;
  const language = deps.context.language();
  if (node === undefined || node.kind === 'unknown-root' || node.kind === 'unknown') {
    // From the view's title: a framework from the built-in templates.
    const available = FRAMEWORK_TEMPLATES.filter((template) => !codebook.frameworks.some((f) => f.id === template.id));
    const template =
      options.template ??
      (
        await vscode.window.showQuickPick(
          available.map((t) => ({ label: resolveLabel(t.label, language, t.id), description: t.id, detail: resolveLabel(t.description, language, ''), id: t.id })),
          { title: vscode.l10n.t('Add a framework from the built-in templates') },
        )
      )?.id;
    if (template === undefined) return undefined;
    let templateText: string;
    try {
      templateText = codebookYamlFromTemplates([template]);
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    return runEdit(deps, study, { kind: 'add-framework', templateText }, vscode.l10n.t('Add the framework {0}', template), vscode.l10n.t('Add'), options, false);
  }
  const parent = node.kind === 'indicator' ? node.path.split('/').slice(0, 2).join('/') : node.path;
  const isDimension = !parent.includes('/');
  const siblings = isDimension
    ? (codebook.frameworks.find((f) => f.id === parent)?.dimensions.map((d) => d.id) ?? [])
    : (resolveCodePath(codebook, parent)?.dimension.indicators.map((i) => i.id) ?? []);
  const label = options.label ?? (await askLabel(isDimension ? vscode.l10n.t('New dimension under {0}', labelOf(study, parent, language)) : vscode.l10n.t('New indicator under {0}', labelOf(study, parent, language))));
  if (label === undefined || label === '') return undefined;
  const id = options.id ?? (await askId(vscode.l10n.t('Id of "{0}"', label), uniqueId(suggestId(label), siblings), siblings));
  if (id === undefined) return undefined;
  return runEdit(deps, study, { kind: 'add', parent, id, label, language }, vscode.l10n.t('Add {0}', `${parent}/${id}`), vscode.l10n.t('Add'), options, false);
}

function uniqueId(id: string, taken: readonly string[]): string {
  if (!taken.includes(id)) return id;
  for (let n = 2; ; n++) if (!taken.includes(`${id}-${n}`)) return `${id}-${n}`;
}

async function renameCode(deps: CodebookCommandDeps, path: string | undefined, options: CodebookOptions): Promise<AppliedChange | undefined> {
  const study = studyWithCodebook(deps);
  if (study === undefined || path === undefined) return undefined;
  const language = deps.context.language();
  const known = study.codebook !== undefined && (path.includes('/') ? resolveCodePath(study.codebook, path) !== undefined : study.codebook.frameworks.some((f) => f.id === path));
  if (!known) {
    // A code the codebook does not know is renamed by merging it into a known one.
    return mergeCode(deps, path, options);
  }
  const label = options.label ?? (options.id !== undefined ? undefined : await askLabel(vscode.l10n.t('Rename {0}', path), labelOf(study, path, language)));
  if (label === undefined && options.id === undefined) return undefined;
  const currentId = path.split('/').pop() ?? path;
  const newId = options.id ?? (options.label !== undefined ? currentId : await askId(vscode.l10n.t('Id of {0} (changing it rewrites the sidecars)', path), currentId, []));
  if (newId === undefined) return undefined;
  const newPath = [...path.split('/').slice(0, -1), newId].join('/');
  const title = newId === currentId ? vscode.l10n.t('Rename {0} to "{1}"', path, label ?? '') : vscode.l10n.t('Rename {0} to {1}', path, newPath);
  return runEdit(deps, study, { kind: 'rename', path, newId, ...(label === undefined ? {} : { label }), language }, title, vscode.l10n.t('Rename'), options, newId !== currentId);
}

/** The codes a code can be merged into or moved to, as a quick pick. */
async function pickCodePath(study: StudyIndex, language: string, title: string, accept: (path: string) => boolean): Promise<string | undefined> {
  const items: Array<vscode.QuickPickItem & { path: string }> = [];
  for (const framework of study.codebook?.frameworks ?? []) {
    if (accept(framework.id)) items.push({ label: resolveLabel(framework.label, language, framework.id), description: framework.id, path: framework.id });
    for (const dimension of framework.dimensions) {
      const dimensionPath = `${framework.id}/${dimension.id}`;
      if (accept(dimensionPath)) items.push({ label: `$(circle-large-filled) ${resolveLabel(dimension.label, language, dimension.id)}`, description: dimensionPath, path: dimensionPath });
      for (const indicator of dimension.indicators) {
        const path = `${dimensionPath}/${indicator.id}`;
        if (accept(path)) items.push({ label: `$(blank) $(circle-small) ${resolveLabel(indicator.label, language, indicator.id)}`, description: path, path });
      }
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  return picked?.path;
}

async function mergeCode(deps: CodebookCommandDeps, path: string | undefined, options: CodebookOptions): Promise<AppliedChange | undefined> {
  const study = studyWithCodebook(deps);
  if (study === undefined || path === undefined) return undefined;
  const language = deps.context.language();
  const level = path.split('/').length;
  if (level === 1) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Frameworks cannot be merged; merge their dimensions one by one.'));
    return undefined;
  }
  const into =
    options.into ??
    (await pickCodePath(study, language, vscode.l10n.t('Merge {0} into…', path), (candidate) => {
      const depth = candidate.split('/').length;
      if (depth === 1 || isUnder(candidate, path)) return false;
      // A dimension merges into a dimension; an indicator (or an unknown code) into either.
      return level === 2 && study.codebook !== undefined && resolveCodePath(study.codebook, path) !== undefined ? depth === 2 : true;
    }));
  if (into === undefined) return undefined;
  return runEdit(deps, study, { kind: 'merge', from: path, into }, vscode.l10n.t('Merge {0} into {1}', path, into), vscode.l10n.t('Merge'), options, true);
}

async function moveCode(deps: CodebookCommandDeps, path: string | undefined, options: CodebookOptions): Promise<AppliedChange | undefined> {
  const study = studyWithCodebook(deps);
  if (study === undefined || path === undefined) return undefined;
  const level = path.split('/').length;
  if (level === 1) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Frameworks are not moved; dimensions and indicators are.'));
    return undefined;
  }
  const parent = path.split('/').slice(0, -1).join('/');
  const to =
    options.to ??
    (await pickCodePath(study, deps.context.language(), vscode.l10n.t('Move {0} to…', path), (candidate) => candidate.split('/').length === level - 1 && candidate !== parent));
  if (to === undefined) return undefined;
  const id = path.split('/').pop() ?? '';
  return runEdit(deps, study, { kind: 'move', path, to }, vscode.l10n.t('Move {0} to {1}', path, `${to}/${id}`), vscode.l10n.t('Move'), options, true);
}

async function deleteCode(deps: CodebookCommandDeps, path: string | undefined, options: CodebookOptions): Promise<AppliedChange | undefined> {
  const study = studyWithCodebook(deps);
  if (study === undefined || path === undefined) return undefined;
  return runEdit(
    deps,
    study,
    { kind: 'delete', path },
    vscode.l10n.t('Delete {0} and remove its coded segments', path),
    vscode.l10n.t('Delete'),
    options,
    true,
  );
}
