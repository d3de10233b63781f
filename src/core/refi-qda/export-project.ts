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
 *   its code and its polarity; its factor is the selection's name, its memo a Note.
 */
import { ATTRIBUTE_ORDER, compareCodes, type CodeEntry, type SidecarData } from '../sidecar-model';
import { problem, type Problem } from '../problems';
import { quoteOfLines } from '../quote';
import { lineBodies, parseTranscript } from '../transcript';
import type { Codebook } from '../codebook';
import { element, renderXmlDocument, textElement, type XmlNode } from '../xml/xml-writer';
import { writeZip, type ZipFileEntry } from '../zip/zip-writer';
import { buildCodeTree, codeElements, type CodeTree } from './export-codes';
import { uuidV5 } from './stable-guid';
import { layoutLines, selectionOfLines } from './text-positions';
import { describeWithTrailer } from './trailer';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const PROJECT_SCHEMA_LOCATION = `${PROJECT_NAMESPACE} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd`;
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
  /** Language of code names (labels are bilingual; the others travel in each code's description). */
  language: string;
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
  const { xml, sources, problems } = renderProjectQde(input);
  const files: ZipFileEntry[] = [{ path: 'project.qde', data: new TextEncoder().encode(xml) }, ...sources];
  return { bytes: writeZip(files), problems };
}

export function renderProjectQde(input: ProjectExportInput): { xml: string; sources: ZipFileEntry[]; problems: Problem[] } {
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
    problems.push(problem('codebook.yaml', 1, 1, 'warning', `the ${missing} is used in sidecars but not defined in the codebook; exported under its id`));
  }

  const coders = [...new Set(allCodes.map((code) => code.coder).filter((coder) => coder !== ''))].sort(compareText);
  const variables = variableDefinitions(documents);
  const notes: XmlNode[] = [];
  const sources: ZipFileEntry[] = [];
  const sourceElements = documents.map((document) => {
    const guid = sourceGuid(document.path);
    sources.push({ path: `sources/${guid}.txt`, data: new TextEncoder().encode(document.text) });
    return textSourceElement(document, guid, tree, variables, notes, problems);
  });

  const children: XmlNode[] = [];
  if (coders.length > 0) children.push(element('Users', [], coders.map((name) => element('User', [['guid', userGuid(name)], ['name', name]]))));
  children.push(element('CodeBook', [], [element('Codes', [], codeElements(tree.roots))]));
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
  return { xml: renderXmlDocument(root), sources, problems };
}

function textSourceElement(
  document: ExportDocument,
  guid: string,
  tree: CodeTree,
  variables: readonly VariableDefinition[],
  notes: XmlNode[],
  problems: Problem[],
): XmlNode {
  const layout = layoutLines(document.text);
  const { transcript } = parseTranscript(document.text, document.path);
  const bodies = lineBodies(transcript);
  const selections: XmlNode[] = [];
  for (const code of [...document.sidecar.codes].sort(compareCodes)) {
    const span = selectionOfLines(layout, code.lines[0], code.lines[1]);
    if (span === undefined) {
      problems.push(
        problem(
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
    if (code.quote !== '' && code.quote !== quote) {
      problems.push(
        problem(
          document.path,
          code.lines[0],
          1,
          'warning',
          `code ${code.id}: its quote no longer matches lines ${code.lines[0]}–${code.lines[1]}; exported at those lines (run \`transcript-coder reanchor\` if the transcript changed)`,
          code.id,
        ),
      );
    }
    selections.push(selectionElement(noteDate(nonEmpty(document.sidecar.attributes['date'])), document.path, code, span, quote, tree, notes));
  }
  const values = variables.flatMap((variable) => {
    const value = variable.name === 'agency' ? document.agency : nonEmpty(document.sidecar.attributes[variable.name]);
    return value === undefined ? [] : [variableValueElement(variable, value)];
  });
  return element(
    'TextSource',
    [
      ['guid', guid],
      ['name', document.path],
      ['plainTextPath', `internal://${guid}.txt`],
    ],
    [...selections, ...values],
  );
}

/**
 * No clock is read (the export is deterministic): a Note's creationDateTime is the
 * transcript's `date` attribute when it is a date, else the Unix epoch.
 */
export function noteDate(date: string | undefined): string {
  return /^\d{4}-\d{2}-\d{2}$/u.test(date ?? '') ? `${date}T00:00:00Z` : '1970-01-01T00:00:00Z';
}

function selectionElement(
  createdAt: string,
  path: string,
  code: CodeEntry,
  span: { start: number; end: number },
  quote: string,
  tree: CodeTree,
  notes: XmlNode[],
): XmlNode {
  const key = `${path}#${code.id}`;
  const user = code.coder === '' ? undefined : userGuid(code.coder);
  const coding = (suffix: string, target: string | undefined): XmlNode[] =>
    target === undefined
      ? []
      : [element('Coding', [['guid', uuidV5(`coding:${key}${suffix}`)], ['creatingUser', user]], [element('CodeRef', [['targetGUID', target]])])];
  const children: XmlNode[] = [
    // QualCoder shows a selection's Description as the coding's memo (refi.py load_codings_for_text), so the memo is there too.
    textElement('Description', describeWithTrailer(code.memo ?? '', { id: code.id, factor: code.factor })),
    ...coding('', tree.codeGuids.get(code.code)),
    ...coding('#polarity', tree.polarityGuids.get(code.polarity)),
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
      ['guid', uuidV5(`selection:${key}`)],
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
    element('Case', [['guid', uuidV5(`case:${agency}`)], ['name', agency]], [
      ...(agencyVariable === undefined ? [] : [variableValueElement(agencyVariable, agency)]),
      ...(byAgency.get(agency) ?? []).map((path) => element('SourceRef', [['targetGUID', sourceGuid(path)]])),
    ]),
  );
}

export function userGuid(name: string): string {
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
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
