/**
 * What REFI-QDA has no field for — a code's id and labels in every language, a coded
 * segment's id, factor and polarity, a transcript's study path — travels in the .qdpx as
 * `transcript-coder.json` beside `project.qde`, keyed by element GUID.
 *
 * Why not in the elements themselves: the 1.5 schema (Project-mrt2019.xsd) has no
 * extension point (no xs:any, no anyAttribute), so a namespaced attribute would make the
 * export invalid; and a line in `<Description>` (trailer.ts, what exports before this
 * wrote) is shown to users — QualCoder shows a selection's Description as the coding's
 * memo (refi.py load_codings_for_text) and a code's as the code memo (refi.py sub_codes).
 * Other tools unzip the archive and read only `project.qde` and `sources/`, so the file
 * is invisible there. A study that comes back through another tool's own export loses it
 * (as it loses anything that tool does not model) and is imported like any other tool's
 * project; older exports with trailers are still read (trailer.ts).
 */
import { describeWithTrailer, splitTrailer, type TrailerFields, type TrailerValue } from './trailer';
import type { QdeProject } from './read-project';

export const MACHINE_MAP_FILE = 'transcript-coder.json';

/** A coded segment exported once with another of the same code, lines and coder (QualCoder keeps one). */
interface MergedSegment {
  id: string;
  factor: string;
  polarity: string;
  memo?: string;
}

export interface MachineMap {
  /** Element GUID → its fields. */
  elements: Map<string, Record<string, TrailerValue>>;
  /** Selection GUID → the segments merged into it. */
  merged: Map<string, MergedSegment[]>;
}

export function emptyMachineMap(): MachineMap {
  return { elements: new Map(), merged: new Map() };
}

export function recordFields(map: MachineMap, guid: string, fields: TrailerFields): void {
  const kept: Record<string, TrailerValue> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) kept[key] = value;
  map.elements.set(guid, kept);
}

export function renderMachineMap(map: MachineMap): string {
  const sorted = <T>(entries: Map<string, T>): Record<string, T> =>
    Object.fromEntries([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, elements: sorted(map.elements), merged: sorted(map.merged) }, null, 1)}\n`;
}

/** The map in an archive, or an empty one when the file is absent or not ours (never an error: it is an extra). */
export function readMachineMap(bytes: Uint8Array | undefined): MachineMap {
  const map = emptyMachineMap();
  if (bytes === undefined) return map;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return map;
  }
  if (!isRecord(value)) return map;
  const elements = isRecord(value['elements']) ? value['elements'] : {};
  for (const [guid, fields] of Object.entries(elements)) {
    if (!isRecord(fields)) continue;
    const kept: Record<string, TrailerValue> = {};
    for (const [key, field] of Object.entries(fields)) {
      if (typeof field === 'string') kept[key] = field;
      else if (isRecord(field)) kept[key] = Object.fromEntries(Object.entries(field).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    }
    map.elements.set(guid.toLowerCase(), kept);
  }
  const merged = isRecord(value['merged']) ? value['merged'] : {};
  for (const [guid, list] of Object.entries(merged)) {
    if (!Array.isArray(list)) continue;
    const segments = list.filter(isRecord).flatMap((item): MergedSegment[] => {
      const { id, factor, polarity, memo } = item;
      if (typeof id !== 'string' || typeof factor !== 'string' || typeof polarity !== 'string') return [];
      return [typeof memo === 'string' ? { id, factor, polarity, memo } : { id, factor, polarity }];
    });
    map.merged.set(guid.toLowerCase(), segments);
  }
  return map;
}

/**
 * Puts the map's fields back where the importer reads them (as the trailer of each
 * element's Description), so one reading path serves both this file and older trailers.
 * A source named as exported gets its study path back.
 */
export function applyMachineMap(project: QdeProject, map: MachineMap): void {
  if (map.elements.size === 0) return;
  const withFields = (guid: string, description: string | undefined): string | undefined => {
    const fields = map.elements.get(guid.toLowerCase());
    if (fields === undefined) return description;
    return describeWithTrailer(splitTrailer(description).human, fields);
  };
  const visit = (code: QdeProject['codes'][number]): void => {
    const description = withFields(code.guid, code.description);
    if (description !== undefined) code.description = description;
    code.children.forEach(visit);
  };
  project.codes.forEach(visit);
  for (const source of project.textSources) {
    const fields = map.elements.get(source.guid.toLowerCase());
    const path = fields?.['path'];
    if (typeof path === 'string' && path !== '' && source.name === fields?.['name']) source.name = path;
    for (const selection of source.selections) {
      const description = withFields(selection.guid, selection.description);
      if (description !== undefined) selection.description = description;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
