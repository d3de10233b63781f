/**
 * The sidebar's filters (framework, coder, source type, polarity), kept per workspace in
 * `workspaceState` and shown in the views' descriptions.
 */
import * as vscode from 'vscode';
import { DEFAULT_POLARITIES } from '../../core/codebook';
import { resolveLabel } from '../../core/text';
import { SOURCE_TYPES } from '../../core/sidecar';
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

interface FilterItem extends vscode.QuickPickItem {
  kind?: vscode.QuickPickItemKind;
  facet?: keyof SidebarFilters;
  value?: string;
}

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
  const items: FilterItem[] = [];
  const section = (label: string, facet: keyof SidebarFilters, entries: Array<[string, string]>): void => {
    if (entries.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const [value, shown] of entries) items.push({ label: shown, description: shown === value ? undefined : value, facet, value, picked: current[facet].includes(value) });
  };
  section(vscode.l10n.t('Framework'), 'frameworks', [...frameworks.entries()]);
  section(vscode.l10n.t('Coder'), 'coders', [...coders].sort().map((coder) => [coder, coder]));
  section(vscode.l10n.t('Source type'), 'sources', [...sources].sort().map((source) => [source, sourceText(source)]));
  section(vscode.l10n.t('Polarity'), 'polarities', [...polarities.entries()]);
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Filter the sidebar and the study matrix'),
    placeHolder: vscode.l10n.t('Pick what to show; nothing picked in a section shows all of it'),
  });
  if (picked === undefined) return undefined;
  const next: SidebarFilters = { frameworks: [], coders: [], sources: [], polarities: [] };
  for (const item of picked) if (item.facet !== undefined && item.value !== undefined) next[item.facet].push(item.value);
  return next;
}
