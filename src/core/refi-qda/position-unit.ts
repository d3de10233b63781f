/**
 * Which unit a source's selection positions count. REFI-QDA §10.2 says Unicode code
 * points; NVivo (Windows and Mac) and other .NET/JavaScript tools count UTF-16 code units.
 * The two readings differ only after a character outside the Basic Multilingual Plane
 * (an emoji, a historic script), and there a wrong reading moves every later selection.
 *
 * The choice is made per source, from the text itself: people select words and lines, so
 * the reading that puts more selection starts and ends on word or line boundaries is the
 * one the writing tool used. A position that falls inside a surrogate pair under the
 * UTF-16 reading is impossible for that reading. Only when both fit equally does the
 * writing tool decide (NVivo counts UTF-16 units; everything else is read as the spec says).
 */
import { codePointLength } from './text-positions';

type PositionUnit = 'code-points' | 'utf16';

export interface UnitChoice {
  unit: PositionUnit;
  /** True when the text holds a character outside the BMP, so the readings differ. */
  readingsDiffer: boolean;
  /** Selections whose start and end both fall on word or line boundaries, per reading. */
  fit: Record<PositionUnit, number>;
  selections: number;
  why: string;
}

export interface Span {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}_'’-]/u;

function toolCountsUtf16(origin: string | undefined): boolean {
  return /nvivo/iu.test(origin ?? '');
}

export function chooseUnit(text: string, spans: readonly Span[], origin: string | undefined): UnitChoice {
  const units = text.length;
  const points = codePointLength(text);
  const readingsDiffer = units !== points;
  const toolDefault: PositionUnit = toolCountsUtf16(origin) ? 'utf16' : 'code-points';
  if (!readingsDiffer || spans.length === 0) {
    const unit: PositionUnit = readingsDiffer ? toolDefault : 'code-points';
    return {
      unit,
      readingsDiffer,
      fit: { 'code-points': 0, utf16: 0 },
      selections: spans.length,
      why: readingsDiffer ? `no selections to compare; read as ${origin ?? 'the writing tool'} counts` : 'every character is in the BMP, so both readings agree',
    };
  }
  const chars = Array.from(text);
  const codePointFit = spans.filter((span) => onBoundary(chars, span.start) && onBoundary(chars, span.end)).length;
  const unitFit = spans.filter((span) => onUnitBoundary(text, span.start) && onUnitBoundary(text, span.end)).length;
  const fit = { 'code-points': codePointFit, utf16: unitFit };
  const unit: PositionUnit = unitFit > codePointFit ? 'utf16' : codePointFit > unitFit ? 'code-points' : toolDefault;
  const why =
    unitFit === codePointFit
      ? `both readings put ${unitFit} of ${spans.length} selections on word boundaries; read as ${toolDefault === 'utf16' ? `${origin ?? 'the tool'} counts (UTF-16 units)` : 'the REFI-QDA spec says (code points)'}`
      : `${fit[unit]} of ${spans.length} selections start and end on word or line boundaries read so, ${fit[unit === 'utf16' ? 'code-points' : 'utf16']} read as ${unit === 'utf16' ? 'code points' : 'UTF-16 units'}`;
  return { unit, readingsDiffer, fit, selections: spans.length, why };
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD.test(char);
}

/** A boundary between code points `position - 1` and `position`: text edge, or not word on both sides. */
function onBoundary(chars: readonly string[], position: number): boolean {
  if (position <= 0 || position >= chars.length) return position === 0 || position === chars.length;
  return !(isWordChar(chars[position - 1]) && isWordChar(chars[position]));
}

function onUnitBoundary(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return position === 0 || position === text.length;
  const before = text.charCodeAt(position - 1);
  if (before >= 0xd800 && before <= 0xdbff) return false; // inside a surrogate pair: impossible
  const previous = String.fromCodePoint(text.codePointAt(position - 1 - (before >= 0xdc00 && before <= 0xdfff ? 1 : 0)) ?? 0);
  const next = String.fromCodePoint(text.codePointAt(position) ?? 0);
  return !(isWordChar(previous) && isWordChar(next));
}

/** Converts UTF-16 offsets of `text` to code point offsets (an offset inside a pair maps to the pair's end). */
export function utf16ToCodePoints(text: string): (offset: number) => number {
  const map = new Int32Array(text.length + 1);
  let points = 0;
  for (let index = 0; index < text.length; index++) {
    map[index] = points;
    const unit = text.charCodeAt(index);
    if (!(unit >= 0xdc00 && unit <= 0xdfff && index > 0 && isHigh(text.charCodeAt(index - 1)))) points++;
    else map[index] = points;
  }
  map[text.length] = points;
  return (offset) => (offset >= 0 && offset <= text.length ? (map[offset] ?? offset) : offset - text.length + points);
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

