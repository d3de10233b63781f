/**
 * Relinking a sidecar whose transcript is gone (renamed or moved outside the editor:
 * `git mv`, a file manager). The sidecar is matched to the transcript of the study that
 * holds its quotes: a candidate matches when most of the sidecar's quoted codes are on
 * their text there (in place, or the exact quote elsewhere — `reanchor`'s 'in-place' and
 * 'moved'). When two or more candidates match, the choice would be a guess: both are
 * reported and nothing is changed.
 *
 * Pure: the adapters (CLI, extension) read the files and write the result.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { reanchor, type AnchoredCode } from '../anchoring';
import { parseSidecar, renderValue, serializeSidecar, type SidecarParseOk, sidecarPathFor } from '../sidecar';
import { basenameOf } from './study-path';

/** A transcript of the study that has no sidecar of its own, with its line bodies. */
export interface RelinkCandidate {
  path: string;
  bodies: readonly string[];
}

interface CandidateScore {
  path: string;
  /** Quoted codes on their text in this transcript. */
  onText: number;
}

export type RelinkMatch =
  | { kind: 'match'; transcriptPath: string; newSidecarPath: string; onText: number; quoted: number }
  | { kind: 'ambiguous'; candidates: CandidateScore[]; quoted: number; /** Other lost sidecars that match the same transcript. */ claimedAlsoBy?: string[] }
  | { kind: 'none'; best?: CandidateScore; quoted: number };

/** Whether `onText` of `quoted` codes is "most": more than half, and at least one. */
export function isMostCodes(onText: number, quoted: number): boolean {
  return quoted > 0 && onText * 2 > quoted;
}

/**
 * The candidate transcript that holds most of these codes on their text. Codes without a
 * quote prove nothing and are not counted.
 */
export function matchTranscript(codes: readonly AnchoredCode[], candidates: readonly RelinkCandidate[]): RelinkMatch {
  const quotedCodes = codes.filter((code) => code.quote.trim() !== '');
  const quoted = quotedCodes.length;
  const scores: CandidateScore[] = candidates
    .map((candidate) => ({
      path: candidate.path,
      onText: reanchor(candidate.bodies, quotedCodes).filter((result) => result.status === 'in-place' || result.status === 'moved').length,
    }))
    .sort((a, b) => b.onText - a.onText || a.path.localeCompare(b.path));
  const matching = scores.filter((score) => isMostCodes(score.onText, quoted));
  if (matching.length > 1) return { kind: 'ambiguous', candidates: matching, quoted };
  const [only] = matching;
  if (only !== undefined) return { kind: 'match', transcriptPath: only.path, newSidecarPath: sidecarPathFor(only.path), onText: only.onText, quoted };
  const best = scores[0];
  return best !== undefined && best.onText > 0 ? { kind: 'none', best, quoted } : { kind: 'none', quoted };
}

/**
 * The sidecar's text with `transcript:` naming its new transcript; every other byte —
 * comments, unknown keys, order, missing optional keys — kept as it was: only the value
 * on that line is replaced. Where that cannot be done (a value over several lines, flow
 * style), the sidecar writer writes it, which keeps comments and unknown keys.
 */
export function relinkedSidecarText(parsed: SidecarParseOk, newTranscriptPath: string): string {
  const name = basenameOf(newTranscriptPath);
  const text = parsed.source.text;
  const inPlace = replacedTranscriptValue(text, name);
  if (inPlace !== undefined) {
    const check = parseSidecar(inPlace, `${name}.codes.yaml`);
    if (check.status === 'ok' && check.data.transcript === name) return parsed.source.lineEnding === '\r\n' ? inPlace.replace(/\n/gu, '\r\n') : inPlace;
  }
  return serializeSidecar({ ...parsed.data, transcript: name }, parsed);
}

function replacedTranscriptValue(text: string, name: string): string | undefined {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (!isMap(document.contents)) return undefined;
  const pair = document.contents.items.find((item) => isScalar(item.key) && item.key.value === 'transcript');
  const value = pair?.value;
  if (!isScalar(value) || value.range === undefined || value.range === null) return undefined;
  const [start, end] = value.range;
  const rendered = renderValue(name, 'text');
  if (rendered.following.length > 0 || text.slice(start, end).includes('\n')) return undefined;
  return text.slice(0, start) + rendered.inline + text.slice(end);
}

/** One line saying what a match means, for the CLI and the editor (plain text, no Markdown). */
export function describeRelink(sidecarPath: string, match: RelinkMatch): string {
  switch (match.kind) {
    case 'match':
      return `${sidecarPath} -> ${match.newSidecarPath}: ${match.onText} of ${match.quoted} quoted codes are on their text in ${match.transcriptPath}`;
    case 'ambiguous':
      if (match.claimedAlsoBy !== undefined) {
        return `${sidecarPath}: its quotes fit ${match.candidates[0]?.path ?? ''}, but so do those of ${match.claimedAlsoBy.join(', ')}; nothing changed, rename the sidecar by hand`;
      }
      return `${sidecarPath}: its quotes fit ${match.candidates.length} transcripts equally well (${match.candidates
        .map((candidate) => `${candidate.path}: ${candidate.onText} of ${match.quoted}`)
        .join('; ')}); nothing changed, rename the sidecar by hand`;
    case 'none':
      return match.quoted === 0
        ? `${sidecarPath}: no code has a quote, so no transcript can be matched; rename the sidecar by hand`
        : `${sidecarPath}: no transcript holds most of its ${match.quoted} quoted codes${
            match.best ? ` (best: ${match.best.path}, ${match.best.onText} of ${match.quoted})` : ''
          }; nothing changed`;
  }
}
