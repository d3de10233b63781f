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
import { DEFAULT_POLARITIES, DIMENSION_PALETTE, type Codebook, type Polarity } from '../codebook';
import { resolveLabel, type Label } from '../labels';
import { uuidV5 } from './stable-guid';
import { describeWithTrailer, type TrailerFields } from './trailer';
import { element, textElement, type XmlNode } from '../xml/xml-writer';

export interface ExportCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description: string;
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

/** The marker on the polarity folder, so an import knows its children are polarities. */
export const POLARITY_FOLDER_ROLE = 'polarities';

const POLARITY_COLORS: Record<string, string> = {
  supporting: '#59a14f',
  inhibiting: '#e15759',
  effort: '#f28e2b',
  neutral: '#bab0ac',
};

const POLARITY_FOLDER_LABEL: Label = { en: 'Polarity', id: 'Polaritas' };

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
    guid: uuidV5('polarity-folder'),
    name: resolveLabel(POLARITY_FOLDER_LABEL, language),
    isCodable: false,
    description: describeWithTrailer('', { role: POLARITY_FOLDER_ROLE, label: POLARITY_FOLDER_LABEL }),
    children: [],
  };
  polarities.forEach((polarity, index) => {
    const guid = polarityGuid(polarity.id);
    const name = resolveLabel(polarity.label, language, polarity.id);
    tree.polarityGuids.set(polarity.id, guid);
    tree.polarityNames.set(polarity.id, name);
    const color = POLARITY_COLORS[polarity.id] ?? DIMENSION_PALETTE[index % DIMENSION_PALETTE.length];
    folder.children.push({ guid, name, isCodable: true, color, description: describeWithTrailer('', { id: polarity.id, label: polarity.label }), children: [] });
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
    description: describeWithTrailer(resolveLabel(description, language), fields),
    children: [],
  };
  if (color !== undefined) node.color = color;
  return node;
}

/** `<Code>` elements, the same in a project and a codebook file. */
export function codeElements(codes: readonly ExportCode[]): XmlNode[] {
  return codes.map((code) =>
    element(
      'Code',
      [
        ['guid', code.guid],
        ['name', code.name],
        ['isCodable', code.isCodable ? 'true' : 'false'],
        ['color', code.color],
      ],
      [...(code.description === '' ? [] : [textElement('Description', code.description)]), ...codeElements(code.children)],
    ),
  );
}
