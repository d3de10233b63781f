/**
 * Tree item ids built from meaning (DESIGN §2): the same agency, dimension, polarity,
 * factor or segment gets the same id after every refresh, so VS Code keeps it expanded
 * and selected, and `reveal` finds it. Names are URI-encoded, so a '/' in an agency or
 * a factor name cannot be mistaken for a separator. No `vscode` import: the ids are
 * plain strings, tested as such.
 */
import { dimensionPathOf } from '../../core/codebook';
import { factorKey } from '../../core/study';

/** The agency key of transcripts without one: no agency name is empty. */
export const UNASSIGNED = '';

const part = (text: string): string => encodeURIComponent(text);
/** `framework/dimension` kept readable; anything odd in it encoded. */
const pathPart = (path: string): string => path.split('/').map(part).join('/');

export function agencyId(agency: string): string {
  return agency === UNASSIGNED ? 'unassigned' : `agency/${part(agency)}`;
}

export function dimensionId(agency: string, dimension: string): string {
  return `${agencyId(agency)}/dimension/${pathPart(dimensionPathOf(dimension))}`;
}

export function memoId(agency: string, dimension: string): string {
  return `${dimensionId(agency, dimension)}/memo`;
}

export function polarityId(agency: string, dimension: string, polarity: string): string {
  return `${dimensionId(agency, dimension)}/polarity/${part(polarity)}`;
}

export function factorId(agency: string, dimension: string, polarity: string, factor: string): string {
  return `${polarityId(agency, dimension, polarity)}/factor/${part(factorKey(factor))}`;
}

export function segmentId(agency: string, dimension: string, polarity: string, factor: string, sidecarPath: string, codeId: string): string {
  return `${factorId(agency, dimension, polarity, factor)}/segment/${part(sidecarPath)}#${part(codeId)}`;
}

export const PROBLEMS_ID = 'problems';

export function problemId(sidecarPath: string): string {
  return `${PROBLEMS_ID}/${part(sidecarPath)}`;
}

// The codebook view

export function frameworkNodeId(framework: string): string {
  return `framework/${part(framework)}`;
}

export function codeNodeId(path: string): string {
  const [framework = '', dimension, indicator] = path.split('/');
  let id = frameworkNodeId(framework);
  if (dimension !== undefined) id += `/dimension/${part(dimension)}`;
  if (indicator !== undefined) id += `/indicator/${part(indicator)}`;
  return id;
}

export const UNKNOWN_CODES_ID = 'unknown-codes';

export function unknownCodeId(path: string): string {
  return `${UNKNOWN_CODES_ID}/${part(path)}`;
}

// The transcripts view

export function transcriptId(agency: string, transcriptPath: string): string {
  return `${agencyId(agency)}/transcript/${pathPart(transcriptPath)}`;
}
