/**
 * What the sidebar shows, computed from the study index: the summary per agency with the
 * user's filters applied, recomputed one agency at a time when one sidecar changes, and
 * the coding progress of a transcript. No `vscode` import: the views are thin adapters
 * over this, and the host tests check it against the CLI's summary.
 */
import { reanchor, type AnchorResult } from '../../core/anchoring';
import type { Codebook } from '../../core/codebook';
import type { CodeEntry } from '../../core/sidecar';
import { compareProblems } from '../../core/problems';
import { type AgencySummary, type AttributeFilters, hasAttributeFilters, passesAttributeFilters, compareSegments, type LeftOutSegment, type LoadedCodebook, placeCodes, placedSegmentsOf, type Segment, type Study, studyProblems, type StudySummary, summarize, type TranscriptRecord } from '../../core/study';
import type { Transcript } from '../../core/transcript';
import { UNASSIGNED } from './ids';

/** Empty lists mean "all". */
export interface SidebarFilters {
  frameworks: string[];
  coders: string[];
  sources: string[];
  polarities: string[];
  /** Case attributes (role, date, any key): a transcript passes when every key does. None when left out. */
  attributes?: AttributeFilters;
}

export const NO_FILTERS: SidebarFilters = { frameworks: [], coders: [], sources: [], polarities: [], attributes: {} };

export function isFiltered(filters: SidebarFilters): boolean {
  return filters.frameworks.length + filters.coders.length + filters.sources.length + filters.polarities.length > 0 || hasAttributeFilters(filters.attributes);
}

/** Filters read back from storage: anything that is not a list of strings is dropped. */
export function normalizeFilters(value: unknown): SidebarFilters {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const list = (key: string): string[] => {
    const found = record[key];
    return Array.isArray(found) ? [...new Set(found.filter((item): item is string => typeof item === 'string'))].sort() : [];
  };
  return { frameworks: list('frameworks'), coders: list('coders'), sources: list('sources'), polarities: list('polarities'), attributes: attributesOf(record['attributes']) };
}

/** Attribute filters read back from storage: only string values and ends are kept. */
function attributesOf(value: unknown): AttributeFilters {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const filters: AttributeFilters = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { values, from, to } = raw as Record<string, unknown>;
    const condition: AttributeFilters[string] = {};
    if (Array.isArray(values)) condition.values = [...new Set(values.filter((item): item is string => typeof item === 'string'))].sort();
    if (typeof from === 'string' && from !== '') condition.from = from;
    if (typeof to === 'string' && to !== '') condition.to = to;
    if (hasAttributeFilters({ [key]: condition })) filters[key] = condition;
  }
  return filters;
}

/** A source type as the filter compares it: trimmed, lower case; none is ''. */
export function sourceOf(record: TranscriptRecord): string {
  return record.sidecar.status === 'ok' ? (record.sidecar.data.attributes['source'] ?? '').trim().toLowerCase() : '';
}

function codePasses(code: Pick<CodeEntry, 'code' | 'coder' | 'polarity'>, filters: SidebarFilters): boolean {
  if (filters.frameworks.length > 0 && !filters.frameworks.includes(code.code.split('/')[0] ?? '')) return false;
  if (filters.coders.length > 0 && !filters.coders.includes(code.coder)) return false;
  if (filters.polarities.length > 0 && !filters.polarities.includes(code.polarity)) return false;
  return true;
}

/** The record with only the codes that pass the filters (the record itself when all do). */
function filterRecord(record: TranscriptRecord, filters: SidebarFilters): TranscriptRecord {
  if (record.sidecar.status !== 'ok' || !isFiltered(filters)) return record;
  const sourceMatches = (filters.sources.length === 0 || filters.sources.includes(sourceOf(record))) && passesAttributeFilters(record, filters.attributes);
  const codes = sourceMatches ? record.sidecar.data.codes.filter((code) => codePasses(code, filters)) : [];
  if (codes.length === record.sidecar.data.codes.length) return record;
  return { ...record, sidecar: { ...record.sidecar, data: { ...record.sidecar.data, codes } } };
}

