/**
 * Git's conflict markers: the one rule every reader of a study file uses (issue 14 —
 * codebook, memos and sidecar readers, the sidecar's fast path and the marker splitter
 * used to disagree on a separator with a trailing space).
 *
 * What git writes (xdiff/xmerge.c) is a line that starts with seven marker characters:
 *
 *     <<<<<<< ours-label
 *     ||||||| base-label        diff3/zdiff3 only; git may write it bare
 *     =======
 *     >>>>>>> theirs-label
 *
 * The rule, decided deliberately:
 * - `<<<<<<<`, `|||||||`, `>>>>>>>`: at the start of the line, then a space (and a
 *   label) or the end of the line. Eight or more characters, or a tab, is not a marker.
 * - `=======`: at the start of the line, then only spaces or tabs. Git writes none, but a
 *   trailing blank added by an editor or a copy must not hide a conflict: a line of seven
 *   `=` at column one is never a value in our YAML files, so accepting it costs nothing.
 *   Other white space (no-break space, …) is text.
 * - Lines end at `\n`; a `\r` before it belongs to the line break (a CRLF file, for which
 *   git writes CRLF markers). A lone `\r` is not a line break here, as in the yaml
 *   library's line counter; the sidecar reader turns lone `\r` into `\n` before it asks.
 * - A marker indented (inside a block scalar) is text.
 */
export type ConflictMarker = '<<<<<<<' | '|||||||' | '=======' | '>>>>>>>';

/** The same rule over a whole text at once, for the sidecar's fast path. */
const ANY_MARKER_LINE = /(?:^|\n)(?:(?:<{7}|\|{7}|>{7})(?: |\r?\n|\r?$)|={7}[ \t]*(?:\r?\n|\r?$))/u;

/** The marker a line (without its line break) starts with, if it is a conflict-marker line. */
export function conflictMarkerOf(line: string): ConflictMarker | undefined {
  if (line.length < 7) return undefined;
  const first = line[0];
  if (first !== '<' && first !== '|' && first !== '>' && first !== '=') return undefined;
  for (let index = 1; index < 7; index++) if (line[index] !== first) return undefined;
  const rest = line.slice(7);
  const fits = first === '=' ? /^[ \t]*$/u.test(rest) : rest === '' || rest.startsWith(' ');
  return fits ? (line.slice(0, 7) as ConflictMarker) : undefined;
}

/** Every conflict-marker line of a text, with its 1-based line number. */
export function conflictMarkerLines(text: string): { line: number; marker: ConflictMarker }[] {
  const found: { line: number; marker: ConflictMarker }[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const marker = conflictMarkerOf(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine);
    if (marker !== undefined) found.push({ line: index + 1, marker });
  });
  return found;
}

/** Whether any line of a text is a conflict-marker line: one regex scan, no split. */
export function containsConflictMarker(text: string): boolean {
  return ANY_MARKER_LINE.test(text);
}
