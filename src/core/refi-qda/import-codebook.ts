/**
 * REFI-QDA codes as a codebook. A project this tool exported comes back as it was:
 * the machine map (or, in older exports, the line at the end of each description,
 * trailer.ts) restores ids and both languages, and the polarity folder restores the
 * polarities. A codebook file (.qdc) of ours carries neither: its polarity folder is known
 * by its GUID, and an id is kept where the GUID is the one this tool derives from it. When
 * a project went through another tool's own export (QualCoder's), the machine map and our
 * GUIDs are gone: the polarity folder is then known by the name our export gives it
 * ("Polarity", "Polaritas") and its codes by the default polarities' labels (said in a
 * notice). A project from
 * another tool becomes one framework named after the project: its top-level codes are
 * the dimensions, their children the indicators, and anything deeper is flattened into
 * indicators named "Parent › Child" (reported). ATLAS.ti's "Group::Code" names count as
 * a hierarchy. Ids are slugs of the names, unique among siblings.
 */
import { type Codebook, DEFAULT_POLARITIES, type Dimension, DIMENSION_PALETTE, type Framework, type Indicator, isValidId, type Polarity } from '../codebook';
import { type Label, labelTexts } from '../text';
import { codeGuid, POLARITY_FOLDER_GUID, POLARITY_FOLDER_LABEL, POLARITY_FOLDER_ROLE, polarityGuid } from './export-codes';
import { slugify, uniqueName } from './names';
import type { QdeCode } from './read-project';
import { splitTrailer, trailerLabel, trailerText } from './trailer';

type CodeTarget = { kind: 'code'; path: string } | { kind: 'polarity'; id: string } | { kind: 'folder'; name: string };

export interface ImportedCodebook {
  codebook: Codebook;
  /** What each code GUID stands for. */
  targets: Map<string, CodeTarget>;
  /** The polarity of a segment the other tool gave none. */
  defaultPolarity: string;
  notices: Array<{ line: number; column?: number; message: string }>;
}

const NEUTRAL = 'neutral';

export function codebookFromCodes(codes: readonly QdeCode[], projectName: string): ImportedCodebook {
  const result: ImportedCodebook = { codebook: { version: 1, frameworks: [], polarities: [] }, targets: new Map(), defaultPolarity: NEUTRAL, notices: [] };
  const ownFolder = codes.find(
    (code) => splitTrailer(code.description).fields?.['role'] === POLARITY_FOLDER_ROLE || code.guid.toLowerCase() === POLARITY_FOLDER_GUID,
  );
  const polarityFolder = ownFolder ?? polarityFolderByName(codes, result);
  const rest = groupDoubleColonNames(codes.filter((code) => code !== polarityFolder));

  if (rest.length > 0 && rest.every((code) => !code.isCodable)) {
    const taken = new Set<string>();
    for (const code of rest) {
      const framework: Framework = { ...identity(code, taken, 'framework', codeGuid), dimensions: [] };
      result.targets.set(code.guid, { kind: 'folder', name: code.name });
      addDimensions(framework, code.children, result);
      result.codebook.frameworks.push(framework);
    }
  } else if (rest.length > 0) {
    const name = projectName.trim() === '' ? 'Imported codes' : projectName.trim();
    const framework: Framework = { id: slugify(name, 'imported'), label: name, dimensions: [] };
    addDimensions(framework, rest, result);
    result.codebook.frameworks.push(framework);
  }

  result.codebook.polarities = polarityFolder === undefined ? [...DEFAULT_POLARITIES] : readPolarities(polarityFolder, result, polarityFolder !== ownFolder);
  if (!result.codebook.polarities.some((polarity) => polarity.id === NEUTRAL)) {
    const neutral = DEFAULT_POLARITIES.find((polarity) => polarity.id === NEUTRAL);
    if (neutral !== undefined) result.codebook.polarities.push(neutral);
  }
  return result;
}

function addDimensions(framework: Framework, codes: readonly QdeCode[], result: ImportedCodebook): void {
  const taken = new Set<string>();
  for (const code of codes) {
    const color = normalizeColor(code.color) ?? DIMENSION_PALETTE[framework.dimensions.length % DIMENSION_PALETTE.length] ?? '#4e79a7';
    const dimension: Dimension = { ...identity(code, taken, 'dimension', (id) => codeGuid(`${framework.id}/${id}`)), color, indicators: [] };
    const dimensionPath = `${framework.id}/${dimension.id}`;
    result.targets.set(code.guid, { kind: 'code', path: dimensionPath });
    const indicatorIds = new Set<string>();
    const addIndicator = (child: QdeCode, ancestors: string[]): void => {
      let indicator: Indicator;
      if (ancestors.length === 0) indicator = identity(child, indicatorIds, 'indicator', (id) => codeGuid(`${dimensionPath}/${id}`));
      else {
        const label = [...ancestors, child.name].join(' › ');
        indicator = { id: uniqueName(slugify([...ancestors, child.name].join(' '), 'indicator'), indicatorIds), label };
        result.notices.push({
          line: child.line,
          column: child.column,
          message: `code "${label}" is nested deeper than dimension › indicator; imported as the indicator ${dimensionPath}/${indicator.id}`,
        });
      }
      dimension.indicators.push(indicator);
      result.targets.set(child.guid, { kind: 'code', path: `${dimensionPath}/${indicator.id}` });
      for (const grandchild of child.children) addIndicator(grandchild, [...ancestors, child.name]);
    };
    for (const child of code.children) addIndicator(child, []);
    framework.dimensions.push(dimension);
  }
}

