/**
 * What a study search looks for (issue 18): plain words, whole words or a regular
 * expression, matched against folded line bodies (fold.ts), and the filters that limit
 * it to a speaker, an agency, a folder or attribute values.
 *
 * A regular expression is the user's own text, run over every line of the study, so it
 * is checked before it runs:
 * - invalid: refused with the engine's message;
 * - matching empty text (`a*`): refused, since every line would be a hit;
 * - prone to catastrophic backtracking: refused when `safe-regex2` (fastify's, MIT,
 *   maintained, a few KB over the `ret` parser, pure JavaScript so the core stays pure)
 *   finds a repetition inside a repetition (`(a+)+`, `(\w+\s?)*`) or more than 25
 *   repetitions, or cannot read the pattern (lookbehind). It was chosen over `recheck`,
 *   whose exact checker ships as megabytes of compiled Scala or a native binary run in a
 *   worker: too large for an extension that must stay under 1 MB, and not pure.
 * `safe-regex2` is a heuristic: an ambiguous alternation under a star (`(a|a)*$`) passes
 * it. The search therefore also bounds its time per transcript (search.ts) and names the
 * pattern and the transcript when it stops; a single line's match cannot be interrupted
 * in JavaScript, which is why the check before running matters.
 */
import safeRegex from 'safe-regex2';
import { foldForSearch, needsFolding } from '../text';

type SearchMode = 'words' | 'whole-word' | 'regex';

export interface SearchQuery {
  /** What to look for; empty (with a speaker) finds every turn of that speaker. */
  pattern: string;
  mode: SearchMode;
  /** Only turns of this speaker label (folded comparison: `pewawancara` finds `Pewawancara:`). */
  speaker?: string;
  /** Only transcripts of this agency (the sidecar's `agency`, else the front matter's). */
  agency?: string;
  /** Only transcripts under this study-relative folder. */
  folder?: string;
  /** Only transcripts whose case attributes (sidecar, else front matter) have these values. */
  attributes?: Readonly<Record<string, string>>;
}

export interface CompiledQuery {
  readonly query: SearchQuery;
  /** Whether a line body (as written) is a hit. */
  matches(body: string): boolean;
}

/** A pattern that cannot be searched for: the message says which and why. */
export class SearchQueryError extends Error {}

/** Longer patterns are refused: no one types them, and they cost every line. */
const MAX_PATTERN_LENGTH = 1_000;
/** Letters, digits and `_` continue a word; anything else (spaces, punctuation, a speaker label's colon) ends it. */
const NOT_WORD_BEFORE = String.raw`(?<![\p{L}\p{N}_])`;
const NOT_WORD_AFTER = String.raw`(?![\p{L}\p{N}_])`;

export function compileQuery(query: SearchQuery): CompiledQuery {
  const pattern = query.pattern;
  if (pattern.length > MAX_PATTERN_LENGTH) throw new SearchQueryError(`the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are searched for`);
  if (pattern.trim() === '') {
    if (query.speaker === undefined || query.speaker.trim() === '') throw new SearchQueryError('nothing to search for: give a pattern, or a speaker to find every turn of');
    return { query, matches: () => true };
  }
  const regex = query.mode === 'regex' ? userRegex(pattern) : wordsRegex(pattern, query.mode === 'whole-word');
  // Every regex here is case-insensitive, so plain ASCII is read as it is (fold.ts).
  return { query, matches: (body) => regex.test(needsFolding(body) ? foldForSearch(body) : body) };
}

/** Plain words: the folded text as written, any run of white space matching any other. */
function wordsRegex(pattern: string, wholeWord: boolean): RegExp {
  const words = foldForSearch(pattern).trim().split(/\s+/u).map(escapeRegex);
  const body = words.join(String.raw`\s+`);
  return new RegExp(wholeWord ? `${NOT_WORD_BEFORE}(?:${body})${NOT_WORD_AFTER}` : body, 'iu');
}

function escapeRegex(text: string): string {
  // Only the syntax characters: in Unicode mode an escaped `-` or `/` is itself an error.
  return text.replace(/[\\^$.*+?()[\]{}|]/gu, '\\$&');
}

/**
 * The user's regular expression over folded text: case-insensitive, and with the
 * combining marks of its own letters dropped, as they are from the text (`é` in the
 * pattern finds `e`). Unicode mode first (`\p{L}` works); a pattern only the legacy
 * syntax reads (`\-` outside a class) is taken that way.
 */
function userRegex(pattern: string): RegExp {
  const source = pattern.normalize('NFD').replace(/\p{M}+/gu, '');
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'iu');
  } catch (unicodeError) {
    try {
      regex = new RegExp(source, 'i');
    } catch {
      throw new SearchQueryError(`/${pattern}/ is not a valid regular expression: ${messageOf(unicodeError)}`);
    }
  }
  if (!safeRegex(source)) {
    throw new SearchQueryError(
      `/${pattern}/ was not run: it repeats a repetition (as in (a+)+ or (\\w+\\s?)*), which can take exponential time on one line, ` +
        `or uses syntax the safety check cannot read (lookbehind); rewrite it without the nested repetition`,
    );
  }
  if (regex.test('')) throw new SearchQueryError(`/${pattern}/ matches empty text, so every line would be a hit; make it match at least one character`);
  return regex;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // "Invalid regular expression: /x/iu: Unterminated group" → "Unterminated group"
  return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /su, '');
}
