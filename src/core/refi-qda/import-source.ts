/**
 * One REFI-QDA text source as a transcript and its sidecar: its selections become line
 * codes, each coding of a code one code (a selection coded with three codes gives three),
 * the polarity coding its polarity; selections that cover only part of a line are
 * widened to whole lines and reported with the text that was added.
 */
import { problem, type Problem } from '../problems';
import { collapseWhitespace, lineBodies, parseTranscript, quoteOfLines } from '../transcript';
import { CODE_ID_PATTERN, type CodeEntry, emptySidecar, type SidecarData } from '../sidecar';
import type { ImportedCodebook } from './import-codebook';
import { pairPolaritySelections } from './polarity-pairing';
import type { QdeProject, QdeSelection, QdeTextSource } from './read-project';
import { sha1 } from './stable-guid';
import { linesOfSelection, type LineLayout } from './text-positions';
import { splitTrailer, trailerText } from './trailer';

export interface SourceContext {
  project: QdeProject;
  codebook: ImportedCodebook;
  /** Reads a note's text kept in the archive (`internal://…`). */
  noteText(guid: string): string | undefined;
  /** Where notices about project.qde point. */
  qdeFile: string;
  /** Source GUID → names of the source Sets it is a member of. */
  setsOfSource: Map<string, string[]>;
  /** Filled in: the Cases and Notes that reached a sidecar. */
  arrivedCases: Set<string>;
  arrivedNotes: Set<string>;
  /** Said in widening notices when the text holds characters outside the BMP: which reading of positions was used. */
  positionReading?: string;
  /** GUIDs of Cases: a coding of a code with one of these puts the source in that case. */
  caseGuids?: ReadonlySet<string>;
  /** Selection GUID → the duplicate segments our export merged into it (machine-map.ts). */
  merged?: ReadonlyMap<string, ReadonlyArray<{ id: string; factor: string; polarity: string; memo?: string }>>;
}

export interface ImportedSource {
  text: string;
  sidecar: SidecarData;
  widened: number;
  /** Coding elements that became (part of) a line code. */
  codingsArrived: number;
}

