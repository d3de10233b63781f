/**
 * A study as a REFI-QDA project (.qdpx): `project.qde` plus one UTF-8 text source per
 * transcript under `sources/`. The result depends only on the study's content — GUIDs
 * are derived from paths and ids, everything is written in a fixed order, and no clock
 * is read — so exporting an unchanged study gives the same bytes.
 *
 * Mapping (docs/refi-qda.md has the reasons):
 * - coders → Users; codebook → Codes (export-codes.ts);
 * - every attribute key → a Variable; each transcript's attributes → VariableValues on
 *   its TextSource; each agency → a Case holding its transcripts;
 * - each code of a sidecar → a PlainTextSelection over its lines' full text, coded with
 *   its code and its polarity; its factor is the selection's name, its memo a Note and
 *   the Description (where QualCoder shows it);
 * - ids, labels, factors and study paths → the machine map (machine-map.ts), not the
 *   Descriptions people read;
 * - what QualCoder's importer (refi.py) needs to take the project whole: code names
 *   unique across the codebook, no two codings of one code, source, place and coder,
 *   source names without `/` (export-names.ts), and each agency also as a code with its
 *   case's GUID coding its transcripts, the link refi.py reads (see caseCodes).
 */
import { sitsOnQuote } from '../anchoring';
import type { Codebook } from '../codebook';
import { problem, type Problem } from '../problems';
import { ATTRIBUTE_ORDER, type CodeEntry, compareCodes, type SidecarData } from '../sidecar';
import { lineBodies, parseTranscript, quoteOfLines } from '../transcript';
import { element, renderXmlDocument, textElement, type XmlNode } from '../xml';
import { writeZip, type ZipFileEntry } from '../zip';
import { buildCodeTree, codeElements, disambiguateNames, type CodeTree, type ExportCode } from './export-codes';
import { countOutsideBmp, exportSourceNames, utf16Offsets } from './export-names';
import { emptyMachineMap, MACHINE_MAP_FILE, recordFields, renderMachineMap, type MachineMap } from './machine-map';
import { uuidV5 } from './stable-guid';
import { codePointLength, layoutLines, selectionOfLines } from './text-positions';

const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
const PROJECT_SCHEMA_LOCATION = `${PROJECT_NAMESPACE} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd`;
export const EXPORT_ORIGIN = 'Transcript Coder';

export interface ExportDocument {
  /** Study-relative, '/'-separated: the source's name, so an import puts it back there. */
  path: string;
  /** Decoded text: LF line endings, no BOM. */
  text: string;
  sidecar: SidecarData;
  /** The agency as the study resolved it (sidecar, else front matter). */
  agency?: string;
}

export interface ProjectExportInput {
  /** The project's name, e.g. the study folder's name. */
  name: string;
  codebook?: Codebook;
  documents: readonly ExportDocument[];
  /** Language of code names (labels are bilingual; the others travel in the machine map). */
  language: string;
  /**
   * What selection positions count: code points, as REFI-QDA §10.2 says (default), or
   * UTF-16 code units, for tools that count those (NVivo on Windows).
   */
  positions?: 'code-points' | 'utf16';
}

export interface ExportResult {
  bytes: Uint8Array;
  /** What was left out or changed, and why. */
  problems: Problem[];
}

export function sourceGuid(path: string): string {
  return uuidV5(`source:${path}`);
}

export function exportQdpx(input: ProjectExportInput): ExportResult {
  const { xml, sources, problems, machineMap } = renderProjectQde(input);
  const files: ZipFileEntry[] = [
    { path: 'project.qde', data: new TextEncoder().encode(xml) },
    { path: MACHINE_MAP_FILE, data: new TextEncoder().encode(renderMachineMap(machineMap)) },
    ...sources,
  ];
  return { bytes: writeZip(files), problems };
}

interface ExportState {
  tree: CodeTree;
  variables: readonly VariableDefinition[];
  notes: XmlNode[];
  problems: Problem[];
  map: MachineMap;
  positions: 'code-points' | 'utf16';
}

