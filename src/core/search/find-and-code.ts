/**
 * Find and code (issue 18): the hits of a search in one transcript become codes, one per
 * run of consecutive hit lines, each made as a coding act in the editor makes it — a new
 * id not used in the file (`newCodeId`, as CodingSession.addCodes), the quote taken by
 * `quoteOfLines` from the line bodies — and written with `serializeSidecar` over the
 * previous text, which keeps the file's layout, comments and unknown keys and only adds.
 *
 * Idempotent: a hit line already covered by a code with the same code path (on the
 * sidecar's lines) is left alone, and runs are made of the remaining hit lines, so a
 * second run of the same search and code adds nothing. A sidecar that does not read is
 * never written: the result names it with the reason.
 */
import { type CodeEntry, newCodeEntry, newCodeId, parseSidecar, serializeSidecar } from '../sidecar';
import { quoteOfLines } from '../transcript';
import { hitRuns } from './search';

export interface FindAndCodeFields {
  /** `framework/dimension` or `framework/dimension/indicator`, checked against the codebook by the caller. */
  code: string;
  polarity: string;
  factor: string;
  coder: string;
  memo?: string;
}

interface SidecarCoding {
  /** The codes added, in line order; empty when every hit was coded already. */
  added: CodeEntry[];
  /** Hit lines already covered by a code with this code path: not coded again. */
  alreadyCoded: number[];
  /** The sidecar's new text; undefined when nothing was added (or the sidecar is broken). */
  newText?: string;
  /** The sidecar does not read (`file:line: reason`): nothing was coded. */
  refused?: string;
}

/**
 * The runs of hit lines that still need the code: lines covered by an existing code with
 * the same path are taken out first. For the editor, which adds them through its session
 * (one undoable change per transcript), and for codeHitsInSidecar.
 */
export function uncodedRuns(hitLines: Iterable<number>, codes: readonly Pick<CodeEntry, 'code' | 'lines'>[], codePath: string): { runs: Array<[number, number]>; alreadyCoded: number[] } {
  const sameCode = codes.filter((code) => code.code === codePath);
  const alreadyCoded: number[] = [];
  const open: number[] = [];
  for (const line of new Set(hitLines)) {
    if (sameCode.some((code) => code.lines[0] <= line && line <= code.lines[1])) alreadyCoded.push(line);
    else open.push(line);
  }
  return { runs: hitRuns(open), alreadyCoded: alreadyCoded.sort((a, b) => a - b) };
}

export interface SidecarToCode {
  sidecarText: string;
  sidecarPath: string;
  /** The transcript's line bodies (index 0 = line 1), as the study index holds them. */
  bodies: readonly string[];
  hitLines: Iterable<number>;
}

/** The sidecar text with the hits coded; `random` in [0, 1) for new ids (seeded in tests). */
export function codeHitsInSidecar(input: SidecarToCode, fields: FindAndCodeFields, random: () => number): SidecarCoding {
  const parsed = parseSidecar(input.sidecarText, input.sidecarPath);
  if (parsed.status !== 'ok') {
    const first = parsed.problems.find((problem) => problem.severity === 'error') ?? parsed.problems[0];
    const refused = first === undefined ? `${input.sidecarPath}: the sidecar is broken (${parsed.reason})` : `${first.file}:${first.line}: ${first.message}`;
    return { added: [], alreadyCoded: [], refused };
  }
  const { runs, alreadyCoded } = uncodedRuns(input.hitLines, parsed.data.codes, fields.code);
  if (runs.length === 0) return { added: [], alreadyCoded };
  const ids = new Set(parsed.data.codes.map((code) => code.id));
  const added = runs.map(([first, last]): CodeEntry => {
    const id = newCodeId(ids, random);
    ids.add(id);
    return newCodeEntry(id, [first, last], fields, quoteOfLines(input.bodies, first, last));
  });
  const newText = serializeSidecar({ ...parsed.data, codes: [...parsed.data.codes, ...added] }, parsed);
  return { added, alreadyCoded, newText };
}
