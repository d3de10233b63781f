/**
 * What kind of problem a Problem is, as a stable kebab-case id: the diagnostic's code in
 * the editor's Problems panel, and what the editor's quick fixes look for instead of
 * matching message text (messages are for people and may be reworded). One id per kind a
 * person or tool would act on differently; the value beside each is its meaning.
 * A test checks that every id here is given somewhere in src and that none repeats.
 */
export const PROBLEM_KINDS = {
  'conflict-marker': 'a git merge conflict marker (<<<<<<<, =======, >>>>>>>) in a YAML file: the merge is unfinished',
  'conflict-recorded': 'a sidecar holds a `conflict:` record of a merge that could not decide: a person decides',
  'sidecar-invalid': 'a sidecar is not valid YAML or not a valid sidecar (keys, values, ids)',
  'codebook-invalid': 'the codebook is not valid YAML or not a valid codebook',
  'memos-invalid': 'the memos file is not valid YAML or not a valid memos file',
  'front-matter-invalid': "a transcript's YAML front matter is unclosed or cannot be read",
  'too-large': 'a file or its YAML is larger or nests deeper than the bounds in limits.ts: it is not read',
  'unreadable-text': 'a file cannot be read as text: binary, too large, or not valid in its encoding',
  'encoding-guessed': 'a file was read in an encoding guessed from its bytes rather than as UTF-8',
  'encoding-unknown': 'a transcript read as Windows-1252 may be in another encoding: which one is unknown',
  'refused-file': 'a file the study names is a link out of the study, a FIFO or the like: nothing is read from it',
  'file-unreadable': 'a file its file system could not give, twice (a network error, a rate limit): it is not taken for empty, nothing is written over it',
  'codebook-missing': 'the study has no codebook file',
  'sidecar-vanished': 'a sidecar was deleted while it was being read',
  'transcript-missing': "a sidecar's transcript does not exist (deleted, or renamed outside the editor)",
  'transcript-field': "a sidecar's `transcript:` names another file, or a path, rather than the transcript beside it",
  'unknown-code-path': 'a code path is not in the codebook',
  'unknown-polarity': 'a polarity is not one the codebook allows',
  'code-moved': "a code's quote is not on its lines but exactly elsewhere in the transcript: re-anchoring moves it",
  'quote-similar': "a code's quote is not on its lines; similar text is elsewhere: a person accepts it or not",
  'code-orphaned': "a code's quote is nowhere in the transcript: the code is kept until a person re-codes or removes it",
  'quote-missing': 'a code without a quote whose lines changed: whether they still hold its text cannot be checked',
  'interrupted-write': 'a temporary file left by a write that was interrupted',
  'export-left-out': 'something left out of an export (an unreadable file, a code past the end of its transcript)',
  'export-adjusted': 'something exported otherwise than the study holds it (a renamed code name, positions in other units, merged codings)',
  'media-missing': "the recording a transcript links (`media:`) does not exist: relinking fixes it",
  'media-link-invalid': 'a `media:` link is a URL, an absolute path or leads outside the workspace: nothing is loaded from it',
  'media-timestamp-order': 'a timestamp earlier than one above it: it is not used to find lines in the recording',
  'media-timestamp-past-end': 'a timestamp past the end of the linked recording',
  'media-no-timestamps': 'a transcript with a recording has no timestamps: where its lines are is estimated',
  'import-adjusted': 'something in an imported project left out or changed on its way into the study',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;
