/**
 * CSV as R, SPSS and Excel read it: RFC 4180 (fields with a comma, quote or line break
 * are quoted, quotes doubled; records end in CRLF), encoded as UTF-8 with a byte order
 * mark. Excel opens a CSV without a BOM in the machine's ANSI code page, which turns
 * Indonesian names and quotes with curly quotes or diacritics into mojibake; with the
 * BOM it reads UTF-8. R's read.csv (`fileEncoding = "UTF-8-BOM"`), readr and SPSS 21+
 * all accept the BOM.
 *
 * Cells hold text from transcripts and sidecars, which anyone can write. A cell that
 * starts with = + - @ (or a tab or carriage return) is a formula to a spreadsheet —
 * `=cmd|' /C calc'!A0` runs a program in old Excel — so such a cell is written with a
 * leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection).
 * Numbers the exporter writes itself (counts, line numbers) are never changed.
 */

const BYTE_ORDER_MARK = '\ufeff';
const RECORD_END = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/u;

export type CsvValue = string | number | null | undefined;

/** A text cell made inert for spreadsheets; numbers pass unchanged. */
export function neutralizeFormula(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvField(value: CsvValue): string {
  const text = neutralizeFormula(value);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + RECORD_END;
}

/** The whole file, header first, as UTF-8 bytes with a BOM. */
export function encodeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): Uint8Array {
  const text = BYTE_ORDER_MARK + csvRecord(header) + rows.map(csvRecord).join('');
  return new TextEncoder().encode(text);
}