function renderProjectQde(input: ProjectExportInput): { xml: string; sources: ZipFileEntry[]; problems: Problem[]; machineMap: MachineMap } {
  const documents = [...input.documents].sort((a, b) => compareText(a.path, b.path));
  const problems: Problem[] = [];
  const allCodes = documents.flatMap((document) => document.sidecar.codes);
  const tree = buildCodeTree(
    input.codebook,
    allCodes.map((code) => code.code),
    allCodes.map((code) => code.polarity),
    input.language,
  );
  for (const missing of tree.undefinedInCodebook) {
    problems.push(problem('export-adjusted', 'codebook.yaml', 1, 1, 'warning', `the ${missing} is used in sidecars but not defined in the codebook; exported under its id`));
  }

  tree.roots.push(...caseCodes(documents));
  for (const { from, to } of disambiguateNames(tree.roots)) {
    problems.push(problem('export-adjusted', 'codebook.yaml', 1, 1, 'warning', `the code name "${from}" repeats in the codebook; exported as "${to}" (QualCoder holds each name once; an import here restores "${from}")`));
  }

  const coders = [...new Set(allCodes.map((code) => code.coder).filter((coder) => coder !== ''))].sort(compareText);
  const state: ExportState = { tree, variables: variableDefinitions(documents), notes: [], problems, map: emptyMachineMap(), positions: input.positions ?? 'code-points' };
  const { variables, notes, map } = state;
  const names = exportSourceNames(documents.map((document) => document.path));
  const sources: ZipFileEntry[] = [];
  const sourceElements = documents.map((document) => {
    const guid = sourceGuid(document.path);
    sources.push({ path: `sources/${guid}.txt`, data: new TextEncoder().encode(document.text) });
    const name = names.get(document.path) ?? document.path;
    recordFields(map, guid, { path: document.path, name });
    warnOutsideBmp(document, state);
    return textSourceElement(document, guid, name, state);
  });

  const children: XmlNode[] = [];
  if (coders.length > 0) children.push(element('Users', [], coders.map((name) => element('User', [['guid', userGuid(name)], ['name', name]]))));
  children.push(element('CodeBook', [], [element('Codes', [], codeElements(tree.roots, (guid, fields) => recordFields(map, guid, fields)))]));
  if (variables.length > 0) {
    children.push(
      element(
        'Variables',
        [],
        variables.map((variable) => element('Variable', [['guid', variable.guid], ['name', variable.name], ['typeOfVariable', variable.type]])),
      ),
    );
  }
  const cases = caseElements(documents, variables);
  if (cases.length > 0) children.push(element('Cases', [], cases));
  if (sourceElements.length > 0) children.push(element('Sources', [], sourceElements));
  if (notes.length > 0) children.push(element('Notes', [], notes));

  const root = element(
    'Project',
    [
      ['xmlns', PROJECT_NAMESPACE],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      ['xsi:schemaLocation', PROJECT_SCHEMA_LOCATION],
      ['name', input.name],
      ['origin', EXPORT_ORIGIN],
    ],
    children,
  );
  return { xml: renderXmlDocument(root), sources, problems, machineMap: map };
}

function warnOutsideBmp(document: ExportDocument, state: ExportState): void {
  const outside = countOutsideBmp(document.text);
  if (outside === 0) return;
  const message =
    state.positions === 'utf16'
      ? `holds ${outside} character(s) outside the BMP (emoji and the like); positions were written in UTF-16 code units as asked, not in code points as REFI-QDA says: QualCoder, ATLAS.ti and MAXQDA will place the selections after the first of them wrongly`
      : `holds ${outside} character(s) outside the BMP (emoji and the like); positions were written in code points as REFI-QDA says: tools that count UTF-16 units (NVivo on Windows) will place the selections after the first of them wrongly; for those, export with --positions utf16`;
  state.problems.push(problem('export-adjusted', document.path, 1, 1, 'warning', message));
}

/**
 * Each agency as a codable code whose GUID is its Case's, coding the whole text of each
 * of its transcripts. QualCoder links cases to text this way only: refi.py parse_cases
 * reads a named Case's variables but not its SourceRefs, and
 * clean_up_case_codes_and_case_text turns the codings of a code that shares a Case's GUID
 * into that case's text (the convention of NVivo, whose cases are nodes). The Case keeps
 * its SourceRefs too, for the tools that read those.
 */
