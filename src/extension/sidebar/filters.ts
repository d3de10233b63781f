/**
 * The sidebar's filters (framework, coder, source type, polarity, and any case attribute
 * the study holds: role, date, …), kept per workspace in `workspaceState` and shown in the
 * views' descriptions. They apply to the sidebar, the study matrix and the co-occurrence
 * table alike; "Clear Filters" drops them all in one act.
 */
import * as vscode from 'vscode';
import { DEFAULT_POLARITIES } from '../../core/codebook';
import { resolveLabel } from '../../core/text';
import { SOURCE_TYPES } from '../../core/sidecar';
import { type AttributeFilters, caseAttributesOf, describeAttributeFilters } from '../../core/study';
import type { StudyIndexes } from '../study-indexes';
import { isFiltered, normalizeFilters, NO_FILTERS, sourceOf, type SidebarFilters } from './study-view';
import { sourceText } from './words';

const FILTERS_KEY = 'transcriptCoder.sidebarFilters';
const FILTERED_CONTEXT = 'transcriptCoder.filtered';

export class FilterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SidebarFilters>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    void this.updateContextKey();
  }

  get(): SidebarFilters {
    return normalizeFilters(this.state.get(FILTERS_KEY, NO_FILTERS));
  }

  /** What workspaceState holds, as stored (tests check that filters persist). */
  stored(): unknown {
    return this.state.get(FILTERS_KEY);
  }

  async set(filters: SidebarFilters): Promise<void> {
    const normalized = normalizeFilters(filters);
    await this.state.update(FILTERS_KEY, normalized);
    await this.updateContextKey();
    this.changed.fire(normalized);
  }

  /** "Filtered: jones · rina · interview", or undefined without filters. */
  describe(polarityLabel: (id: string) => string): string | undefined {
    const filters = this.get();
    if (!isFiltered(filters)) return undefined;
    const parts = [
      filters.frameworks.join(', '),
      filters.coders.join(', '),
      filters.sources.map((source) => sourceText(source)).join(', '),
      filters.polarities.map(polarityLabel).join(', '),
      describeAttributeFilters(filters.attributes),
    ].filter((part) => part !== '');
    return vscode.l10n.t('Filtered: {0}', parts.join(' · '));
  }

  private async updateContextKey(): Promise<void> {
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, isFiltered(this.get()));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

type ListFacet = 'frameworks' | 'coders' | 'sources' | 'polarities';

interface FilterItem extends vscode.QuickPickItem {
  kind?: vscode.QuickPickItemKind;
  facet?: ListFacet;
  /** A case attribute's key: `value` is one of its values, or none for "a range…". */
  attribute?: string;
  value?: string;
}

/** Above this many distinct values an attribute is offered as a range only (dates, ages). */
const MAX_LISTED_VALUES = 25;
const RANGE_LIKE = /^(-?\d+(\.\d+)?|\d{4}-\d{2}(-\d{2})?([T ][\d:]+)?)$/u;