function agencyKeyOf(record: TranscriptRecord | undefined): string | undefined {
  if (record === undefined) return undefined;
  return record.agency ?? UNASSIGNED;
}

/** Segments and distinct named informants. */
export interface Counts {
  segments: number;
  informants: number;
}

export function countsOf(segments: readonly Segment[]): Counts {
  return { segments: segments.length, informants: new Set(segments.flatMap((s) => (s.informant === null ? [] : [s.informant]))).size };
}

export interface ModelSettings {
  codebook: LoadedCodebook | undefined;
  filters: SidebarFilters;
  language: string;
}

/**
 * The summary per agency, kept current record by record. `update` costs one sidecar: it
 * moves the record, keeps the counts (segments per agency, per code path) and marks the
 * agencies it belonged to before and belongs to now as stale; an agency's summary is
 * made again only when it is asked for, which VS Code does for the nodes it shows.
 */
export class FactorModel {
  private readonly records = new Map<string, TranscriptRecord>();
  private readonly pathsByAgency = new Map<string, Set<string>>();
  private readonly summaries = new Map<string, AgencySummary>();
  /** Agencies whose summary must be made again before it is read. */
  private readonly stale = new Set<string>();
  /** Segments (after the filters) per agency, so which agencies exist is known without their summaries. */
  private readonly segmentsByAgency = new Map<string, number>();
  /** Segments per code path (after the filters), kept per sidecar so one change costs one sidecar. */
  private readonly countsByPath = new Map<string, Map<string, number>>();
  private readonly counts = new Map<string, number>();
  private readonly brokenPaths = new Set<string>();
  private settings: ModelSettings = { codebook: undefined, filters: NO_FILTERS, language: 'en' };

  rebuild(records: readonly TranscriptRecord[], settings: ModelSettings): void {
    this.settings = settings;
    this.records.clear();
    this.pathsByAgency.clear();
    this.summaries.clear();
    this.stale.clear();
    this.segmentsByAgency.clear();
    this.countsByPath.clear();
    this.counts.clear();
    this.brokenPaths.clear();
    for (const record of records) this.place(record);
  }

  /**
   * After one sidecar changed: the agencies whose nodes must be refreshed, and whether
   * the roots (the agencies, the sidecars that cannot be read) changed.
   */
  update(sidecarPath: string, current: TranscriptRecord | undefined): { agencies: string[]; rootsChanged: boolean } {
    const previous = this.records.get(sidecarPath);
    // A sidecar that cannot be read is listed at the top with its first problem, which may have changed too.
    const brokenInvolved = this.brokenPaths.has(sidecarPath) || (current !== undefined && current.sidecar.status !== 'ok');
    // Only these agencies can appear or vanish: the roots changed if one of them did.
    const candidates = [previous, current].flatMap((record) => (record === undefined ? [] : [agencyKeyOf(record) ?? UNASSIGNED]));
    const existedBefore = candidates.map((agency) => this.segmentsByAgency.has(agency));
    const affected = new Set<string>();
    if (previous !== undefined) affected.add(this.remove(previous));
    if (current !== undefined) affected.add(this.place(current));
    const rootsChanged = brokenInvolved || candidates.some((agency, index) => this.segmentsByAgency.has(agency) !== existedBefore[index]);
    return { agencies: [...affected].filter((agency) => this.segmentsByAgency.has(agency)), rootsChanged };
  }

  /** Agencies with at least one segment (after filtering), by name; without an agency last. */
  agencies(): string[] {
    const named = [...this.segmentsByAgency.keys()].filter((key) => key !== UNASSIGNED).sort(compareText);
    return this.segmentsByAgency.has(UNASSIGNED) ? [...named, UNASSIGNED] : named;
  }

  agency(key: string): AgencySummary | undefined {
    if (!this.segmentsByAgency.has(key)) return undefined;
    if (this.stale.delete(key)) this.recompute(key);
    return this.summaries.get(key);
  }

