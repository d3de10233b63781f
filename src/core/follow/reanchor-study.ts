/**
 * `reanchor`: after transcripts changed outside the editor, find where each code's
 * text went and, when asked, write the new positions. Broken sidecars are never
 * touched; orphans stay in the file as they are, for a person to decide.
 */
import { reanchor, type AnchorResult } from '../anchoring';
import { quoteOfLines } from '../transcript';
import { serializeSidecar } from '../sidecar';
import type { TranscriptRecord } from '../study';

interface CodeMove {
  id: string;
  from: [number, number];
  result: AnchorResult;
}

export interface RecordReanchor {
  record: TranscriptRecord;
  moves: CodeMove[];
  /** The sidecar text to write, when any code moved; undefined when nothing changes. */
  newText?: string;
}

export interface ReanchorChoices {
  /**
   * Also write codes found on similar text at their place (a typo fixed in the
   * transcript): the person accepted them in one step, so their quote becomes the
   * text they now sit on. Never the default: similar is not the same.
   */
  acceptSimilar?: boolean;
}

export function reanchorRecord(record: TranscriptRecord, choices: ReanchorChoices = {}): RecordReanchor {
  if (record.sidecar.status !== 'ok' || record.transcript === undefined) return { record, moves: [] };
  const parsed = record.sidecar;
  const bodies = record.transcript.bodies;
  const results = reanchor(bodies, parsed.data.codes);
  const resultById = new Map(results.map((result) => [result.id, result]));
  const moves: CodeMove[] = [];
  const codes = parsed.data.codes.map((code) => {
    const result = resultById.get(code.id);
    if (result === undefined || result.status === 'in-place') return code;
    moves.push({ id: code.id, from: code.lines, result });
    // Exact finds are written; similar text only when accepted; orphans are left for a person.
    if (result.status === 'moved') return { ...code, lines: result.lines };
    if (result.status === 'fuzzy' && choices.acceptSimilar === true) return { ...code, lines: result.lines, quote: quoteOfLines(bodies, result.lines[0], result.lines[1]) };
    return code;
  });
  const written = moves.some((move) => move.result.status === 'moved' || (move.result.status === 'fuzzy' && choices.acceptSimilar === true));
  if (!written) return { record, moves };
  return { record, moves, newText: serializeSidecar({ ...parsed.data, codes }, parsed) };
}