/**
 * Our polarity folder after another tool's export dropped the machine map: a top-level
 * folder with the name our export gives it, holding only codable codes without children,
 * at least one of them a default polarity's label. An ordinary code folder so named in
 * another tool's project is read so too, which the notice says.
 */
function polarityFolderByName(codes: readonly QdeCode[], result: ImportedCodebook): QdeCode | undefined {
  const names = new Set(labelTexts(POLARITY_FOLDER_LABEL).map((name) => name.toLowerCase()));
  const folder = codes.find(
    (code) =>
      !code.isCodable &&
      names.has(code.name.trim().toLowerCase()) &&
      code.children.length > 0 &&
      code.children.every((child) => child.isCodable && child.children.length === 0) &&
      code.children.some((child) => defaultPolarityNamed(child.name) !== undefined),
  );
  if (folder !== undefined) {
    result.notices.push({
      line: folder.line,
      column: folder.column,
      message: `code folder "${folder.name}" read as the polarities, as Transcript Coder exports them: a coding of one of its codes gives its polarity to the codes of the same passage and coder`,
    });
  }
  return folder;
}

function defaultPolarityNamed(name: string): Polarity | undefined {
  const wanted = name.trim().toLowerCase();
  return DEFAULT_POLARITIES.find((polarity) => labelTexts(polarity.label).some((label) => label.toLowerCase() === wanted));
}

/** `byName`: the folder was known by its name alone (polarityFolderByName), so its codes are known by their labels. */
function readPolarities(folder: QdeCode, result: ImportedCodebook, byName: boolean): Polarity[] {
  result.targets.set(folder.guid, { kind: 'folder', name: folder.name });
  const taken = new Set<string>();
  return folder.children.map((code) => {
    const known = byName ? defaultPolarityNamed(code.name) : undefined;
    if (known !== undefined && !taken.has(known.id)) {
      // Its id and both labels, as the codebook that was exported had them by default.
      taken.add(known.id);
      result.targets.set(code.guid, { kind: 'polarity', id: known.id });
      return known;
    }
    const { id, label } = identity(code, taken, 'polarity', polarityGuid, DEFAULT_POLARITIES.map((polarity) => polarity.id));
    result.targets.set(code.guid, { kind: 'polarity', id });
    return { id, label };
  });
}

/**
 * Id, label and description of a code: from its trailer when it has one, except what
 * the user of the other tool changed — a new name or a new description wins. Without a
 * trailer, the id whose derived GUID (`guidOf`) is the code's — the slug of its name or
 * one of `knownIds` — is this tool's own id for it; otherwise the slug is.
 */
function identity(
  code: QdeCode,
  taken: Set<string>,
  fallback: string,
  guidOf: (id: string) => string,
  knownIds: readonly string[] = [],
): { id: string; label: Label; description?: Label } {
  const { human, fields } = splitTrailer(code.description);
  const slug = slugify(code.name, fallback);
  const wantedId = trailerText(fields?.['id']) ?? [slug, ...knownIds].find((candidate) => guidOf(candidate) === code.guid.toLowerCase());
  const id = uniqueName(wantedId !== undefined && isValidId(wantedId) ? wantedId : slug, taken);
  const storedLabel = trailerLabel(fields?.['label']);
  // A name the export made unique ("Budget (Jones)", export-codes.ts disambiguateNames) is still the stored label.
  const unchanged = labelTexts(storedLabel).includes(code.name) || (trailerText(fields?.['name']) ?? '') === code.name;
  const label: Label = storedLabel !== undefined && unchanged ? storedLabel : code.name.trim() || id;
  const storedDescription = trailerLabel(fields?.['description']);
  const description =
    human === '' || (storedDescription !== undefined && labelTexts(storedDescription).includes(human)) ? storedDescription : human;
  return description === undefined ? { id, label } : { id, label, description };
}

/** ATLAS.ti writes its code groups into names: "Coke::diet Coke" is "diet Coke" under "Coke". */
function groupDoubleColonNames(codes: readonly QdeCode[]): QdeCode[] {
  const result: QdeCode[] = [];
  const parents = new Map<string, QdeCode>();
  for (const code of codes) {
    const separator = code.name.indexOf('::');
    if (separator <= 0) {
      const copy = { ...code, children: [...code.children] };
      result.push(copy);
      if (!parents.has(code.name)) parents.set(code.name, copy);
      continue;
    }
    const parentName = code.name.slice(0, separator).trim();
    let parent = parents.get(parentName);
    if (parent === undefined) {
      // A group with no code of its own: a dimension that only its indicators are coded with.
      parent = { guid: `group:${parentName}`, name: parentName, isCodable: true, children: [], line: code.line, column: code.column };
      parents.set(parentName, parent);
      result.push(parent);
    }
    parent.children.push({ ...code, name: code.name.slice(separator + 2).trim() });
  }
  return result;
}

function normalizeColor(color: string | undefined): string | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec(color?.trim() ?? '');
  if (match === null) return undefined;
  const hex = (match[1] ?? '').toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`;
}