  /**
   * An agency's segments and distinct informants, as `countsOf` its summary's segments
   * says, without making the summary: a collapsed agency node needs no more.
   */
  agencyCounts(key: string): Counts {
    let segments = 0;
    const informants = new Set<string>();
    for (const path of this.pathsByAgency.get(key) ?? []) {
      const record = this.records.get(path);
      const counts = this.countsByPath.get(path);
      if (record?.sidecar.status !== 'ok' || counts === undefined || counts.size === 0) continue;
      for (const count of counts.values()) segments += count;
      const informant = record.sidecar.data.attributes['informant'];
      if (informant !== undefined) informants.add(informant);
    }
    return { segments, informants: informants.size };
  }

  /** Segments per exact code path, after the filters. */
  codeCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Sidecars that cannot be read: shown, marked, never written. */
  broken(): TranscriptRecord[] {
    return [...this.brokenPaths].sort(compareText).flatMap((path) => {
      const record = this.records.get(path);
      return record === undefined ? [] : [record];
    });
  }

  allRecords(): TranscriptRecord[] {
    return [...this.records.values()];
  }

  /** The codebook the summaries are made with. */
  codebook(): Codebook | undefined {
    return this.settings.codebook?.codebook;
  }

  /** The filtered study, for the matrix and the counts of the codebook view. */
  study(): Study {
    return {
      codebook: this.settings.codebook ?? { path: 'codebook.yaml', problems: [] },
      records: [...this.records.values()].map((record) => filterRecord(record, this.settings.filters)),
    };
  }

  /**
   * The study's summary as `summarize` gives it for `study()` (the core's order of
   * agencies), made of the agencies' summaries: only those that changed are made again.
   */
  summary(): StudySummary {
    const named = [...this.segmentsByAgency.keys()].filter((key) => key !== UNASSIGNED).sort(compareCodeUnits);
    const agencies = named.flatMap((key) => {
      const summary = this.agency(key);
      return summary === undefined ? [] : [summary];
    });
    const withoutAgency = this.agency(UNASSIGNED);
    const study = this.study();
    return {
      version: 1,
      agencies,
      unassigned: withoutAgency === undefined ? [] : agencySegments(withoutAgency).sort(compareSegments),
      leftOut: this.leftOut(),
      problems: studyProblems(study).sort(compareProblems),
    };
  }

  /**
   * Codes (after the filters) that are not on their text: in no count and no summary,
   * listed with the reason, as the reports list them.
   */
  leftOut(): LeftOutSegment[] {
    const leftOut: LeftOutSegment[] = [];
    for (const record of this.records.values()) {
      for (const item of placedSegmentsOf(filterRecord(record, this.settings.filters)).leftOut) leftOut.push(item);
    }
    return leftOut.sort((a, b) => compareSegments(a.segment, b.segment));
  }

  /** Adds a record; returns its agency, now stale. */
  private place(record: TranscriptRecord): string {
    this.records.set(record.sidecarPath, record);
    if (record.sidecar.status !== 'ok') this.brokenPaths.add(record.sidecarPath);
    const agency = agencyKeyOf(record) ?? UNASSIGNED;
    const filtered = filterRecord(record, this.settings.filters);
    if (filtered.sidecar.status === 'ok') {
      // Only codes on their text count, as in the summary (core/on-text.ts).
      const codes = filtered.sidecar.data.codes;
      const placements = placeCodes(record.transcript, codes);
      const counts = new Map<string, number>();
      let segments = 0;
      codes.forEach((code, index) => {
        if (placements[index]?.onText !== true) return;
        counts.set(code.code, (counts.get(code.code) ?? 0) + 1);
        segments++;
      });
      this.countsByPath.set(record.sidecarPath, counts);
      for (const [code, count] of counts) this.counts.set(code, (this.counts.get(code) ?? 0) + count);
      this.addSegments(agency, segments);
    }
    const paths = this.pathsByAgency.get(agency) ?? new Set<string>();
    paths.add(record.sidecarPath);
    this.pathsByAgency.set(agency, paths);
    this.stale.add(agency);
    return agency;
  }

