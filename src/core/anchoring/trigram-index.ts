/**
 * Candidate lines for an approximate quote match, so that similarity is computed for a
 * few dozen lines per code instead of every line of a 20,000-line transcript.
 *
 * Each line's start (normalised, first INDEXED_CHARS characters — a quote is the start
 * of a code's text) is cut into character trigrams, hashed into buckets, and stored as
 * posting lists in two flat arrays. A query votes with its rarest trigrams only: common
 * ones ("ang", "an ") would touch most lines and say little. Hash collisions only add
 * candidates; the caller scores every candidate with the real similarity.
 */
const BUCKET_BITS = 16;
const BUCKETS = 1 << BUCKET_BITS;
/** Characters of each line's normalised start that are indexed. */
export const INDEXED_CHARS = 64;
/** Trigrams of the query that vote, at most. */
const VOTING_TRIGRAMS = 16;
/** Postings a query may walk in all: bounds the work per code whatever the vocabulary. */
const VOTE_BUDGET = 3_000;
/** A candidate needs this share of the voting trigrams. */
const MIN_VOTE_SHARE = 0.3;

export class TrigramIndex {
  /** Bucket b's postings are postings[starts[b] .. starts[b + 1]). */
  private readonly starts: Int32Array;
  /** 1-based line numbers, ascending within a bucket. */
  private readonly postings: Int32Array;
  private readonly votes: Int32Array;
  private readonly lineCount: number;

  /** `texts[i]` is line i + 1, already normalised (see similarity.ts). */
  constructor(texts: readonly string[]) {
    this.lineCount = texts.length;
    // One pass hashes every line's distinct trigrams; a counting sort files them by bucket.
    const lastSeen = new Int32Array(BUCKETS);
    const counts = new Int32Array(BUCKETS + 1);
    let hashes = new Int32Array(1024);
    let hashCount = 0;
    const lineEnds = new Int32Array(texts.length);
    texts.forEach((text, index) => {
      forEachTrigram(text, (bucket) => {
        if (lastSeen[bucket] === index + 1) return; // each line once per bucket
        lastSeen[bucket] = index + 1;
        (counts[bucket + 1] as number)++;
        if (hashCount === hashes.length) {
          const grown = new Int32Array(hashes.length * 2);
          grown.set(hashes);
          hashes = grown;
        }
        hashes[hashCount++] = bucket;
      });
      lineEnds[index] = hashCount;
    });
    for (let bucket = 0; bucket < BUCKETS; bucket++) counts[bucket + 1] = (counts[bucket + 1] as number) + (counts[bucket] as number);
    this.starts = counts;
    this.postings = new Int32Array(hashCount);
    const cursor = counts.slice(0, BUCKETS);
    let at = 0;
    for (let line = 1; line <= texts.length; line++) {
      for (const end = lineEnds[line - 1] as number; at < end; at++) {
        const bucket = hashes[at] as number;
        this.postings[(cursor[bucket] as number)++] = line;
      }
    }
    this.votes = new Int32Array(texts.length + 1);
  }

  /** Lines sharing enough rare trigrams with the normalised query, most votes first. */
  candidates(normalizedQuery: string, limit: number): number[] {
    const buckets = new Set<number>();
    forEachTrigram(normalizedQuery.slice(0, INDEXED_CHARS), (bucket) => buckets.add(bucket));
    const tooCommon = Math.max(64, this.lineCount / 20);
    const sized = [...buckets]
      .map((bucket) => ({ bucket, size: (this.starts[bucket + 1] as number) - (this.starts[bucket] as number) }))
      .filter(({ size }) => size > 0 && size <= tooCommon)
      .sort((x, y) => x.size - y.size);
    const voting: typeof sized = [];
    let walked = 0;
    for (const trigram of sized) {
      if (voting.length === VOTING_TRIGRAMS || walked + trigram.size > VOTE_BUDGET) break;
      voting.push(trigram);
      walked += trigram.size;
    }
    if (voting.length === 0) return [];
    const needed = Math.max(1, Math.ceil(voting.length * MIN_VOTE_SHARE));
    const touched: number[] = [];
    const qualified: number[] = [];
    for (const { bucket } of voting) {
      for (let at = this.starts[bucket] as number; at < (this.starts[bucket + 1] as number); at++) {
        const line = this.postings[at] as number;
        const votes = (this.votes[line] as number) + 1;
        this.votes[line] = votes;
        if (votes === 1) touched.push(line);
        if (votes === needed) qualified.push(line);
      }
    }
    const found = qualified.sort((x, y) => (this.votes[y] as number) - (this.votes[x] as number) || x - y).slice(0, limit);
    for (const line of touched) this.votes[line] = 0;
    return found;
  }
}

function forEachTrigram(text: string, visit: (bucket: number) => void): void {
  for (let index = 0; index + 2 < text.length; index++) {
    let hash =
      Math.imul(text.charCodeAt(index), 0x9e3779b1) ^
      Math.imul(text.charCodeAt(index + 1), 0x85ebca77) ^
      Math.imul(text.charCodeAt(index + 2), 0xc2b2ae3d);
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x2c1b3c6d);
    visit(hash >>> (32 - BUCKET_BITS));
  }
}
