/**
 * How alike two short texts are, for placing a code whose quote was edited. Dice's
 * coefficient over character bigrams: linear in the texts' length (a quote is at most
 * 80 characters), tolerant of a changed word or a typo, 1 for equal texts, 0 for texts
 * with nothing in common. Case and runs of whitespace are ignored.
 */
import { collapseWhitespace } from '../transcript';

export function normalizeForSimilarity(text: string): string {
  return collapseWhitespace(text).toLowerCase();
}

/** Similarity 0..1 of a code's quote and a candidate text. */
export function quoteSimilarity(quote: string, text: string): number {
  return new QuoteSimilarity(quote).to(text);
}

/** Dice's coefficient of the two strings' character-bigram multisets. */
export function diceSimilarity(left: string, right: string): number {
  return new BigramProfile(left).diceWith(right);
}

/** A quote prepared once, to be compared with many candidate texts. */
export class QuoteSimilarity {
  private readonly profile: BigramProfile;

  constructor(quote: string) {
    this.profile = new BigramProfile(normalizeForSimilarity(quote));
  }

  to(text: string): number {
    return this.profile.diceWith(normalizeForSimilarity(text));
  }

  /** For text already whitespace-collapsed (a quote from quoteOfLines): skips collapsing again. */
  toCollapsed(text: string): number {
    return this.profile.diceWith(text.toLowerCase());
  }
}

/**
 * One side's bigrams, sorted and counted, so each comparison is a lookup per bigram of
 * the other side — no sorting, no allocation beyond a reused counter array.
 */
class BigramProfile {
  private readonly keys: Int32Array;
  private readonly counts: Int32Array;
  private readonly remaining: Int32Array;
  private readonly size: number;

  constructor(private readonly text: string) {
    const codes = bigramCodes(text).sort();
    const keys: number[] = [];
    const counts: number[] = [];
    for (const code of codes) {
      if (keys.length > 0 && keys[keys.length - 1] === code) counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
      else {
        keys.push(code);
        counts.push(1);
      }
    }
    this.keys = Int32Array.from(keys);
    this.counts = Int32Array.from(counts);
    this.remaining = new Int32Array(counts.length);
    this.size = codes.length;
  }

  diceWith(other: string): number {
    if (other === this.text) return 1;
    const otherSize = other.length - 1;
    if (this.size === 0 || otherSize <= 0) return 0;
    this.remaining.set(this.counts);
    let shared = 0;
    for (let index = 0; index < otherSize; index++) {
      const at = this.find((other.charCodeAt(index) << 16) | other.charCodeAt(index + 1));
      if (at >= 0 && (this.remaining[at] as number) > 0) {
        (this.remaining[at] as number)--;
        shared++;
      }
    }
    return (2 * shared) / (this.size + otherSize);
  }

  private find(code: number): number {
    let low = 0;
    let high = this.keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const key = this.keys[middle] as number;
      if (key === code) return middle;
      if (key < code) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

function bigramCodes(text: string): Int32Array {
  const codes = new Int32Array(Math.max(0, text.length - 1));
  for (let index = 0; index < codes.length; index++) {
    codes[index] = (text.charCodeAt(index) << 16) | text.charCodeAt(index + 1);
  }
  return codes;
}
