/** Sidecar texts for the merge tests, written the way the sidecar writer writes them. */
import { strict as assert } from 'node:assert';
import { parseSidecar, type SidecarParseOk } from '../../src/core/sidecar';

export const FILE = 'kaban.txt.codes.yaml';

export interface CodeText {
  id: string;
  lines?: string;
  code?: string;
  polarity?: string;
  factor?: string;
  quote?: string;
  coder?: string;
  extra?: string;
}

export function code({ id, lines = '[2, 2]', code = 'jones/organization', polarity = 'inhibiting', factor = 'Tenaga TI kurang', quote = 'Masih kurang', coder = 'rina', extra = '' }: CodeText): string {
  return `  - id: ${id}
    lines: ${lines}
    code: ${code}
    polarity: ${polarity}
    factor: ${factor}
    quote: "${quote}"
    coder: ${coder}
${extra}`;
}

export function sidecar(codes: string[], attributes = '  agency: BKPSDMD\n  informant: Kepala Badan\n', header = ''): string {
  return `${header}version: 1
transcript: kaban.txt
attributes:
${attributes}codes:
${codes.join('')}`;
}

export function parsed(text: string): SidecarParseOk {
  const parse = parseSidecar(text, FILE);
  assert.equal(parse.status, 'ok', `does not parse:\n${text}\n${JSON.stringify(parse.problems)}`);
  return parse as SidecarParseOk;
}

