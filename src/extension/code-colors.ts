import { type Codebook, codeLabel, DEFAULT_POLARITIES, resolveCodePath } from '../core/codebook';
import { resolveLabel } from '../core/text';

/** Codes whose path the codebook does not know are drawn in a neutral grey, and reported. */
const UNKNOWN_CODE_COLOR = '#8c8c8c';

export function colorOfCode(codebook: Codebook | undefined, path: string): string {
  const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, path);
  return resolved?.dimension.color ?? UNKNOWN_CODE_COLOR;
}

export function labelOfCode(codebook: Codebook | undefined, path: string, language: string): string {
  const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, path);
  return resolved === undefined ? path : codeLabel(resolved, language);
}

export function labelOfPolarity(codebook: Codebook | undefined, polarity: string, language: string): string {
  const found = (codebook?.polarities ?? DEFAULT_POLARITIES).find((p) => p.id === polarity);
  return found === undefined ? polarity : resolveLabel(found.label, language, polarity);
}
