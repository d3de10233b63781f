/**
 * What settling a disagreement writes (review.ts): the consensus coder's codes on the
 * item's lines, as one change of the sidecar (a session's `rewriteCodes`, one undo).
 *
 * Settling replaces the consensus coder's codes of the item's dimension on the item's
 * lines: those codes are removed, and the parts of them outside the item are written
 * again, so settling one item never changes another. A decision that leaves the lines
 * uncoded is recorded in the not-coded attribute; any other removes the item from it.
 */
import {
  checkReviewCoders,
  codesOf,
  nonBlankLines,
  type ReviewCode,
  type ReviewCoders,
  type ReviewItem,
  type ReviewTranscript,
} from './review';
import { changeNotCoded, notCodedAttributeKey } from './review-record';
import { buildLineUnits, type UnitValueKind } from './units';

export type SettleChoice =
  | { kind: 'keep-a' }
  | { kind: 'keep-b' }
  | { kind: 'keep-both' }
  | { kind: 'neither' }
  | { kind: 'recode'; code: string; polarity: string; factor: string };

interface NewCode {
  lines: [number, number];
  fields: { code: string; polarity: string; factor: string; coder: string; memo?: string };
}

export interface Settlement {
  /** Ids of consensus codes to remove. */
  remove: string[];
  add: NewCode[];
  /** The sidecar's attributes after the change; undefined when they stay as they are. */
  attributes?: Record<string, string>;
}

export function settleItem(transcript: ReviewTranscript, coders: ReviewCoders, item: ReviewItem, choice: SettleChoice): Settlement {
  checkReviewCoders(coders);
  const { lines } = item;
  const remove: string[] = [];
  const add: NewCode[] = [];
  // The consensus coder's codes of the dimension reaching into the item: out, with what lies outside kept.
  for (const code of codesOf(transcript, coders.consensus, item.dimension)) {
    if (code.lines[1] < lines[0] || lines[1] < code.lines[0]) continue;
    remove.push(code.id);
    if (code.lines[0] < lines[0]) add.push(copyOf(code, [code.lines[0], lines[0] - 1], coders.consensus));
    if (code.lines[1] > lines[1]) add.push(copyOf(code, [lines[1] + 1, code.lines[1]], coders.consensus));
  }
  const decided: NewCode[] = [];
  const take = (codes: readonly ReviewCode[]) => {
    for (const code of codes) {
      const clipped: [number, number] = [Math.max(code.lines[0], lines[0]), Math.min(code.lines[1], lines[1])];
      if (clipped[0] > clipped[1]) continue;
      const copy = copyOf(code, clipped, coders.consensus);
      const same = decided.some((other) => other.fields.code === copy.fields.code && other.fields.polarity === copy.fields.polarity && other.fields.factor === copy.fields.factor && other.lines[0] === copy.lines[0] && other.lines[1] === copy.lines[1]);
      if (!same) decided.push(copy);
    }
  };
  switch (choice.kind) {
    case 'keep-a':
      take(item.a);
      break;
    case 'keep-b':
      take(item.b);
      break;
    case 'keep-both':
      take(item.a);
      take(item.b);
      break;
    case 'neither':
      break;
    case 'recode':
      decided.push({ lines: [lines[0], lines[1]], fields: { code: choice.code, polarity: choice.polarity, factor: choice.factor, coder: coders.consensus } });
      break;
  }
  add.push(...decided);
  return { remove, add, ...recordChange(transcript, coders.consensus, item, decided.length === 0) };
}

/** The not-coded record with the item in it or out of it; nothing when it already is so. */
function recordChange(transcript: ReviewTranscript, consensus: string, item: ReviewItem, notCoded: boolean): { attributes?: Record<string, string> } {
  const key = notCodedAttributeKey(consensus);
  const next = changeNotCoded(transcript.attributes[key], item.dimension, item.lines, transcript.bodies, notCoded);
  if (next === undefined) return {};
  const attributes: Record<string, string> = { ...transcript.attributes };
  if (next === '') delete attributes[key];
  else attributes[key] = next;
  return { attributes };
}

function copyOf(code: ReviewCode, lines: [number, number], coder: string): NewCode {
  return { lines, fields: { code: code.code, polarity: code.polarity, factor: code.factor, coder, ...(code.memo === undefined ? {} : { memo: code.memo }) } };
}

/**
 * Where both coders agree and coded, A's codes (the same as B's, as the unit compares
 * them) copied to the consensus coder, on the lines the consensus coder has no code of
 * that dimension yet: the part of a consensus nobody needs to settle.
 */
export function agreedSettlement(transcript: ReviewTranscript, coders: ReviewCoders, options: { value?: UnitValueKind } = {}): Settlement {
  checkReviewCoders(coders);
  const units = buildLineUnits([transcript], [coders.a, coders.b], { value: options.value ?? 'polarity' });
  const add: NewCode[] = [];
  if (units.includedTranscripts.length === 0) return { remove: [], add };
  for (const { dimension, disagreements } of units.dimensions) {
    const disagreeing = new Set(disagreements.map((unit) => unit.line));
    const consensus = codesOf(transcript, coders.consensus, dimension);
    const agreed = (line: number) => !disagreeing.has(line) && !consensus.some((code) => code.lines[0] <= line && line <= code.lines[1]);
    for (const code of codesOf(transcript, coders.a, dimension)) {
      const first = Math.max(1, code.lines[0]);
      const last = Math.min(transcript.lineCount, code.lines[1]);
      if (first > last) continue;
      for (const run of runsOf(nonBlankLines(transcript, [first, last]).filter(agreed), transcript.blankLines)) add.push(copyOf(code, run, coders.consensus));
    }
  }
  return { remove: [], add };
}

/** Sorted lines as ranges: consecutive lines, or lines with only blank lines between, form one. */
function runsOf(lines: readonly number[], blankLines: ReadonlySet<number>): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const line of lines) {
    const last = runs.at(-1);
    let joined = last !== undefined;
    if (last !== undefined) for (let between = last[1] + 1; between < line; between++) if (!blankLines.has(between)) joined = false;
    if (last !== undefined && joined) last[1] = line;
    else runs.push([line, line]);
  }
  return runs;
}
