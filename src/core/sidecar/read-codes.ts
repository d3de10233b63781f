/**
 * Reading the `codes:` list of a sidecar: each code's fields, checked so that a code the
 * extension shows is one it can place, count and write back.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { CodeEntry, SourcePosition } from './model';
import { anchorOffset, describeNode, findAnchorOrAlias, findPair, scalarText } from '../yaml';
import { READ_ONLY, type ReadContext } from './yaml-nodes';

/** A code id: lowercase letters, digits and '-', starting with a letter or digit. */
export const CODE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/u;
/** `framework/dimension` or `framework/dimension/indicator`, each part an id. */
export const CODE_PATH_PATTERN = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*){1,2}$/u;
export const POLARITY_PATTERN = /^[a-z0-9][a-z0-9-]*$/u;

export function readCodes(
  pair: Pair | undefined,
  context: ReadContext,
): { codes: CodeEntry[]; codePositions: Map<string, SourcePosition> } {
  const { report, problems, at } = context;
  const codes: CodeEntry[] = [];
  const codePositions = new Map<string, SourcePosition>();
  const value = (pair?.value as Node | null | undefined) ?? null;
  if (value === null || (isScalar(value) && value.value === null)) return { codes, codePositions };
  if (!isSeq(value)) {
    problems.push(
      report(
        value.range?.[0] ?? 0,
        'error',
        `\`codes\` must be a list whose entries start with "- id: …"; found ${describeNode(value)}. ${READ_ONLY}`,
      ),
    );
    return { codes, codePositions };
  }
  const anchored = findAnchorOrAlias(value);
  if (anchored !== undefined) {
    problems.push(
      report(
        anchorOffset(anchored, context.text),
        'error',
        'YAML anchors (&name) and aliases (*name) are not allowed in `codes`: write each value out in full, ' +
          `so every tool reads the same codes. ${READ_ONLY}`,
      ),
    );
    return { codes, codePositions };
  }

  const offsetsById = new Map<string, number[]>();
  for (const item of (value as YAMLSeq<Node | null>).items) {
    const itemOffset = item?.range?.[0] ?? value.range?.[0] ?? 0;
    if (!isMap(item)) {
      problems.push(
        report(
          itemOffset,
          'error',
          `Each entry under \`codes:\` must be a map (id, lines, code, polarity, factor, quote, coder); found ${describeNode(item)}. ${READ_ONLY}`,
        ),
      );
      continue;
    }
    const code = readCode(item, context);
    if (code === undefined) continue;
    const offsets = offsetsById.get(code.id) ?? [];
    offsets.push(itemOffset);
    offsetsById.set(code.id, offsets);
    if (offsets.length === 1) codePositions.set(code.id, at(itemOffset));
    codes.push(code);
  }
  reportDuplicateIds(offsetsById, context);
  return { codes, codePositions };
}

function reportDuplicateIds(offsetsById: Map<string, number[]>, { report, problems, at }: ReadContext): void {
  for (const [id, offsets] of offsetsById) {
    if (offsets.length < 2) continue;
    const lines = offsets.map((offset) => at(offset).line);
    offsets.forEach((offset, index) => {
      const others = lines.filter((_, other) => other !== index).join(', ');
      problems.push(
        report(
          offset,
          'error',
          `Code id \`${id}\` is used more than once (also at line ${others}). Ids must be unique in the file: ` +
            `give one of these codes a new id. ${READ_ONLY}`,
          id,
        ),
      );
    });
  }
}

/** One code, or undefined when an error makes it unusable (the error is reported). */
function readCode(item: YAMLMap, context: ReadContext): CodeEntry | undefined {
  const { report, problems } = context;
  const errorsBefore = problems.filter((p) => p.severity === 'error').length;
  const itemOffset = item.range?.[0] ?? 0;

  const id = readText(item, 'id', context, undefined);
  let validId: string | undefined;
  if (id === undefined) {
    problems.push(
      report(itemOffset, 'error', `This code has no \`id\`. Add a unique id of lowercase letters and digits, e.g. \`id: k3x9a2mq\`. ${READ_ONLY}`),
    );
  } else if (!CODE_ID_PATTERN.test(id.value)) {
    problems.push(
      report(
        id.offset,
        'error',
        `Code id ${JSON.stringify(id.value)} is not valid: use 1–64 lowercase letters, digits and '-', starting with a letter or digit. ${READ_ONLY}`,
      ),
    );
  } else {
    validId = id.value;
  }

  const lines = readLines(item, context, validId);
  const code = readRequired(item, 'code', 'the code path, e.g. `code: jones/organization/coordination`', context, validId);
  if (code !== undefined && !CODE_PATH_PATTERN.test(code.value)) {
    problems.push(
      report(
        code.offset,
        'warning',
        `Code path ${JSON.stringify(code.value)} is not of the form framework/dimension or framework/dimension/indicator ` +
          "(lowercase letters, digits and '-'), so it cannot match the codebook.",
        validId,
      ),
    );
  }
  const polarity = readRequired(item, 'polarity', 'e.g. `polarity: supporting` (or inhibiting, effort, neutral)', context, validId);
  if (polarity !== undefined && !POLARITY_PATTERN.test(polarity.value)) {
    problems.push(
      report(
        polarity.offset,
        'warning',
        `Polarity ${JSON.stringify(polarity.value)} is not an id (lowercase letters, digits and '-'), so it cannot match the codebook.`,
        validId,
      ),
    );
  }
  // DESIGN lists factor, quote and coder as parts of every code, but a code without them
  // can still be placed, shown and counted: position and code path are what matter, and
  // the quote only helps to re-anchor. Sidecars from other tools or typed by hand often
  // lack one; making every code of the transcript read-only over that would be out of
  // proportion. So a missing one is a warning, read as '' and written on the next save.
  const factor = readForgiving(item, 'factor', 'the factor in a few words', context, validId);
  const quote = readForgiving(item, 'quote', 'the start of the coded text', context, validId);
  const memo = readText(item, 'memo', context, validId);
  const coder = readForgiving(item, 'coder', 'who made the code', context, validId);

  const errorsAfter = problems.filter((p) => p.severity === 'error').length;
  if (errorsAfter > errorsBefore || validId === undefined || lines === undefined || code === undefined || polarity === undefined) {
    return undefined;
  }
  const entry: CodeEntry = {
    id: validId,
    lines,
    code: code.value,
    polarity: polarity.value,
    factor,
    quote,
    coder,
  };
  if (memo !== undefined) entry.memo = memo.value;
  return entry;
}

