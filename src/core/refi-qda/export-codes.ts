/**
 * The codebook as REFI-QDA codes, shared by the project (.qdpx) and codebook (.qdc)
 * exports: frameworks as folders (not codable: a code names at least a dimension),
 * their dimensions and indicators as codable codes with the dimension's colour, and the
 * polarities as a separate folder of codes (see docs/refi-qda.md for why polarity is a
 * second coding of each segment rather than child codes or sets).
 *
 * Code paths that sidecars use but the codebook lacks are exported too, named by their
 * ids, so no coded segment is left without its code; each is reported.
 */
import { type Codebook, DEFAULT_POLARITIES, DIMENSION_PALETTE, type Polarity } from '../codebook';
import { type Label, resolveLabel } from '../text';
import { uuidV5 } from './stable-guid';
import type { TrailerFields } from './trailer';
import { element, textElement, type XmlNode } from '../xml';

export interface ExportCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  /** What people read. */
  description: string;
  /** What only this tool reads back (ids, labels in every language): see codeElements. */
  fields: TrailerFields;
  children: ExportCode[];
}

export interface CodeTree {
  roots: ExportCode[];
  /** GUID of each code path (`framework/dimension[/indicator]`). */
  codeGuids: Map<string, string>;
  /** GUID of each polarity id. */
  polarityGuids: Map<string, string>;
  /** Label of each polarity id, in the export language. */
  polarityNames: Map<string, string>;
  /** Paths and polarities the sidecars use that the codebook does not define. */
  undefinedInCodebook: string[];
}

export const POLARITY_FOLDER_GUID = uuidV5('polarity-folder');

/** The marker on the polarity folder, so an import knows its children are polarities. */
export const POLARITY_FOLDER_ROLE = 'polarities';

const POLARITY_COLORS: Record<string, string> = {
  supporting: '#59a14f',
  inhibiting: '#e15759',
  effort: '#f28e2b',
  neutral: '#bab0ac',
};

export const POLARITY_FOLDER_LABEL: Label = { en: 'Polarity', id: 'Polaritas' };

/** Derived from what they stand for, so an import of this tool's export can tell them without any trailer (import-codebook.ts). */
export function codeGuid(path: string): string {
  return uuidV5(`code:${path}`);
}

export function polarityGuid(id: string): string {
  return uuidV5(`polarity:${id}`);
}

export function buildCodeTree(
  codebook: Codebook | undefined,
  usedPaths: Iterable<string>,
  usedPolarities: Iterable<string>,
  language: string,
): CodeTree {
  const tree: CodeTree = { roots: [], codeGuids: new Map(), polarityGuids: new Map(), polarityNames: new Map(), undefinedInCodebook: [] };
  const frameworkNodes = new Map<string, ExportCode>();
  const dimensionNodes = new Map<string, ExportCode>();
  const dimensionColors = new Map<string, string>();

  const addFramework = (id: string, label: Label, description: Label | undefined): ExportCode => {
    const node = codeNode(id, id, label, description, language, false, undefined);
    frameworkNodes.set(id, node);
    tree.roots.push(node);
    return node;
  };
  const addDimension = (framework: ExportCode, path: string, id: string, label: Label, description: Label | undefined, color: string): ExportCode => {
    const node = codeNode(path, id, label, description, language, true, color);
    dimensionNodes.set(path, node);
    dimensionColors.set(path, color);
    framework.children.push(node);
    tree.codeGuids.set(path, node.guid);
    return node;
  };
  const addIndicator = (dimension: ExportCode, path: string, id: string, label: Label, description: Label | undefined, color: string): void => {
    const node = codeNode(path, id, label, description, language, true, color);
    dimension.children.push(node);
    tree.codeGuids.set(path, node.guid);
  };

  for (const framework of codebook?.frameworks ?? []) {
    const frameworkNode = addFramework(framework.id, framework.label, framework.description);
    for (const dimension of framework.dimensions) {
      const dimensionPath = `${framework.id}/${dimension.id}`;
      const dimensionNode = addDimension(frameworkNode, dimensionPath, dimension.id, dimension.label, dimension.description, dimension.color);
      for (const indicator of dimension.indicators) {
        addIndicator(dimensionNode, `${dimensionPath}/${indicator.id}`, indicator.id, indicator.label, indicator.description, dimension.color);
      }
    }
  }

  for (const path of [...new Set(usedPaths)].sort()) {
    if (tree.codeGuids.has(path)) continue;
    const [frameworkId, dimensionId, indicatorId] = path.split('/');
    if (frameworkId === undefined || dimensionId === undefined) continue;
    tree.undefinedInCodebook.push(`code ${path}`);
    const frameworkNode = frameworkNodes.get(frameworkId) ?? addFramework(frameworkId, frameworkId, undefined);
    const dimensionPath = `${frameworkId}/${dimensionId}`;
    const color = DIMENSION_PALETTE[dimensionNodes.size % DIMENSION_PALETTE.length] ?? '#bab0ac';
    const dimensionNode =
      dimensionNodes.get(dimensionPath) ?? addDimension(frameworkNode, dimensionPath, dimensionId, dimensionId, undefined, color);
    if (indicatorId !== undefined) addIndicator(dimensionNode, path, indicatorId, indicatorId, undefined, dimensionColors.get(dimensionPath) ?? color);
  }

  const polarities: Polarity[] = [...(codebook?.polarities ?? DEFAULT_POLARITIES)];
  for (const id of [...new Set(usedPolarities)].sort()) {
    if (polarities.some((polarity) => polarity.id === id)) continue;
    tree.undefinedInCodebook.push(`polarity ${id}`);
    polarities.push({ id, label: id });
  }
  const folder: ExportCode = {
    guid: POLARITY_FOLDER_GUID,
    name: resolveLabel(POLARITY_FOLDER_LABEL, language),
    isCodable: false,
    description: '',
    fields: { role: POLARITY_FOLDER_ROLE, label: POLARITY_FOLDER_LABEL },
    children: [],
  };
  polarities.forEach((polarity, index) => {
    const guid = polarityGuid(polarity.id);
    const name = resolveLabel(polarity.label, language, polarity.id);
    tree.polarityGuids.set(polarity.id, guid);
    tree.polarityNames.set(polarity.id, name);
    const color = POLARITY_COLORS[polarity.id] ?? DIMENSION_PALETTE[index % DIMENSION_PALETTE.length];
    folder.children.push({ guid, name, isCodable: true, color, description: '', fields: { id: polarity.id, label: polarity.label }, children: [] });
  });
  tree.roots.push(folder);
  return tree;
}