export function importSource(
  source: QdeTextSource,
  path: string,
  layout: readonly LineLayout[],
  totalCodePoints: number,
  context: SourceContext,
  notices: Problem[],
): ImportedSource {
  const text = layout.length === 0 ? '' : layout.map((line) => line.text).join('\n') + '\n';
  const bodies = lineBodies(parseTranscript(text, path).transcript);
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  const sidecar = emptySidecar(fileName, sourceAttributes(source, context, path, notices));
  const takenIds = new Set<string>();
  let widened = 0;
  let codingsArrived = 0;
  const notice = (selection: QdeSelection, message: string, where: { line: number; column: number } = selection): void => {
    notices.push(problem('import-adjusted', context.qdeFile, where.line, where.column, 'warning', `${path}: selection "${shorten(selection.name ?? selection.guid)}" ${message}`));
  };
  const lost = (selection: QdeSelection): string => (selection.codings.length === 0 ? '' : ` (${selection.codings.length} coding(s) lost)`);

  const targetOf = (codeGuid: string) => (context.caseGuids?.has(codeGuid) === true ? undefined : context.codebook.targets.get(codeGuid));
  const besides = pairPolaritySelections(
    source.selections,
    (codeGuid) => {
      const target = targetOf(codeGuid);
      return target?.kind === 'polarity' ? target.id : undefined;
    },
    (codeGuid) => targetOf(codeGuid)?.kind === 'code',
  );

  for (const selection of source.selections) {
    if (besides.absorbed.has(selection)) {
      // Its polarity went to the codes beside it (polarity-pairing.ts).
      codingsArrived += selection.codings.length;
      continue;
    }
    const lines = linesOfSelection(layout, selection.start, selection.end, totalCodePoints);
    if (lines.status !== 'lines') {
      notice(
        selection,
        lines.status === 'empty'
          ? `(positions ${selection.start}–${selection.end}) covers no text, only line breaks or nothing; left out${lost(selection)}`
          : `(positions ${selection.start}–${selection.end}) lies outside the text (${totalCodePoints} code points); left out${lost(selection)}`,
      );
      continue;
    }
    // Each code with the user who applied it: coders are per coding in REFI-QDA, as in sidecars.
    const codes: Array<{ path: string; userGuid: string | undefined }> = [];
    const polarities: string[] = [];
    let usable = 0;
    let caseCodings = 0;
    for (const coding of selection.codings) {
      const target = context.codebook.targets.get(coding.codeGuid);
      if (context.caseGuids?.has(coding.codeGuid) === true) {
        caseCodings++;
        context.arrivedCases.add(coding.codeGuid);
      } else if (target?.kind === 'code') {
        usable++;
        if (!codes.some((code) => code.path === target.path)) codes.push({ path: target.path, userGuid: coding.creatingUser ?? selection.creatingUser });
      } else if (target?.kind === 'polarity') {
        usable++;
        if (!polarities.includes(target.id)) polarities.push(target.id);
      } else {
        notice(
          selection,
          target === undefined
            ? `is coded with code ${coding.codeGuid === '' ? '(no CodeRef)' : coding.codeGuid}, which the codebook never defines; that coding is left out`
            : `is coded with "${target.name}", a folder; that coding is left out`,
          coding,
        );
      }
    }
    codingsArrived += caseCodings;
    if (codes.length === 0) {
      if (selection.codings.length > caseCodings || selection.noteRefs.length > 0) notice(selection, `has no code that line codes can hold; left out${lost(selection)}`);
      continue;
    }
    codingsArrived += usable;
    const paired = besides.paired.get(selection);
    for (const id of paired?.polarities ?? []) if (!polarities.includes(id)) polarities.push(id);
    const { human, fields } = splitTrailer(selection.description);
    const storedPolarity = trailerText(fields?.['polarity']);
    // Our export writes a polarity coding once per place and coder; the machine map keeps each segment's own.
    if (storedPolarity !== undefined && context.codebook.codebook.polarities.some((polarity) => polarity.id === storedPolarity)) polarities.unshift(storedPolarity);
    else if (polarities.length > 1) notice(selection, `has ${polarities.length} polarities (${polarities.join(', ')}); kept the first`);

    const quote = quoteOfLines(bodies, lines.first, lines.last);
    if (/\S/u.test(lines.addedBefore) || /\S/u.test(lines.addedAfter)) {
      widened++;
      const added = [
        lines.addedBefore.trim() === '' ? '' : `"${shorten(lines.addedBefore.trim())}" before`,
        lines.addedAfter.trim() === '' ? '' : `"${shorten(lines.addedAfter.trim())}" after`,
      ].filter((part) => part !== '');
      const reading = context.positionReading === undefined ? '' : ` (${context.positionReading})`;
      notice(selection, `covers only part of ${lines.first === lines.last ? `line ${lines.first}` : `lines ${lines.first}–${lines.last}`}; widened to the whole line${lines.first === lines.last ? '' : 's'}, adding ${added.join(' and ')}${reading}`);
    }

    const storedFactor = trailerText(fields?.['factor']);
    const factor = factorOf(selection, storedFactor, quote, layout, lines.first, lines.last);
    const noteGuids = [...selection.noteRefs, ...selection.codings.flatMap((coding) => coding.noteRefs)];
    for (const guid of noteGuids) if (context.noteText(guid) !== undefined) context.arrivedNotes.add(guid);
    const storedMemo = trailerText(fields?.['memo']);
    const memo = (storedMemo !== undefined ? [storedMemo] : [human, ...noteGuids.map((guid) => context.noteText(guid) ?? ''), ...(paired?.descriptions ?? [])])
      .map((part) => part.trim())
      // Our export writes a memo both as the Description (QualCoder reads it there) and as a Note.
      .filter((part, index, parts) => part !== '' && parts.indexOf(part) === index);
    codes.forEach(({ path: code, userGuid }, index) => {
      const coder = userGuid === undefined ? '' : (context.project.users.get(userGuid) ?? '');
      const storedId = index === 0 ? trailerText(fields?.['id']) : undefined;
      const id =
        storedId !== undefined && CODE_ID_PATTERN.test(storedId) && !takenIds.has(storedId)
          ? storedId
          : derivedCodeId(`${selection.guid}#${code}`, takenIds);
      takenIds.add(id);
      const entry: CodeEntry = {
        id,
        lines: [lines.first, lines.last],
        code,
        polarity: polarities[0] ?? context.codebook.defaultPolarity,
        factor,
        quote,
        coder,
      };
      if (memo.length > 0) entry.memo = memo.join('\n\n');
      sidecar.codes.push(entry);
      if (index !== 0) return;
      for (const duplicate of context.merged?.get(selection.guid) ?? []) {
        const duplicateId = CODE_ID_PATTERN.test(duplicate.id) && !takenIds.has(duplicate.id) ? duplicate.id : derivedCodeId(`${selection.guid}#${duplicate.id}`, takenIds);
        takenIds.add(duplicateId);
        const copy: CodeEntry = { ...entry, id: duplicateId, factor: duplicate.factor, polarity: duplicate.polarity };
        delete copy.memo;
        if (duplicate.memo !== undefined && duplicate.memo.trim() !== '') copy.memo = duplicate.memo;
        sidecar.codes.push(copy);
      }
    });
  }
  return { text, sidecar, widened, codingsArrived };
}

