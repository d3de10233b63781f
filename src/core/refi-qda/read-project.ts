/**
 * project.qde (REFI-QDA project XML) as plain data: the parts an import into a study
 * uses. Elements are matched by local name, so a file that omits the namespace (some
 * tools do) reads the same. GUIDs are normalised to lowercase without braces, since the
 * schema allows both `{…}` and bare forms and tools differ in case.
 */
import { childNamed, childrenNamed, type XmlElement } from '../xml';

export interface QdeCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description?: string;
  children: QdeCode[];
  line: number;
  column: number;
}

interface QdeCoding {
  guid: string;
  codeGuid: string;
  creatingUser?: string;
  noteRefs: string[];
  line: number;
  column: number;
}

export interface QdeSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  description?: string;
  creatingUser?: string;
  codings: QdeCoding[];
  noteRefs: string[];
  line: number;
  column: number;
}

interface QdeVariableValue {
  variableGuid: string;
  value: string;
}

export interface QdeTextSource {
  guid: string;
  name: string;
  plainTextPath?: string;
  richTextPath?: string;
  content?: string;
  selections: QdeSelection[];
  /** Codings of the whole source, which line codes cannot hold. */
  sourceCodings: number;
  variables: QdeVariableValue[];
  /** Notes about the whole source (QualCoder keeps a file's memo so). */
  noteRefs: string[];
  line: number;
  column: number;
}

interface QdeCase {
  guid: string;
  name: string;
  variables: QdeVariableValue[];
  sourceRefs: string[];
  selectionRefs: string[];
  line: number;
  column: number;
}

interface QdeNote {
  guid: string;
  name: string;
  content?: string;
  plainTextPath?: string;
  creatingUser?: string;
  line: number;
  column: number;
}

export interface QdeProject {
  name: string;
  origin?: string;
  users: Map<string, string>;
  codes: QdeCode[];
  variables: Map<string, { name: string; type: string }>;
  cases: QdeCase[];
  textSources: QdeTextSource[];
  /** Picture, PDF, audio and video sources: named, for the report. */
  otherSources: Array<{ kind: string; name: string; line: number; column: number; element: XmlElement }>;
  notes: Map<string, QdeNote>;
  /** Where a relative:// path starts, as the writing tool saw it. */
  basePath?: string;
}

export class ProjectFormatError extends Error {}

export function normalizeGuid(guid: string | undefined): string {
  return (guid ?? '').replace(/[{}]/gu, '').trim().toLowerCase();
}

export function readProject(root: XmlElement, file: string): QdeProject {
  if (root.name !== 'Project') {
    throw new ProjectFormatError(`${file}:${root.line}:${root.column}: the root element is <${root.name}>, not <Project>: this is not a REFI-QDA project`);
  }
  const users = new Map<string, string>();
  for (const user of childrenNamed(childNamed(root, 'Users') ?? emptyElement(), 'User')) {
    users.set(normalizeGuid(user.attributes['guid']), user.attributes['name'] ?? user.attributes['id'] ?? '');
  }
  const variables = new Map<string, { name: string; type: string }>();
  for (const variable of childrenNamed(childNamed(root, 'Variables') ?? emptyElement(), 'Variable')) {
    variables.set(normalizeGuid(variable.attributes['guid']), {
      name: variable.attributes['name'] ?? '',
      type: variable.attributes['typeOfVariable'] ?? 'Text',
    });
  }
  const notes = new Map<string, QdeNote>();
  for (const note of childrenNamed(childNamed(root, 'Notes') ?? emptyElement(), 'Note')) {
    const guid = normalizeGuid(note.attributes['guid']);
    const entry: QdeNote = { guid, name: note.attributes['name'] ?? '', line: note.line, column: note.column };
    const creatingUser = note.attributes['creatingUser'];
    if (creatingUser !== undefined) entry.creatingUser = normalizeGuid(creatingUser);
    const content = childNamed(note, 'PlainTextContent')?.text;
    if (content !== undefined) entry.content = content;
    const path = note.attributes['plainTextPath'];
    if (path !== undefined) entry.plainTextPath = path;
    notes.set(guid, entry);
  }

  const sources = childNamed(root, 'Sources') ?? emptyElement();
  const project: QdeProject = {
    name: root.attributes['name'] ?? '',
    users,
    codes: childrenNamed(childNamed(childNamed(root, 'CodeBook') ?? emptyElement(), 'Codes') ?? emptyElement(), 'Code').map(readCode),
    variables,
    cases: childrenNamed(childNamed(root, 'Cases') ?? emptyElement(), 'Case').map(readCase),
    textSources: childrenNamed(sources, 'TextSource').map((source) => readTextSource(source, file)),
    otherSources: sources.children
      .filter((source) => source.name !== 'TextSource')
      .map((source) => ({ kind: source.name, name: source.attributes['name'] ?? source.attributes['guid'] ?? '', line: source.line, column: source.column, element: source })),
    notes,
  };
  const origin = root.attributes['origin'];
  if (origin !== undefined) project.origin = origin;
  const basePath = root.attributes['basePath'];
  if (basePath !== undefined && basePath !== '') project.basePath = basePath;
  return project;
}