function codeNode(
  path: string,
  id: string,
  label: Label,
  description: Label | undefined,
  language: string,
  isCodable: boolean,
  color: string | undefined,
): ExportCode {
  const fields: TrailerFields = { id, label, description };
  const node: ExportCode = {
    guid: codeGuid(path),
    name: resolveLabel(label, language, id),
    isCodable,
    description: resolveLabel(description, language),
    fields,
    children: [],
  };
  if (color !== undefined) node.color = color;
  return node;
}

/**
 * `<Code>` elements. A project passes `record`, which keeps ids and labels in the
 * archive's machine map, out of sight; a codebook file (.qdc, one XML file) has nowhere
 * to keep them and writes only what people read — its GUIDs still tell this tool's codes
 * on import (codeGuid, polarityGuid). Exports before the machine map wrote them at the end
 * of each Description (trailer.ts), which imports still read.
 */
export function codeElements(codes: readonly ExportCode[], record?: (guid: string, fields: TrailerFields) => void): XmlNode[] {
  return codes.map((code) => {
    const description = code.description.trim();
    record?.(code.guid, code.fields);
    return element(
      'Code',
      [
        ['guid', code.guid],
        ['name', code.name],
        ['isCodable', code.isCodable ? 'true' : 'false'],
        ['color', code.color],
      ],
      [...(description === '' ? [] : [textElement('Description', description)]), ...codeElements(code.children, record)],
    );
  });
}

/**
 * Names QualCoder can hold: its code_name and code_cat tables are each unique on name
 * across the whole codebook (QualCoder __main__.py CREATE TABLE code_name … unique(name)),
 * and a repeated name makes refi.py sub_codes reuse the first code, so the second's
 * codings land on it. Codes (and folders) whose names repeat, ignoring case, are named
 * with their framework, "Budget (Jones)", then with their whole path, "Budget (Jones ›
 * Staff)", then numbered. Each renamed code keeps its own name in `fields.name`, so an
 * import of the project gives it its label back. Returns the renamings, for a notice.
 */
export function disambiguateNames(roots: ExportCode[]): Array<{ from: string; to: string }> {
  const all: Array<{ code: ExportCode; ancestors: string[] }> = [];
  const visit = (code: ExportCode, ancestors: string[]): void => {
    all.push({ code, ancestors });
    code.children.forEach((child) => visit(child, [...ancestors, code.name]));
  };
  roots.forEach((root) => visit(root, []));
  const renamed: Array<{ from: string; to: string }> = [];
  const key = (entry: { code: ExportCode }, name: string): string => `${entry.code.isCodable ? 'code' : 'folder'}:${name.toLowerCase()}`;
  const qualifiers = (ancestors: string[]): string[] => (ancestors.length === 0 ? [] : [...new Set([ancestors[0] ?? '', ancestors.join(' › ')])]);
  const counts = new Map<string, number>();
  for (const entry of all) counts.set(key(entry, entry.code.name), (counts.get(key(entry, entry.code.name)) ?? 0) + 1);
  const taken = new Set(all.map((entry) => key(entry, entry.code.name)));
  for (const entry of all) {
    const original = entry.code.name;
    if ((counts.get(key(entry, original)) ?? 0) < 2) continue;
    let name = [...qualifiers(entry.ancestors).map((qualifier) => `${original} (${qualifier})`)].find((candidate) => !taken.has(key(entry, candidate)));
    for (let counter = 2; name === undefined; counter++) {
      const candidate = `${original} (${counter})`;
      if (!taken.has(key(entry, candidate))) name = candidate;
    }
    taken.add(key(entry, name));
    entry.code.name = name;
    entry.code.fields = { ...entry.code.fields, name };
    renamed.push({ from: original, to: name });
  }
  return renamed;
}