function caseCodes(documents: readonly ExportDocument[]): ExportCode[] {
  const agencies = [...new Set(documents.flatMap((document) => (document.agency === undefined ? [] : [document.agency])))].sort(compareText);
  return agencies.map((agency) => ({ guid: caseGuid(agency), name: agency, isCodable: true, description: '', fields: { role: 'case' }, children: [] }));
}

function caseGuid(agency: string): string {
  return uuidV5(`case:${agency}`);
}

function textSourceElement(document: ExportDocument, guid: string, name: string, state: ExportState): XmlNode {
  const { tree, variables, problems } = state;
  const layout = layoutLines(document.text);
  const { transcript } = parseTranscript(document.text, document.path);
  const bodies = lineBodies(transcript);
  const units = state.positions === 'utf16' ? utf16Offsets(document.text) : undefined;
  const inUnits = (span: { start: number; end: number }): { start: number; end: number } =>
    units === undefined ? span : { start: units[span.start] ?? span.start, end: units[span.end] ?? span.end };
  const selections: XmlNode[] = [];
  // QualCoder's code_text is unique on (code, file, start, end, owner): a second such coding fails (refi.py
  // load_codings_for_text, "Duplicated text coding … Only one loaded."), so each is written once.
  const written = new Set<string>();
  const firstOfPlace = new Map<string, WrittenSegment>();
  for (const code of [...document.sidecar.codes].sort(compareCodes)) {
    const lineSpan = selectionOfLines(layout, code.lines[0], code.lines[1]);
    const span = lineSpan === undefined ? undefined : inUnits(lineSpan);
    if (span === undefined) {
      problems.push(
        problem(
          'export-left-out',
          document.path,
          1,
          1,
          'warning',
          `code ${code.id} (lines ${code.lines[0]}–${code.lines[1]}) lies past the end of the transcript (${layout.length} lines) and was left out; run \`transcript-coder reanchor\``,
          code.id,
        ),
      );
      continue;
    }
    const quote = quoteOfLines(bodies, code.lines[0], code.lines[1]);
    // The quote rule decides (a label or timestamp in the quote, other whitespace, a shorter prefix all hold).
    if (code.quote !== '' && !sitsOnQuote(bodies, code)) {
      problems.push(
        problem(
          'export-adjusted',
          document.path,
          code.lines[0],
          1,
          'warning',
          `code ${code.id}: its quote no longer matches lines ${code.lines[0]}–${code.lines[1]}; exported at those lines (run \`transcript-coder reanchor\` if the transcript changed)`,
          code.id,
        ),
      );
    }
    const place = `${code.code}|${span.start}|${span.end}|${code.coder}`;
    const first = firstOfPlace.get(place);
    const polarityCoding = `${tree.polarityGuids.get(code.polarity) ?? ''}|${span.start}|${span.end}|${code.coder}`;
    if (first !== undefined) {
      const polarityGuid = tree.polarityGuids.get(code.polarity);
      const addPolarity = polarityGuid !== undefined && !written.has(polarityCoding);
      written.add(polarityCoding);
      mergeDuplicate(first, code, state, document.path, addPolarity ? codingElement(`${document.path}#${code.id}#polarity`, code.coder, polarityGuid) : undefined);
      continue;
    }
    const codeCoding = `${tree.codeGuids.get(code.code) ?? ''}|${span.start}|${span.end}|${code.coder}`;
    const withPolarity = !written.has(polarityCoding);
    written.add(codeCoding).add(polarityCoding);
    const selection = selectionElement(noteDate(nonEmpty(document.sidecar.attributes['date'])), document.path, code, span, quote, withPolarity, state);
    firstOfPlace.set(place, { selection, guid: uuidV5(`selection:${document.path}#${code.id}`), code, merged: [] });
    selections.push(selection);
  }
  if (document.agency !== undefined) {
    const whole = inUnits({ start: 0, end: codePointLength(document.text) });
    const key = `${document.path}#case`;
    selections.push(
      element('PlainTextSelection', [['guid', uuidV5(`selection:${key}`)], ['name', document.agency], ['startPosition', whole.start], ['endPosition', whole.end]], [
        element('Coding', [['guid', uuidV5(`coding:${key}`)]], [element('CodeRef', [['targetGUID', caseGuid(document.agency)]])]),
      ]),
    );
  }
  const values = variables.flatMap((variable) => {
    const value = variable.name === 'agency' ? document.agency : nonEmpty(document.sidecar.attributes[variable.name]);
    return value === undefined ? [] : [variableValueElement(variable, value)];
  });
  return element(
    'TextSource',
    [
      ['guid', guid],
      ['name', name],
      ['plainTextPath', `internal://${guid}.txt`],
    ],
    [...selections, ...values],
  );
}

