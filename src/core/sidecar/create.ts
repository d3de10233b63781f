/**
 * New sidecars and new code ids, and whether a rewrite changed a sidecar. Reading is
 * parse.ts, writing write.ts; the folder's index.ts is the sidecar's public face.
 */
import type { CodeEntry, SidecarData } from './model';
import { SIDECAR_VERSION } from './model';


const ID_LENGTH = 8;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LETTERS_AND_DIGITS = LETTERS + '0123456789';

/**
 * A new code id: 8 lowercase letters and digits, not in `existing`. It starts with a
 * letter so that no YAML reader takes it for a number (`12e45678` would be a float).
 * `random` returns numbers in [0, 1), like Math.random; pass a seeded one in tests.
 */
export function newCodeId(existing: ReadonlySet<string>, random: () => number): string {
  const pick = (alphabet: string): string => {
    const index = Math.min(alphabet.length - 1, Math.max(0, Math.floor(random() * alphabet.length)));
    return alphabet[index] ?? 'a';
  };
  // 26 × 36^7 ids: a clash is rare, and a thousand in a row means `random` is broken.
  for (let attempt = 0; attempt < 1000; attempt++) {
    let id = pick(LETTERS);
    while (id.length < ID_LENGTH) id += pick(LETTERS_AND_DIGITS);
    if (!existing.has(id)) return id;
  }
  throw new Error('newCodeId: no unused id found; is the random source constant?');
}

/** Whether writing `nextText` over `previousText` would change the file. */
export function sidecarChanged(previousText: string, nextText: string): boolean {
  return previousText !== nextText;
}

/** The sidecar of a transcript that has no codes yet. */
export function emptySidecar(transcriptFileName: string, attributes: Record<string, string> = {}): SidecarData {
  return { version: SIDECAR_VERSION, transcript: transcriptFileName, attributes: { ...attributes }, codes: [] };
}

/** What a coder chooses for a new code: the rest (id, lines, quote) comes from where it is made. */
export type NewCodeFields = Pick<CodeEntry, 'code' | 'polarity' | 'factor' | 'coder'> & { memo?: string };

/** A new code on `lines` with its `quote`; an empty memo is left out, as the editor leaves it out. */
export function newCodeEntry(id: string, lines: [number, number], fields: NewCodeFields, quote: string): CodeEntry {
  const entry: CodeEntry = { id, lines, code: fields.code, polarity: fields.polarity, factor: fields.factor, quote, coder: fields.coder };
  if (fields.memo !== undefined && fields.memo !== '') entry.memo = fields.memo;
  return entry;
}
