/**
 * The quick picks of coding: code → polarity → factor. Each returns undefined on Escape,
 * and nothing is changed until all three are answered.
 */
import * as vscode from 'vscode';
import { type Codebook, DEFAULT_POLARITIES } from '../core/codebook';
import { labelTexts, resolveLabel } from '../core/text';

/**
 * What a keybinding or a script may pass to skip picks: e.g. bind a key to
 * `{"code": "jones/organization", "polarity": "inhibiting"}` and only the factor is asked.
 */
export interface CodePreset {
  code?: string;
  polarity?: string;
  factor?: string;
}

export function presetOf(value: unknown): CodePreset {
  if (typeof value !== 'object' || value === null) return {};
  const { code, polarity, factor } = value as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof polarity === 'string' ? { polarity } : {}),
    ...(typeof factor === 'string' ? { factor } : {}),
  };
}

interface CodeItem extends vscode.QuickPickItem {
  path?: string;
}

export async function pickCode(codebook: Codebook, language: string, recent: readonly string[], title: string): Promise<string | undefined> {
  const other = language.startsWith('id') ? 'en' : 'id';
  const items: CodeItem[] = [];
  const entries: CodeItem[] = [];
  for (const framework of codebook.frameworks) {
    entries.push({ label: resolveLabel(framework.label, language, framework.id), kind: vscode.QuickPickItemKind.Separator });
    for (const dimension of framework.dimensions) {
      const dimensionPath = `${framework.id}/${dimension.id}`;
      entries.push({
        label: `$(circle-large-filled) ${resolveLabel(dimension.label, language, dimension.id)}`,
        description: dimensionPath,
        detail: otherLabel(dimension.label, language, other),
        path: dimensionPath,
      });
      for (const indicator of dimension.indicators) {
        entries.push({
          // Indicators sit under their dimension; the dimension's name stays searchable.
          label: `$(blank) $(circle-small) ${resolveLabel(indicator.label, language, indicator.id)}`,
          description: `${dimensionPath}/${indicator.id}`,
          detail: [resolveLabel(dimension.label, language, dimension.id), otherLabel(indicator.label, language, other)].filter(Boolean).join(' · '),
          path: `${dimensionPath}/${indicator.id}`,
        });
      }
    }
  }
  const recentItems = recent.map((path) => entries.find((entry) => entry.path === path)).filter((item): item is CodeItem => item !== undefined);
  if (recentItems.length > 0) {
    items.push({ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator });
    items.push(...recentItems.map((item) => ({ ...item, label: item.label.replace('$(blank) ', '') })));
  }
  items.push(...entries);
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('Code: type to search labels in both languages, or a path'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.path;
}

function otherLabel(label: Parameters<typeof resolveLabel>[0], language: string, other: string): string {
  const shown = resolveLabel(label, language);
  const alternative = typeof label === 'object' ? label[other] : undefined;
  if (alternative !== undefined && alternative !== shown) return alternative;
  return labelTexts(label).find((text) => text !== shown) ?? '';
}

export async function pickPolarity(codebook: Codebook | undefined, language: string, current?: string): Promise<string | undefined> {
  const polarities = codebook?.polarities ?? DEFAULT_POLARITIES;
  const icons: Record<string, string> = { supporting: '$(arrow-up)', inhibiting: '$(arrow-down)', effort: '$(tools)', neutral: '$(circle-outline)' };
  const picked = await vscode.window.showQuickPick(
    polarities.map((polarity) => ({
      label: `${icons[polarity.id] ?? '$(circle-outline)'} ${resolveLabel(polarity.label, language, polarity.id)}`,
      description: polarity.id === current ? `${polarity.id} · ${vscode.l10n.t('current')}` : polarity.id,
      id: polarity.id,
    })),
    { title: vscode.l10n.t('Polarity'), placeHolder: vscode.l10n.t('Is this a supporting factor, an inhibiting factor, or an effort to overcome one?') },
  );
  return picked?.id;
}

/** The factor name: pick one already used for this dimension, or type a new one. */
export function pickFactor(suggestions: readonly string[], current?: string): Promise<string | undefined> {
  return pickOrType({
    title: vscode.l10n.t('Factor'),
    placeholder: vscode.l10n.t('Name the factor in a few words; reuse a name from the list to group with it'),
    known: suggestions,
    current,
    knownDescription: vscode.l10n.t('used in this study'),
    newDescription: vscode.l10n.t('new factor'),
    allowEmpty: false,
  });
}

export interface PickOrTypeOptions {
  title: string;
  placeholder: string;
  known: readonly string[];
  current: string | undefined;
  knownDescription?: string;
  newDescription: string;
  /** Whether accepting an empty value is an answer (an attribute left empty) or nothing yet. */
  allowEmpty: boolean;
}

/**
 * A quick pick over values already used in the study that also takes a new value typed
 * in, so researchers reuse the same words. Undefined on Escape.
 */
export function pickOrType(options: PickOrTypeOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    const known = options.known.map((label) => (options.knownDescription === undefined ? { label } : { label, description: options.knownDescription }));
    pick.items = known;
    if (options.current !== undefined) pick.value = options.current;
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      const exists = options.known.some((name) => name.toLocaleLowerCase() === typed.toLocaleLowerCase());
      pick.items = typed === '' || exists ? known : [{ label: typed, description: options.newDescription }, ...known];
    });
    pick.onDidAccept(() => {
      const chosen = (pick.selectedItems[0]?.label ?? pick.value).trim();
      if (chosen !== '' || options.allowEmpty) finish(chosen);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
