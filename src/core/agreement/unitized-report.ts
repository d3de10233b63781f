/**
 * Unitized agreement of a study (issue 16): Krippendorff's (2004) uα with the dimensions
 * as categories, and per dimension the 2016 family (uα, |uα, cuα) with the codes of the
 * dimension (or their polarities) as values; across dimensions the same family with the
 * dimensions as values, whose cuα is what ATLAS.ti calls Cu-α.
 */
import { overallUnitizedAlpha, categoryUnitizedAlpha, type CategoryUnits, type UnitizedCoefficient } from './unitized-2004';
import { unitizedAlphaFamily, type UnitizedFamily } from './unitized-2016';
import { joinOverlapping, partitionOf, placeTranscripts, stretchOf, type UnitOfLength, type ValuedStretch } from './unitized-input';
import { compareText, dimensionOf, NO_POLARITY, type CodedTranscriptForAgreement } from './units';

interface UnitizedDimension {
  dimension: string;
  /** Units (codes of the dimension, overlapping ones joined) per coder. */
  unitsByCoder: Record<string, number>;
  /** Krippendorff (2004): the dimension as one category, marked or not. */
  categoryAlpha: UnitizedCoefficient;
  /** Krippendorff et al. (2016) with the dimension's codes (or polarities) as values: |uα is `binary`, cuα is `cu`. */
  family: UnitizedFamily;
}

export interface UnitizedAgreement {
  unitOfLength: UnitOfLength;
  /** What the values within a dimension are. */
  values: 'code' | 'polarity';
  /** Length of the joint continuum of the counted transcripts, in `unitOfLength`s. */
  continuumLength: number;
  /** Krippendorff (2004) uα over all dimensions as categories. */
  overall: UnitizedCoefficient;
  /** Sorted by dimension. */
  dimensions: UnitizedDimension[];
  /** The 2016 family with the dimensions as values; `acrossDimensions.cu` is Cu-α. */
  acrossDimensions: UnitizedFamily;
  /** What was joined or combined to meet the methods' rule that a coder's units do not overlap. */
  notes: string[];
}

export interface UnitizedOptions {
  unitOfLength?: UnitOfLength;
  byPolarity?: boolean;
  /** Dimensions to report even if nobody used them. */
  dimensions?: ReadonlyArray<string>;
}

/** `transcripts` are the counted ones (coded by every named coder), in a stable order. */
export function computeUnitizedAgreement(
  transcripts: ReadonlyArray<CodedTranscriptForAgreement>,
  coders: ReadonlyArray<string>,
  options: UnitizedOptions = {},
): UnitizedAgreement {
  const unitOfLength = options.unitOfLength ?? 'line';
  const placed = placeTranscripts(transcripts, unitOfLength);
  const blocks = placed.map((transcript) => transcript.block);
  const coderIndex = new Map(coders.map((coder, index) => [coder, index]));

  /** dimension → per coder → stretches valued by code path or polarity. */
  const byDimension = new Map<string, ValuedStretch[][]>();
  /** Per coder, stretches valued by dimension. */
  const acrossDimensions: ValuedStretch[][] = coders.map(() => []);
  for (const dimension of options.dimensions ?? []) {
    const path = dimensionOf(dimension);
    if (path !== undefined && !byDimension.has(path)) byDimension.set(path, coders.map(() => []));
  }
  transcripts.forEach((transcript, index) => {
    const place = placed[index];
    if (place === undefined) return;
    for (const code of transcript.codes) {
      const coder = coderIndex.get(code.coder);
      const dimension = dimensionOf(code.code);
      if (coder === undefined || dimension === undefined) continue;
      const stretch = stretchOf(place, code.lines[0], code.lines[1]);
      if (stretch === undefined) continue;
      let perCoder = byDimension.get(dimension);
      if (perCoder === undefined) {
        perCoder = coders.map(() => []);
        byDimension.set(dimension, perCoder);
      }
      const value = options.byPolarity === true ? (code.polarity === '' ? NO_POLARITY : code.polarity) : code.code;
      perCoder[coder]?.push({ ...stretch, value });
      acrossDimensions[coder]?.push({ ...stretch, value: dimension });
    }
  });

  let joins = 0;
  let combined = 0;
  const categories: CategoryUnits[] = [];
  const dimensions = [...byDimension.keys()].sort(compareText).map((dimension): UnitizedDimension => {
    const perCoder = byDimension.get(dimension) ?? [];
    const unitsByCoderList = perCoder.map((stretches) => {
      const joined = joinOverlapping(stretches.map((stretch) => ({ ...stretch, value: dimension })));
      joins += joined.joins;
      return joined.joined;
    });
    const category: CategoryUnits = { blocks, unitsByCoder: unitsByCoderList };
    categories.push(category);
    const partitions = perCoder.map((stretches) => {
      const partition = partitionOf(stretches, blocks);
      combined += partition.combined;
      return partition.sections;
    });
    const { units: _units, ...categoryAlpha } = categoryUnitizedAlpha(category);
    return {
      dimension,
      unitsByCoder: Object.fromEntries(coders.map((coder, index) => [coder, unitsByCoderList[index]?.length ?? 0])),
      categoryAlpha,
      family: unitizedAlphaFamily(partitions),
    };
  });

  let combinedDimensions = 0;
  const acrossPartitions = acrossDimensions.map((stretches) => {
    const partition = partitionOf(stretches, blocks);
    combinedDimensions += partition.combined;
    return partition.sections;
  });

  const notes: string[] = [];
  if (joins > 0) notes.push(`${joins} overlap(s) of one coder's codes in one dimension were joined into one unit (the methods require that one coder's units of a category do not overlap).`);
  if (combined > 0) {
    notes.push(`${combined} stretch(es) where one coder gave different ${options.byPolarity === true ? 'polarities' : 'codes'} of one dimension to the same text count as one combined value (sorted, joined with "+").`);
  }
  if (combinedDimensions > 0) {
    notes.push(`Across dimensions (Cu-α), ${combinedDimensions} stretch(es) that one coder coded with several dimensions count as one combined value.`);
  }
  return {
    unitOfLength,
    values: options.byPolarity === true ? 'polarity' : 'code',
    continuumLength: blocks.reduce((sum, block) => sum + block.length, 0),
    overall: categories.length === 0 ? noCategory() : overallUnitizedAlpha(categories),
    dimensions,
    acrossDimensions: unitizedAlphaFamily(acrossPartitions),
    notes,
  };
}

function noCategory(): UnitizedCoefficient {
  return { alpha: null, observed: 0, expected: 0, undefinedReason: 'no dimension was coded by anyone' };
}
