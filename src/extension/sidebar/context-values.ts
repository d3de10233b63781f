/**
 * Every `contextValue` the sidebar's trees give their items, in one place: package.json's
 * menus choose an item's commands by it (`viewItem == tc.segment`,
 * `viewItem =~ /^tc\.offText/`), so a value renamed here and not there loses its menu in
 * silence. test/unit/context-values.test.ts reads the menus' `when` clauses and checks
 * that each value they name is here, and that each value here is named by a menu or
 * listed in WITHOUT_MENUS. No vscode import: the test runs in mocha.
 */
export const ContextValues = {
  /** Transcripts view: an agency grouping transcripts. */
  transcriptAgency: 'tc.transcriptAgency',
  /** Transcripts view: a transcript with nothing to warn about. */
  transcript: 'tc.transcript',
  /** Transcripts view: a transcript with an unreadable sidecar, orphans or codes off their text. */
  transcriptWarning: 'tc.transcript.warning',
  /** Transcripts view: a code off its text, found nowhere. */
  offText: 'tc.offText',
  /** Transcripts view: a code off its text with similar text elsewhere. */
  offTextSimilar: 'tc.offText.similar',
  /** Factors view: a sidecar that cannot be read. */
  brokenSidecar: 'tc.brokenSidecar',
  agency: 'tc.agency',
  /** Factors view: the codes of transcripts without an agency. */
  agencyUnassigned: 'tc.agency.unassigned',
  dimension: 'tc.dimension',
  dimensionUnassigned: 'tc.dimension.unassigned',
  memo: 'tc.memo',
  polarity: 'tc.polarity',
  factor: 'tc.factor',
  /** Factors view: one coded segment. */
  segment: 'tc.segment',
  /** Codebook view: a code path a sidecar uses that the codebook does not hold. */
  codeUnknown: 'tc.code.unknown',
  codeFramework: 'tc.code.framework',
  codeDimension: 'tc.code.dimension',
  codeIndicator: 'tc.code.indicator',
  /** Search Hits view: a transcript with hits, codable. */
  searchTranscript: 'tc.searchTranscript',
  /** Search Hits view: a transcript with hits whose sidecar cannot be read: listed, never coded. */
  searchTranscriptBroken: 'tc.searchTranscript.broken',
  /** Search Hits view: one hit line (clicked to open the transcript there). */
  searchHit: 'tc.searchHit',
} as const;

export type ContextValue = (typeof ContextValues)[keyof typeof ContextValues];

/**
 * Values no menu chooses by today: their items have no commands of their own (they are
 * clicked or expanded). Kept distinct so that a menu can be added without renaming.
 */
export const WITHOUT_MENUS: ReadonlySet<ContextValue> = new Set<ContextValue>([
  ContextValues.transcriptAgency,
  ContextValues.transcript,
  ContextValues.brokenSidecar,
  ContextValues.agency,
  ContextValues.agencyUnassigned,
  ContextValues.dimensionUnassigned,
  ContextValues.polarity,
  ContextValues.searchTranscriptBroken,
]);