/**
 * The factor: the one stored by this tool unless the selection was renamed in the other
 * tool; for another tool's selection its name, unless that name is just the start of the
 * selected text (ATLAS.ti names quotations so), which names no factor.
 */
function factorOf(
  selection: QdeSelection,
  storedFactor: string | undefined,
  quote: string,
  layout: readonly LineLayout[],
  first: number,
  last: number,
): string {
  const name = (selection.name ?? '').trim();
  if (storedFactor !== undefined) return name === '' || name === (storedFactor || quote) ? storedFactor : name;
  const withoutEllipsis = collapseWhitespace(name.replace(/(?:…|\.\.\.)$/u, ''));
  const selected = collapseWhitespace(layout.slice(first - 1, last).map((line) => line.text).join(' '));
  return withoutEllipsis === '' || selected.includes(withoutEllipsis) ? '' : name;
}

/**
 * Attributes of the new sidecar: the source's own variables, then those of the case it
 * belongs to; the case names the agency when no variable does.
 */
function sourceAttributes(source: QdeTextSource, context: SourceContext, path: string, notices: Problem[]): Record<string, string> {
  // A Map, not an object: a variable may be called "constructor" or "__proto__".
  const attributes = new Map<string, string>();
  const set = (variableGuid: string, value: string): void => {
    const name = context.project.variables.get(variableGuid)?.name.trim();
    if (name === undefined || name === '' || value.trim() === '' || attributes.has(name)) return;
    attributes.set(name, value);
  };
  for (const value of source.variables) set(value.variableGuid, value.value);
  const selectionGuids = new Set(source.selections.map((selection) => selection.guid));
  const codedCases = new Set(source.selections.flatMap((selection) => selection.codings.map((coding) => coding.codeGuid)));
  const cases = context.project.cases.filter(
    (entry) => entry.sourceRefs.includes(source.guid) || entry.selectionRefs.some((guid) => selectionGuids.has(guid)) || codedCases.has(entry.guid),
  );
  const [first, ...others] = cases;
  if (first !== undefined) {
    for (const value of first.variables) set(value.variableGuid, value.value);
    if (!attributes.has('agency') && first.name.trim() !== '') attributes.set('agency', first.name.trim());
  }
  for (const entry of cases) context.arrivedCases.add(entry.guid);
  if (others.length > 0) {
    // Every case keeps its name on the source; the variables of one only, since attributes hold one value.
    if (!attributes.has('cases')) attributes.set('cases', cases.map((entry) => entry.name.trim()).join('; '));
    notices.push(
      problem('import-adjusted', context.qdeFile, source.line, source.column, 'warning', `${path}: belongs to ${cases.length} cases (all named in its "cases" attribute); its variables come from the first, "${first?.name ?? ''}"`),
    );
  }
  const sets = context.setsOfSource.get(source.guid);
  if (sets !== undefined && sets.length > 0 && !attributes.has('sets')) attributes.set('sets', sets.join('; '));
  const fileMemo = source.noteRefs.map((guid) => {
    const text = context.noteText(guid);
    if (text !== undefined) context.arrivedNotes.add(guid);
    return (text ?? '').trim();
  }).filter((text) => text !== '');
  if (fileMemo.length > 0 && !attributes.has('memo')) attributes.set('memo', fileMemo.join('\n\n'));
  return Object.fromEntries(attributes);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LETTERS_AND_DIGITS = LETTERS + '0123456789';

/** An id in the shape newCodeId makes, derived from `seed`, so importing the same file twice gives the same ids. */
function derivedCodeId(seed: string, taken: ReadonlySet<string>): string {
  for (let attempt = 0; ; attempt++) {
    const hash = sha1(new TextEncoder().encode(attempt === 0 ? seed : `${seed}#${attempt}`));
    let id = LETTERS[(hash[0] ?? 0) % LETTERS.length] ?? 'a';
    for (let index = 1; index < 8; index++) id += LETTERS_AND_DIGITS[(hash[index] ?? 0) % LETTERS_AND_DIGITS.length] ?? 'a';
    if (!taken.has(id)) return id;
  }
}

function shorten(text: string): string {
  const collapsed = collapseWhitespace(text);
  const points = Array.from(collapsed);
  return points.length <= 40 ? collapsed : `${points.slice(0, 40).join('')}…`;
}
