/**
 * Refusing YAML before it reaches the parser: too large, or nested deeper than any file a
 * person writes. The bounds themselves live in problems/limits.ts with every other bound.
 */
import { MAX_YAML_CHARS, MAX_YAML_NESTING } from '../problems';

/**
 * A rough upper bound on how deep the YAML nests, and the first line where it passes
 * `limit`. The yaml library recurses per level and overflows the stack at a few hundred
 * levels; after such an overflow, V8 has been seen to crash the whole process on the
 * next parse. Hand-written files nest a handful of levels, so deeper text is refused
 * before it reaches the parser.
 */
export function lineNestingPast(source: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let quote: '"' | "'" | undefined;
  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const body = line.trimStart();
    if (quote === undefined && (body === '' || body.startsWith('#'))) continue;
    const indent = line.length - body.length;
    while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
    indents.push(indent);
    const indicators = (/^(?:[-?:](?:[ \t]+|$))*/.exec(body)?.[0] ?? '').replace(/[ \t]/g, '').length;
    let deepestFlow = flowDepth;
    for (let i = 0; i < body.length; i++) {
      const char = body[i];
      const previous = i === 0 ? ' ' : (body[i - 1] ?? ' ');
      if (quote !== undefined) {
        if (char === '\\' && quote === '"') i++;
        else if (char === quote) quote = undefined;
      } else if ((char === '"' || char === "'") && /[\s[{,:]/.test(previous)) quote = char;
      else if (char === '#' && /\s/.test(previous)) break;
      else if (char === '[' || char === '{') deepestFlow = Math.max(deepestFlow, ++flowDepth);
      else if ((char === ']' || char === '}') && flowDepth > 0) flowDepth--;
    }
    if (indents.length + indicators + deepestFlow > limit) return index + 1;
  }
  return undefined;
}

/**
 * Why `text` is refused before it reaches the YAML parser, with the 1-based line to look
 * at, or undefined when it is within bounds. `what` names the file in the message: "a sidecar".
 */
export function yamlBoundsProblem(
  text: string,
  what: string,
  limits: { maxChars?: number; maxNesting?: number } = {},
): { line: number; message: string } | undefined {
  const maxChars = limits.maxChars ?? MAX_YAML_CHARS;
  const maxNesting = limits.maxNesting ?? MAX_YAML_NESTING;
  if (text.length > maxChars) {
    return {
      line: 1,
      message: `${what} of ${formatChars(text.length)} is larger than the ${formatChars(maxChars)} allowed; it is not read, so nothing in it is changed`,
    };
  }
  const line = lineNestingPast(text, maxNesting);
  if (line !== undefined) {
    return {
      line,
      message:
        `${what} nests more than ${maxNesting} levels deep here, where it needs fewer than 10; ` +
        'check the indentation and the brackets. It is not read, so nothing in it is changed',
    };
  }
  return undefined;
}

export function formatChars(count: number): string {
  const mib = count / (1024 * 1024);
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  const kib = count / 1024;
  if (kib >= 1) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
  return `${count} characters`;
}
