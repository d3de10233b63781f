/**
 * `reanchor`: after transcripts changed outside the editor, find where each code's
 * text went and, when asked, write the new positions. Broken sidecars are never
 * touched; orphans stay in the file as they are, for a person to decide.
 */
import { reanchor, type AnchorResult } from './anchoring';
import { serializeSidecar } from './sidecar';
import type { TranscriptRecord } from './study';

export interface CodeMove {
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

export function reanchorRecord(record: TranscriptRecord): RecordReanchor {
  if (record.sidecar.status !== 'ok' || record.transcript === undefined) return { record, moves: [] };
  const parsed = record.sidecar;
  const results = reanchor(record.transcript.bodies, parsed.data.codes);
  const resultById = new Map(results.map((result) => [result.id, result]));
  const moves: CodeMove[] = [];
  const codes = parsed.data.codes.map((code) => {
    const result = resultById.get(code.id);
    if (result === undefined || result.status === 'in-place') return code;
    moves.push({ id: code.id, from: code.lines, result });
    // Only exact finds are written; fuzzy finds and orphans are reported for a person.
    return result.status === 'moved' ? { ...code, lines: result.lines } : code;
  });
  const written = moves.some((move) => move.result.status === 'moved');
  if (!written) return { record, moves };
  return { record, moves, newText: serializeSidecar({ ...parsed.data, codes }, parsed) };
}