/** One multi-select pick with a section per facet; nothing picked in a section means all. */
export async function pickFilters(studies: StudyIndexes, current: SidebarFilters, language: string): Promise<SidebarFilters | undefined> {
  const frameworks = new Map<string, string>();
  const polarities = new Map<string, string>();
  const coders = new Set<string>();
  const sources = new Set<string>(SOURCE_TYPES);
  for (const study of studies.all()) {
    for (const framework of study.codebook?.frameworks ?? []) frameworks.set(framework.id, resolveLabel(framework.label, language, framework.id));
    for (const polarity of study.codebook?.polarities ?? DEFAULT_POLARITIES) polarities.set(polarity.id, resolveLabel(polarity.label, language, polarity.id));
    for (const record of study.allRecords()) {
      if (record.sidecar.status !== 'ok') continue;
      const source = sourceOf(record);
      if (source !== '') sources.add(source);
      for (const code of record.sidecar.data.codes) {
        if (code.coder !== '') coders.add(code.coder);
        const framework = code.code.split('/')[0] ?? '';
        if (!frameworks.has(framework)) frameworks.set(framework, framework);
        if (!polarities.has(code.polarity)) polarities.set(code.polarity, code.polarity);
      }
    }
  }
  const attributes = caseAttributesOf(studies.all().flatMap((study) => study.allRecords()));
  // The source type has its own section above.
  attributes.delete('source');
  const items: FilterItem[] = [];
  const section = (label: string, facet: ListFacet, entries: Array<[string, string]>): void => {
    if (entries.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const [value, shown] of entries) items.push({ label: shown, description: shown === value ? undefined : value, facet, value, picked: current[facet].includes(value) });
  };
  section(vscode.l10n.t('Framework'), 'frameworks', [...frameworks.entries()]);
  section(vscode.l10n.t('Coder'), 'coders', [...coders].sort().map((coder) => [coder, coder]));
  section(vscode.l10n.t('Source type'), 'sources', [...sources].sort().map((source) => [source, sourceText(source)]));
  section(vscode.l10n.t('Polarity'), 'polarities', [...polarities.entries()]);
  for (const [key, values] of attributes) {
    const condition = current.attributes?.[key];
    items.push({ label: vscode.l10n.t('Attribute: {0}', key), kind: vscode.QuickPickItemKind.Separator });
    if (values.length <= MAX_LISTED_VALUES) {
      for (const value of values) items.push({ label: value, description: key, attribute: key, value, picked: condition?.values?.some((wanted) => wanted.toLowerCase() === value.toLowerCase()) ?? false });
    }
    if (values.every((value) => RANGE_LIKE.test(value))) {
      const shown = condition?.from !== undefined || condition?.to !== undefined ? `${condition?.from ?? ''}…${condition?.to ?? ''}` : undefined;
      items.push({ label: `$(arrow-both) ${vscode.l10n.t('{0} from … to …', key)}`, description: shown ?? vscode.l10n.t('{0} values, {1} to {2}', values.length, values[0] ?? '', values[values.length - 1] ?? ''), attribute: key, picked: shown !== undefined });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Filter the sidebar, the study matrix and the co-occurrence table'),
    placeHolder: vscode.l10n.t('Pick what to show; nothing picked in a section shows all of it'),
  });
  if (picked === undefined) return undefined;
  const next: SidebarFilters = { frameworks: [], coders: [], sources: [], polarities: [], attributes: {} };
  const chosen: AttributeFilters = {};
  for (const item of picked) {
    if (item.facet !== undefined && item.value !== undefined) next[item.facet].push(item.value);
    else if (item.attribute !== undefined && item.value !== undefined) ((chosen[item.attribute] ??= {}).values ??= []).push(item.value);
  }
  for (const item of picked) {
    if (item.attribute === undefined || item.value !== undefined) continue;
    const range = await askRange(item.attribute, current.attributes?.[item.attribute]);
    if (range === undefined) return undefined;
    Object.assign((chosen[item.attribute] ??= {}), range);
  }
  next.attributes = chosen;
  return next;
}

/** The two ends of a range, each optional; undefined when cancelled. */
async function askRange(key: string, current: AttributeFilters[string] | undefined): Promise<{ from?: string; to?: string } | undefined> {
  const from = await vscode.window.showInputBox({ title: vscode.l10n.t('{0} from (inclusive; empty for no lower end)', key), value: current?.from ?? '', placeHolder: '2023-01-01' });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({ title: vscode.l10n.t('{0} to (inclusive; empty for no upper end)', key), value: current?.to ?? '', placeHolder: '2023-12-31' });
  if (to === undefined) return undefined;
  const range: { from?: string; to?: string } = {};
  if (from.trim() !== '') range.from = from.trim();
  if (to.trim() !== '') range.to = to.trim();
  return range;
}