function emptyElement(): XmlElement {
  return { name: '', uri: '', attributes: {}, children: [], text: '', line: 0, column: 0 };
}

export function readCode(code: XmlElement): QdeCode {
  const entry: QdeCode = {
    guid: normalizeGuid(code.attributes['guid']),
    name: code.attributes['name'] ?? '',
    isCodable: code.attributes['isCodable'] !== 'false' && code.attributes['isCodable'] !== '0',
    children: childrenNamed(code, 'Code').map(readCode),
    line: code.line,
    column: code.column,
  };
  const color = code.attributes['color'];
  if (color !== undefined) entry.color = color;
  const description = childNamed(code, 'Description')?.text;
  if (description !== undefined) entry.description = description;
  return entry;
}

function readVariableValues(parent: XmlElement): QdeVariableValue[] {
  return childrenNamed(parent, 'VariableValue').flatMap((value) => {
    const reference = normalizeGuid(childNamed(value, 'VariableRef')?.attributes['targetGUID']);
    const valueElement = value.children.find((child) => child.name.endsWith('Value'));
    return reference === '' || valueElement === undefined ? [] : [{ variableGuid: reference, value: valueElement.name === 'TextValue' ? valueElement.text : valueElement.text.trim() }];
  });
}

function readCase(element: XmlElement): QdeCase {
  return {
    guid: normalizeGuid(element.attributes['guid']),
    name: element.attributes['name'] ?? '',
    variables: readVariableValues(element),
    sourceRefs: childrenNamed(element, 'SourceRef').map((ref) => normalizeGuid(ref.attributes['targetGUID'])),
    selectionRefs: childrenNamed(element, 'SelectionRef').map((ref) => normalizeGuid(ref.attributes['targetGUID'])),
    line: element.line,
    column: element.column,
  };
}

function readTextSource(element: XmlElement, file: string): QdeTextSource {
  const source: QdeTextSource = {
    guid: normalizeGuid(element.attributes['guid']),
    name: element.attributes['name'] ?? '',
    selections: childrenNamed(element, 'PlainTextSelection').map((selection) => readSelection(selection, file)),
    sourceCodings: childrenNamed(element, 'Coding').length,
    variables: readVariableValues(element),
    noteRefs: childrenNamed(element, 'NoteRef').map((ref) => normalizeGuid(ref.attributes['targetGUID'])),
    line: element.line,
    column: element.column,
  };
  const plainTextPath = element.attributes['plainTextPath'];
  if (plainTextPath !== undefined) source.plainTextPath = plainTextPath;
  const richTextPath = element.attributes['richTextPath'];
  if (richTextPath !== undefined) source.richTextPath = richTextPath;
  const content = childNamed(element, 'PlainTextContent')?.text;
  if (content !== undefined) source.content = content;
  return source;
}

export function readSelection(element: XmlElement, file: string): QdeSelection {
  const position = (name: string): number => {
    const text = element.attributes[name] ?? '';
    const value = /^\s*-?\d+\s*$/u.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value)) {
      throw new ProjectFormatError(`${file}:${element.line}:${element.column}: ${element.name} ${name}="${text}" is not a whole number`);
    }
    return value;
  };
  const selection: QdeSelection = {
    guid: normalizeGuid(element.attributes['guid']),
    start: position('startPosition'),
    end: position('endPosition'),
    codings: childrenNamed(element, 'Coding').map((coding) => {
      const entry: QdeCoding = {
        guid: normalizeGuid(coding.attributes['guid']),
        codeGuid: normalizeGuid(childNamed(coding, 'CodeRef')?.attributes['targetGUID']),
        noteRefs: childrenNamed(coding, 'NoteRef').map((ref) => normalizeGuid(ref.attributes['targetGUID'])),
        line: coding.line,
        column: coding.column,
      };
      const user = coding.attributes['creatingUser'];
      if (user !== undefined) entry.creatingUser = normalizeGuid(user);
      return entry;
    }),
    noteRefs: childrenNamed(element, 'NoteRef').map((ref) => normalizeGuid(ref.attributes['targetGUID'])),
    line: element.line,
    column: element.column,
  };
  const name = element.attributes['name'];
  if (name !== undefined) selection.name = name;
  const description = childNamed(element, 'Description')?.text;
  if (description !== undefined) selection.description = description;
  const user = element.attributes['creatingUser'];
  if (user !== undefined) selection.creatingUser = normalizeGuid(user);
  return selection;
}