  /** Takes a record out; returns the agency it was in, now stale. */
  private remove(record: TranscriptRecord): string {
    const agency = agencyKeyOf(record) ?? UNASSIGNED;
    this.records.delete(record.sidecarPath);
    this.brokenPaths.delete(record.sidecarPath);
    const paths = this.pathsByAgency.get(agency);
    paths?.delete(record.sidecarPath);
    if (paths?.size === 0) this.pathsByAgency.delete(agency);
    let segments = 0;
    for (const [code, count] of this.countsByPath.get(record.sidecarPath) ?? []) {
      segments += count;
      const left = (this.counts.get(code) ?? 0) - count;
      if (left > 0) this.counts.set(code, left);
      else this.counts.delete(code);
    }
    this.countsByPath.delete(record.sidecarPath);
    this.addSegments(agency, -segments);
    this.stale.add(agency);
    return agency;
  }

  private addSegments(agency: string, segments: number): void {
    const total = (this.segmentsByAgency.get(agency) ?? 0) + segments;
    if (total > 0) {
      this.segmentsByAgency.set(agency, total);
      return;
    }
    this.segmentsByAgency.delete(agency);
    this.summaries.delete(agency);
  }

  private recompute(agency: string): void {
    // In path order, each factor's segments arrive nearly sorted, and sorting them is cheap.
    const paths = [...(this.pathsByAgency.get(agency) ?? [])].sort(compareCodeUnits);
    const records = paths.flatMap((path) => {
      const record = this.records.get(path);
      // The unassigned group is summarised like an agency: give it a name summarize groups by.
      return record === undefined ? [] : [{ ...filterRecord(record, this.settings.filters), agency: agency === UNASSIGNED ? '\u0000' : agency }];
    });
    const study: Study = { codebook: this.settings.codebook ?? { path: 'codebook.yaml', problems: [] }, records };
    const summary = summarize(study, { language: this.settings.language }).agencies[0];
    if (summary === undefined) this.summaries.delete(agency);
    else this.summaries.set(agency, { ...summary, agency });
  }
}

/** Every segment under an agency summary. */
export function agencySegments(summary: AgencySummary): Segment[] {
  return summary.dimensions.flatMap((dimension) => dimension.factors.flatMap((factor) => factor.segments));
}

export interface TranscriptProgress {
  /** Lines that count: informants' speaker turns with text, or, in a transcript without speakers (an observation note), lines of text. */
  units: number;
  coded: number;
  unit: 'turn' | 'line';
  /** Codes whose text is not in the transcript any more. */
  orphans: number;
  coders: string[];
}

/**
 * Speakers whose turns are the researcher's own questions, not data: they are not counted
 * in a transcript's coding progress ("Pewawancara: Bagaimana dukungan pimpinan?" is never
 * coded, and counting it would leave a fully coded interview at half).
 */
const INTERVIEWER_NAMES: readonly string[] = ['pewawancara', 'peneliti', 'penanya', 'moderator', 'fasilitator', 'interviewer', 'researcher', 'p', 'q', 't'];

export function isInterviewer(speaker: string): boolean {
  return INTERVIEWER_NAMES.includes(speaker.trim().toLowerCase());
}

/**
 * How much of a transcript is coded: the share of the informants' speaker turns (the
 * interviewer's are left out) that a code covers. A transcript without speakers, such as
 * an observation note, counts its lines of text instead.
 */
export function transcriptProgress(
  transcript: Transcript,
  bodies: readonly string[],
  codes: readonly CodeEntry[],
  results: readonly AnchorResult[] = reanchor(bodies, codes),
): TranscriptProgress {
  const turns = transcript.lines.filter((line) => line.kind === 'turn' && line.body.end > line.body.start && !isInterviewer(line.speaker?.name ?? ''));
  const unit = turns.length > 0 ? 'turn' : 'line';
  const units = turns.length > 0 ? turns : transcript.lines.filter((line) => line.kind === 'text' && line.body.end > line.body.start);
  const covered = new Set<number>();
  let orphans = 0;
  for (const result of results) {
    if (result.status === 'orphan') {
      orphans++;
      continue;
    }
    for (let line = result.lines[0]; line <= result.lines[1]; line++) covered.add(line);
  }
  return {
    units: units.length,
    coded: units.filter((line) => covered.has(line.number)).length,
    unit,
    orphans,
    coders: [...new Set(codes.map((code) => code.coder).filter((coder) => coder !== ''))].sort(compareText),
  };
}

/** Plain code-unit order, as the core's summary orders agencies and files. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
}