/** A text field's value and where it is, undefined when absent; an error when it is not text. */
function readText(
  item: YAMLMap,
  key: string,
  { text, report, problems }: ReadContext,
  codeId: string | undefined,
): { value: string; offset: number } | undefined {
  const pair = findPair(item, key, text);
  if (pair === undefined) return undefined;
  const node = pair.value as Node | null;
  const offset = node?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? 0;
  if (node === null) return { value: '', offset };
  if (!isScalar(node)) {
    problems.push(
      report(
        offset,
        'error',
        `\`${key}\` must be text; found ${describeNode(node)}. If the text contains ": " or starts with "- ", put it in double quotes. ${READ_ONLY}`,
        codeId,
      ),
    );
    return undefined;
  }
  return { value: scalarText(node, text), offset };
}

function readRequired(
  item: YAMLMap,
  key: string,
  example: string,
  context: ReadContext,
  codeId: string | undefined,
): { value: string; offset: number } | undefined {
  const field = readText(item, key, context, codeId);
  if (field !== undefined && field.value !== '') return field;
  const hasPair = findPair(item, key, context.text) !== undefined;
  if (field === undefined && hasPair) return undefined; // wrong type, already reported
  context.problems.push(
    context.report(
      field?.offset ?? item.range?.[0] ?? 0,
      'error',
      `This code has ${hasPair ? 'an empty' : 'no'} \`${key}\`; add ${example}. ${READ_ONLY}`,
      codeId,
    ),
  );
  return undefined;
}

function readForgiving(item: YAMLMap, key: string, what: string, context: ReadContext, codeId: string | undefined): string {
  const field = readText(item, key, context, codeId);
  if (field !== undefined) return field.value;
  if (findPair(item, key, context.text) === undefined) {
    context.problems.push(
      context.report(
        item.range?.[0] ?? 0,
        'warning',
        `This code has no \`${key}\` (${what}); it is read as empty and written as \`${key}: ""\` on the next save.`,
        codeId,
      ),
    );
  }
  return '';
}

function readLines(item: YAMLMap, { text, report, problems }: ReadContext, codeId: string | undefined): [number, number] | undefined {
  const pair = findPair(item, 'lines', text);
  const fail = (offset: number, message: string): undefined => {
    problems.push(report(offset, 'error', `${message} ${READ_ONLY}`, codeId));
    return undefined;
  };
  const example = 'write the first and last line, e.g. `lines: [16, 18]`';
  if (pair === undefined) return fail(item.range?.[0] ?? 0, `This code has no \`lines\`; ${example}.`);
  const node = pair.value as Node | null;
  const offset = node?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? 0;
  if (!isSeq(node)) return fail(offset, `\`lines\` must be a list of two line numbers, but it is ${describeNode(node)}; ${example}.`);
  if (node.items.length !== 2) {
    return fail(offset, `\`lines\` must hold exactly two line numbers, first and last, but it holds ${node.items.length}; ${example}.`);
  }
  const numbers: number[] = [];
  for (const value of node.items as (Node | null)[]) {
    if (!isScalar(value) || typeof value.value !== 'number' || !Number.isSafeInteger(value.value)) {
      return fail(value?.range?.[0] ?? offset, `A line number must be a whole number, but \`lines\` holds ${describeNode(value)}; ${example}.`);
    }
    numbers.push(value.value);
  }
  const [first, last] = numbers as [number, number];
  if (first < 1) return fail(offset, `Line numbers start at 1, but \`lines\` starts at ${first}; ${example}.`);
  if (first > last) {
    return fail(offset, `\`lines: [${first}, ${last}]\` has its first line after its last; did you mean \`lines: [${last}, ${first}]\`?`);
  }
  return [first, last];
}
