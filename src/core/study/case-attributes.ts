/**
 * Case attributes and filters by them (issue 18, item 4): informant role, interview date,
 * source, or any key a study's sidecars or front matter hold.
 *
 * - A transcript's attribute is its sidecar's `attributes[key]`, else its front matter's
 *   `key` (as its agency is found); `agency` is the agency the study gives it.
 * - A filter names values per key (any one of them passes: `role: kepala, staf`) or a
 *   range (`date: 2023-01-01…2023-06-30`, either end open); all keys must pass. Values
 *   compare folded (case, accents and spacing do not matter). Ranges compare as numbers
 *   when both sides are numbers, else as text — which orders ISO dates (2023-05-02)
 *   correctly; a value outside the range, or no value at all, does not pass.
 */
import { sameFolded } from '../text';
import type { TranscriptRecord } from './study';

interface AttributeCondition {
  /** Any one of these passes (folded). */
  values?: string[];
  /** Inclusive ends of a range; either may be left open. */
  from?: string;
  to?: string;
}

/** Key → condition; every key must pass. */
export type AttributeFilters = Record<string, AttributeCondition>;

/** Sidecar keys that are not case attributes a researcher filters by. */
const NOT_CASE_ATTRIBUTES = new Set(['transcript', 'media']);

/** A case attribute: the sidecar's, else the transcript's front matter's (as the agency is found). */
export function caseAttributeOf(record: TranscriptRecord, name: string): string | undefined {
  if (name === 'agency' && record.agency !== undefined) return record.agency;
  const fromSidecar = record.sidecar.status === 'ok' ? record.sidecar.data.attributes[name] : undefined;
  if (fromSidecar !== undefined && fromSidecar.trim() !== '') return fromSidecar;
  const fromFrontMatter = record.transcript?.transcript.frontMatter?.data[name];
  return typeof fromFrontMatter === 'string' || typeof fromFrontMatter === 'number' ? String(fromFrontMatter) : undefined;
}

/** Every attribute key the study's transcripts hold, with its distinct values (as first written), keys and values sorted. */
export function caseAttributesOf(records: readonly TranscriptRecord[]): Map<string, string[]> {
  const found = new Map<string, Map<string, string>>();
  const add = (key: string, value: unknown): void => {
    if (NOT_CASE_ATTRIBUTES.has(key) || (typeof value !== 'string' && typeof value !== 'number')) return;
    const text = String(value).trim();
    if (text === '') return;
    let values = found.get(key);
    if (values === undefined) found.set(key, (values = new Map()));
    const folded = text.toLowerCase().replace(/\s+/gu, ' ');
    if (!values.has(folded)) values.set(folded, text);
  };
  for (const record of records) {
    if (record.agency !== undefined) add('agency', record.agency);
    if (record.sidecar.status === 'ok') for (const [key, value] of Object.entries(record.sidecar.data.attributes)) add(key, value);
    for (const [key, value] of Object.entries(record.transcript?.transcript.frontMatter?.data ?? {})) add(key, value);
  }
  const byText = (a: string, b: string): number => a.localeCompare(b, 'en');
  return new Map([...found.entries()].sort(([a], [b]) => byText(a, b)).map(([key, values]) => [key, [...values.values()].sort(byText)]));
}

export function hasAttributeFilters(filters: AttributeFilters | undefined): boolean {
  return Object.values(filters ?? {}).some(isActive);
}

function isActive(condition: AttributeCondition): boolean {
  return (condition.values?.length ?? 0) > 0 || (condition.from ?? '') !== '' || (condition.to ?? '') !== '';
}

/** Whether a transcript passes every attribute condition. */
export function passesAttributeFilters(record: TranscriptRecord, filters: AttributeFilters | undefined): boolean {
  for (const [key, condition] of Object.entries(filters ?? {})) {
    if (!isActive(condition)) continue;
    const value = caseAttributeOf(record, key);
    if (value === undefined || !passes(value, condition)) return false;
  }
  return true;
}

function passes(value: string, condition: AttributeCondition): boolean {
  if ((condition.values?.length ?? 0) > 0 && !(condition.values ?? []).some((wanted) => sameFolded(value, wanted))) return false;
  const from = condition.from?.trim() ?? '';
  const to = condition.to?.trim() ?? '';
  if (from !== '' && compareValues(value.trim(), from) < 0) return false;
  if (to !== '' && compareValues(value.trim(), to) > 0) return false;
  return true;
}

const NUMBER = /^-?\d+(\.\d+)?$/u;

function compareValues(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `role: kepala, staf · date: 2023-01-01…2023-06-30`, for a view's description or a report's header. */
export function describeAttributeFilters(filters: AttributeFilters | undefined): string {
  return Object.entries(filters ?? {})
    .filter(([, condition]) => isActive(condition))
    .map(([key, condition]) => {
      const parts = [...(condition.values ?? [])];
      if ((condition.from ?? '') !== '' || (condition.to ?? '') !== '') parts.push(`${condition.from ?? ''}…${condition.to ?? ''}`);
      return `${key}: ${parts.join(', ')}`;
    })
    .join(' · ');
}

/**
 * Reads `KEY=VALUE` (repeatable; values of one key add up) and `KEY=FROM..TO` (a range,
 * either end may be empty), as the CLI takes them. Throws on text without `=`.
 */
export function parseAttributeFilters(specs: readonly string[]): AttributeFilters {
  const filters: AttributeFilters = {};
  for (const spec of specs) {
    const at = spec.indexOf('=');
    if (at <= 0) throw new Error(`"${spec}" is not KEY=VALUE or KEY=FROM..TO`);
    const key = spec.slice(0, at).trim();
    const value = spec.slice(at + 1).trim();
    const condition = (filters[key] ??= {});
    const range = /^(.*?)\.\.(.*)$/u.exec(value);
    if (range !== null) {
      condition.from = range[1]?.trim() ?? '';
      condition.to = range[2]?.trim() ?? '';
    } else {
      (condition.values ??= []).push(value);
    }
  }
  return filters;
}