/**
 * No clock is read (the export is deterministic): a Note's creationDateTime is the
 * transcript's `date` attribute when it is a date, else the Unix epoch.
 */
function noteDate(date: string | undefined): string {
  return /^\d{4}-\d{2}-\d{2}$/u.test(date ?? '') ? `${date}T00:00:00Z` : '1970-01-01T00:00:00Z';
}

interface WrittenSegment {
  selection: XmlNode;
  guid: string;
  code: CodeEntry;
  /** Memos of the duplicates merged into it. */
  merged: string[];
}

/**
 * A second code with the same code, lines and coder as one already written (a real
 * duplicate): written once, with both memos in the Description and a Note each, and
 * named in a warning; its polarity becomes a coding of that selection too when no code
 * on these lines by this coder carries it yet (QualCoder would otherwise not show it).
 * The machine map keeps the second's id, factor, polarity and memo, so an import here
 * gives both back.
 */
function mergeDuplicate(first: WrittenSegment, code: CodeEntry, state: ExportState, path: string, polarityCoding: XmlNode | undefined): void {
  const selectionGuid = first.guid;
  const segment = { id: code.id, factor: code.factor, polarity: code.polarity, ...(code.memo === undefined ? {} : { memo: code.memo }) };
  state.map.merged.set(selectionGuid, [...(state.map.merged.get(selectionGuid) ?? []), segment]);
  state.problems.push(
    problem('export-adjusted', path, code.lines[0], 1, 'warning', `code ${code.id} has the same code, lines (${code.lines[0]}–${code.lines[1]}) and coder as code ${first.code.id}; exported once, with both memos (QualCoder keeps one coding per code, place and coder)`, code.id),
  );
  const children = first.selection.children ?? [];
  const codings = [...children.filter((child) => child.name === 'Coding'), ...(polarityCoding === undefined ? [] : [polarityCoding])];
  const noteRefs = children.filter((child) => child.name === 'NoteRef');
  let descriptions = children.filter((child) => child.name === 'Description');
  if (code.memo !== undefined && code.memo.trim() !== '') {
    first.merged.push(code.memo);
    const memos = [first.code.memo ?? '', ...first.merged].map((memo) => memo.trim()).filter((memo) => memo !== '');
    const fields = state.map.elements.get(selectionGuid) ?? {};
    state.map.elements.set(selectionGuid, { ...fields, memo: first.code.memo ?? '' });
    const noteGuid = uuidV5(`note:${path}#${code.id}`);
    state.notes.push(element('Note', [['guid', noteGuid], ['name', `Memo: ${code.factor || first.code.factor || 'duplicate'}`], ['creatingUser', code.coder === '' ? undefined : userGuid(code.coder)], ['creationDateTime', noteDate(undefined)]], [textElement('PlainTextContent', code.memo)]));
    descriptions = [textElement('Description', memos.join('\n\n'))];
    noteRefs.push(element('NoteRef', [['targetGUID', noteGuid]]));
  }
  // The schema's order: Description, Codings, NoteRefs.
  first.selection.children = [...descriptions, ...codings, ...noteRefs];
}

function codingElement(key: string, coder: string, target: string): XmlNode {
  return element('Coding', [['guid', uuidV5(`coding:${key}`)], ['creatingUser', coder === '' ? undefined : userGuid(coder)]], [element('CodeRef', [['targetGUID', target]])]);
}

