/** Hand decorations of written sidecars, for the writer's property tests. */
import fc from 'fast-check';

/**
 * Comments and blank lines added to a canonical sidecar the way a person would: whole
 * comment lines at any indentation, blank lines, comments at line ends with aligning
 * spaces. Never inside a literal block, where they would be part of the text.
 */
export interface Decoration {
  at: number;
  kind: 'comment' | 'blank' | 'end-of-line';
  indent: number;
  words: string;
}
export const decoration: fc.Arbitrary<Decoration> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('comment', 'blank', 'end-of-line'),
  indent: fc.integer({ min: 0, max: 8 }),
  words: fc.oneof(fc.stringMatching(/^[a-z :#-]{0,20}$/u), fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => s.replace(/[\r\n\u0085\u2028\u2029]/gu, ''))),
});

export function decorate(canonical: string, decorations: readonly Decoration[]): string {
  const lines = canonical.replace(/\n$/u, '').split('\n');
  // Lines that belong to a literal block (and the line just after one, where a blank
  // line would be kept by `|+`) take no decoration.
  const blockLine = new Array<boolean>(lines.length + 1).fill(false);
  for (let i = 0; i < lines.length; i++) {
    // Only spaces and tabs are white space to YAML (a no-break space is text).
    const header = /^ *(?:- )?(?:[^ \t].*)?: [|>][-+0-9]*$/su.exec(lines[i] ?? '');
    if (header === null) continue;
    const keyIndent = (lines[i] ?? '').search(/[^ ]/u);
    let j = i + 1;
    const inBlock = (line: string): boolean => /^ *$/u.test(line) || line.search(/[^ ]/u) > keyIndent;
    while (j < lines.length && inBlock(lines[j] ?? '')) blockLine[j++] = true;
    blockLine[j] = true;
    // The header line itself may take an end-of-line comment.
  }
  const out = lines.map((line, index) => ({ line, before: [] as string[], free: !blockLine[index] }));
  out.push({ line: '', before: [], free: !blockLine[lines.length] });
  for (const { at, kind, indent, words } of decorations) {
    const target = out[at % out.length];
    if (target === undefined || !target.free) continue;
    if (kind === 'blank') target.before.push('');
    else if (kind === 'comment') target.before.push(`${' '.repeat(indent)}#${words}`);
    else if (target !== out[out.length - 1] && !/#/u.test(target.line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/gu, ''))) {
      target.line += `${' '.repeat(indent + 1)}#${words}`;
    }
  }
  const last = out.pop();
  return [...out.flatMap(({ line, before }) => [...before, line]), ...(last?.before ?? [])].join('\n') + '\n';
}
