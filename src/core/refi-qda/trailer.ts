/**
 * What REFI-QDA has no field for — a code's id and its labels in every language, a
 * coded segment's id and factor — travels as one line at the end of the element's
 * `<Description>`, after the text people read:
 *
 *     Setting up the resources ...
 *
 *     transcript-coder: {"id":"organization","label":{"en":"Organization","id":"Organisasi"}}
 *
 * The line is YAML (JSON is a subset), so a person can read it in any tool. Other tools
 * show it as part of the description and keep it when they export again, so a study
 * that goes to ATLAS.ti and comes back keeps its ids and its sidecars diff cleanly in
 * git. JSON.stringify writes it, so the bytes never depend on a YAML library's style.
 */
import { parseDocument } from 'yaml';
import type { Label } from '../text';

const TRAILER_KEY = 'transcript-coder';

export type TrailerValue = string | Readonly<Record<string, string>>;
export type TrailerFields = Readonly<Record<string, TrailerValue | undefined>>;

export function describeWithTrailer(human: string, fields: TrailerFields): string {
  const trailer = `${TRAILER_KEY}: ${JSON.stringify(fields)}`;
  return human.trim() === '' ? trailer : `${human.trimEnd()}\n\n${trailer}`;
}

export interface SplitDescription {
  /** The part people wrote, trailer removed and trimmed. */
  human: string;
  fields?: Record<string, TrailerValue>;
}

export function splitTrailer(description: string | undefined): SplitDescription {
  if (description === undefined) return { human: '' };
  const text = description.replace(/\r\n?/gu, '\n');
  const lines = text.split('\n');
  let index = lines.length - 1;
  while (index >= 0 && !(lines[index] ?? '').startsWith(`${TRAILER_KEY}:`)) index--;
  const fields = index < 0 ? undefined : readFields(lines[index] ?? '');
  if (fields === undefined) return { human: text.trim() };
  // Text a person added after the line in another tool is kept as theirs.
  return { human: [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n').trim(), fields };
}

function readFields(line: string): Record<string, TrailerValue> | undefined {
  // One line from another tool's file: no aliases, nothing but strings and string maps.
  const document = parseDocument(line, { schema: 'failsafe', prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 0 });
  } catch {
    return undefined;
  }
  const inner = (value as Record<string, unknown> | null)?.[TRAILER_KEY];
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return undefined;
  const fields: Record<string, TrailerValue> = {};
  for (const [key, field] of Object.entries(inner as Record<string, unknown>)) {
    if (typeof field === 'string') fields[key] = field;
    else if (field !== null && typeof field === 'object' && !Array.isArray(field)) {
      const map = Object.entries(field as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      fields[key] = Object.fromEntries(map);
    }
  }
  return fields;
}

/** A trailer field read back as a label (text or map of languages). */
export function trailerLabel(value: TrailerValue | undefined): Label | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  return Object.keys(value).length === 0 ? undefined : value;
}

export function trailerText(value: TrailerValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