function selectionElement(
  createdAt: string,
  path: string,
  code: CodeEntry,
  span: { start: number; end: number },
  quote: string,
  withPolarity: boolean,
  state: ExportState,
): XmlNode {
  const { tree, notes } = state;
  const key = `${path}#${code.id}`;
  const user = code.coder === '' ? undefined : userGuid(code.coder);
  const coding = (suffix: string, target: string | undefined): XmlNode[] => (target === undefined ? [] : [codingElement(`${key}${suffix}`, code.coder, target)]);
  const selectionGuid = uuidV5(`selection:${key}`);
  recordFields(state.map, selectionGuid, { id: code.id, factor: code.factor, polarity: code.polarity });
  const children: XmlNode[] = [
    // QualCoder shows a selection's Description as the coding's memo (refi.py load_codings_for_text), so the memo is there too.
    ...(code.memo === undefined || code.memo.trim() === '' ? [] : [textElement('Description', code.memo.trim())]),
    ...coding('', tree.codeGuids.get(code.code)),
    // Another code on these lines by this coder already carries this polarity: QualCoder would refuse it twice.
    ...(withPolarity ? coding('#polarity', tree.polarityGuids.get(code.polarity)) : []),
  ];
  if (code.memo !== undefined && code.memo !== '') {
    const noteGuid = uuidV5(`note:${key}`);
    notes.push(
      // QualCoder's parse_notes calls .replace on creationDateTime (or modifiedDateTime) and fails without one.
      element('Note', [['guid', noteGuid], ['name', `Memo: ${code.factor || quote}`], ['creatingUser', user], ['creationDateTime', createdAt]], [textElement('PlainTextContent', code.memo)]),
    );
    children.push(element('NoteRef', [['targetGUID', noteGuid]]));
  }
  return element(
    'PlainTextSelection',
    [
      ['guid', selectionGuid],
      ['name', code.factor || quote],
      ['startPosition', span.start],
      ['endPosition', span.end],
      ['creatingUser', user],
    ],
    children,
  );
}

interface VariableDefinition {
  guid: string;
  name: string;
  type: 'Text' | 'Date';
}

/** One variable per attribute key: the usual keys first (sidecar order), then the rest alphabetically. */
function variableDefinitions(documents: readonly ExportDocument[]): VariableDefinition[] {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string | undefined): void => {
    if (value === undefined) return;
    values.set(key, [...(values.get(key) ?? []), value]);
  };
  for (const document of documents) {
    add('agency', document.agency);
    for (const [key, value] of Object.entries(document.sidecar.attributes)) if (key !== 'agency') add(key, nonEmpty(value));
  }
  const known: readonly string[] = ATTRIBUTE_ORDER;
  const keys = [...values.keys()].sort((a, b) => {
    const rank = (key: string): number => (known.includes(key) ? known.indexOf(key) : known.length);
    return rank(a) - rank(b) || compareText(a, b);
  });
  return keys.map((name) => ({
    guid: uuidV5(`variable:${name}`),
    name,
    type: (values.get(name) ?? []).every(isIsoDate) ? 'Date' : 'Text',
  }));
}

function variableValueElement(variable: VariableDefinition, value: string): XmlNode {
  return element('VariableValue', [], [
    element('VariableRef', [['targetGUID', variable.guid]]),
    textElement(variable.type === 'Date' ? 'DateValue' : 'TextValue', value),
  ]);
}

/** One case per agency, holding the agency variable and its transcripts. */
function caseElements(documents: readonly ExportDocument[], variables: readonly VariableDefinition[]): XmlNode[] {
  const agencyVariable = variables.find((variable) => variable.name === 'agency');
  const byAgency = new Map<string, string[]>();
  for (const document of documents) {
    if (document.agency === undefined) continue;
    byAgency.set(document.agency, [...(byAgency.get(document.agency) ?? []), document.path]);
  }
  return [...byAgency.keys()].sort(compareText).map((agency) =>
    element('Case', [['guid', caseGuid(agency)], ['name', agency]], [
      ...(agencyVariable === undefined ? [] : [variableValueElement(agencyVariable, agency)]),
      ...(byAgency.get(agency) ?? []).map((path) => element('SourceRef', [['targetGUID', sourceGuid(path)]])),
    ]),
  );
}

function userGuid(name: string): string {
  return uuidV5(`user:${name}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The value as written, or undefined when it is blank (a blank attribute says nothing). */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
