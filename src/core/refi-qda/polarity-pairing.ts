/**
 * Polarity codings that sit on selections of their own, given to the codes of the same
 * passage. Our export puts a segment's code and its polarity on one PlainTextSelection,
 * but QualCoder keeps every coding as its own row (code_text) and its exporter writes each
 * row as its own selection: the polarity comes back beside the code, at the same start and
 * end, by the same user, with the same Description. Pairing them again is what keeps the
 * polarity; without it the polarity codes would become codes of their own.
 */
import type { QdeSelection } from './read-project';

interface PairedPolarity {
  /** Polarity ids from selections beside this one, in document order. */
  polarities: string[];
  /** Their Descriptions that this selection does not already hold: kept in its memo. */
  descriptions: string[];
}

export interface PolarityPairing {
  /** Code-bearing selection → what the polarity-only selections beside it give it. */
  paired: Map<QdeSelection, PairedPolarity>;
  /** Polarity-only selections whose polarity went to code selections: their codings arrived there. */
  absorbed: Set<QdeSelection>;
}

/**
 * `polarityOf` gives the polarity id a code GUID stands for, `isCode` whether it is a code
 * line codes hold. Selections are paired by start, end and user (the coding's, else the
 * selection's). When a passage has several polarities beside several codes, a code takes
 * the polarity whose selection has its Description (QualCoder copies the segment's memo to
 * both); when that does not decide, it takes them all and the import names the choice.
 */
export function pairPolaritySelections(
  selections: readonly QdeSelection[],
  polarityOf: (codeGuid: string) => string | undefined,
  isCode: (codeGuid: string) => boolean,
): PolarityPairing {
  const placeOf = (selection: QdeSelection): string =>
    `${selection.start}|${selection.end}|${selection.codings[0]?.creatingUser ?? selection.creatingUser ?? ''}`;
  const polarityOnly = new Map<string, QdeSelection[]>();
  const withCodes = new Map<string, QdeSelection[]>();
  for (const selection of selections) {
    const { codings } = selection;
    if (codings.length > 0 && selection.noteRefs.length === 0 && codings.every((coding) => polarityOf(coding.codeGuid) !== undefined && coding.noteRefs.length === 0)) {
      push(polarityOnly, placeOf(selection), selection);
    } else if (codings.some((coding) => isCode(coding.codeGuid))) {
      push(withCodes, placeOf(selection), selection);
    }
  }
  const result: PolarityPairing = { paired: new Map(), absorbed: new Set() };
  const description = (selection: QdeSelection): string => (selection.description ?? '').trim();
  for (const [place, besides] of polarityOnly) {
    const codeSelections = withCodes.get(place) ?? [];
    if (codeSelections.length === 0) continue;
    for (const selection of besides) result.absorbed.add(selection);
    for (const selection of codeSelections) {
      const sameMemo = besides.filter((beside) => description(beside) !== '' && description(beside) === description(selection));
      const chosen = sameMemo.length > 0 ? sameMemo : besides;
      const polarities = unique(chosen.flatMap((beside) => beside.codings.map((coding) => polarityOf(coding.codeGuid) ?? '')));
      // A memo seen on no code of the passage is not lost: every code there keeps it.
      const descriptions = unique(besides.map(description)).filter(
        (text) => text !== '' && !codeSelections.some((other) => description(other) === text),
      );
      result.paired.set(selection, { polarities, descriptions });
    }
  }
  return result;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
