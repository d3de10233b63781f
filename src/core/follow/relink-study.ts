/**
 * Relinking over a whole study: every sidecar whose transcript file is gone is matched
 * (relink.ts) against the study's transcripts that have no sidecar of their own. Reads
 * through the `StudyReader` the adapters implement; writes nothing.
 */
import { decodeText, lineBodies, parseTranscript } from '../transcript';
import { matchTranscript, relinkedSidecarText, type RelinkCandidate, type RelinkMatch } from './relink';
import { isSidecarPath, type Study, type StudyReader } from '../study';
import { sidecarPathFor } from '../sidecar';

/** File endings of transcripts a sidecar can be relinked to. */
const TRANSCRIPT_ENDINGS = ['.txt', '.md', '.markdown'] as const;

export type PlannedRelink =
  | { sidecarPath: string; match: RelinkMatch; /** The sidecar's new text, for a match. */ newText?: string }
  | { sidecarPath: string; broken: string };

export async function planStudyRelinks(reader: StudyReader, study: Study): Promise<PlannedRelink[]> {
  const files = await reader.listFiles();
  const present = new Set(files);
  const lost = study.records.filter((record) => !present.has(record.transcriptPath));
  if (lost.length === 0) return [];
  const candidates = await loadCandidates(reader, files, present, study.codebook.path);
  const plans: PlannedRelink[] = lost.map((record) => {
    if (record.sidecar.status !== 'ok') {
      return { sidecarPath: record.sidecarPath, broken: `its transcript ${record.transcriptPath} is gone and the sidecar does not parse; fix it first (transcript-coder validate)` };
    }
    const codes = record.sidecar.data.codes.map((code) => ({ id: code.id, lines: code.lines, quote: code.quote }));
    const match = matchTranscript(codes, candidates);
    return match.kind === 'match'
      ? { sidecarPath: record.sidecarPath, match, newText: relinkedSidecarText(record.sidecar, match.transcriptPath) }
      : { sidecarPath: record.sidecarPath, match };
  });
  return withoutDoubleClaims(plans);
}

/** Two lost sidecars claiming the same transcript: neither is moved, both are reported as ambiguous. */
function withoutDoubleClaims(plans: PlannedRelink[]): PlannedRelink[] {
  const claims = new Map<string, number>();
  for (const plan of plans) if ('match' in plan && plan.match.kind === 'match') claims.set(plan.match.transcriptPath, (claims.get(plan.match.transcriptPath) ?? 0) + 1);
  return plans.map((plan) => {
    if (!('match' in plan) || plan.match.kind !== 'match' || (claims.get(plan.match.transcriptPath) ?? 0) < 2) return plan;
    const { transcriptPath, onText, quoted } = plan.match;
    const others = plans.filter((other) => other !== plan && 'match' in other && other.match.kind === 'match' && other.match.transcriptPath === transcriptPath);
    return {
      sidecarPath: plan.sidecarPath,
      match: { kind: 'ambiguous', candidates: [{ path: transcriptPath, onText }], quoted, claimedAlsoBy: others.map((other) => other.sidecarPath) },
    };
  });
}

async function loadCandidates(reader: StudyReader, files: readonly string[], present: ReadonlySet<string>, codebookPath: string): Promise<RelinkCandidate[]> {
  const paths = files.filter(
    (path) =>
      path !== codebookPath &&
      TRANSCRIPT_ENDINGS.some((ending) => path.toLowerCase().endsWith(ending)) &&
      !path.split('/').some((segment) => segment.startsWith('.')) &&
      !isSidecarPath(path) &&
      !present.has(sidecarPathFor(path)),
  );
  const loaded = await Promise.all(
    paths.map(async (path): Promise<RelinkCandidate | undefined> => {
      const bytes = await reader.readFile(path);
      const decoded = bytes === undefined ? undefined : decodeText(bytes);
      if (decoded === undefined || !decoded.ok) return undefined;
      return { path, bodies: lineBodies(parseTranscript(decoded.text, path).transcript) };
    }),
  );
  return loaded.filter((candidate): candidate is RelinkCandidate => candidate !== undefined);
}
