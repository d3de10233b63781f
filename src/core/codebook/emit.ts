/**
 * The one writer of a whole `codebook.yaml` from a codebook (issue 14): a new study's
 * codebook from the built-in templates, and the codebook of a REFI-QDA import. (Edits of
 * an existing codebook go through the `yaml` Document API in edits.ts instead, so the
 * researcher's comments and layout stay.)
 *
 * Written line by line rather than by a YAML serializer so that it reads like a file a
 * person would write: labels on one line, descriptions one line per language, ids plain.
 * Whatever the style, the text reads back with parseCodebook to the same codebook.
 */
import type { Label } from '../text';
import type { Codebook, Dimension, Framework, Indicator } from './model';

export interface CodebookYamlStyle {
  /** Lines written before `version:`, as they are (comments, blank lines). */
  header: readonly string[];
  /**
   * 'plain-when-safe': text as a plain scalar when YAML reads it back unchanged, else
   * double-quoted (the templates, written for people to read). 'always-quoted': every
   * text double-quoted — text from another tool can hold anything, and a JSON string is
   * a YAML double-quoted scalar that reads back exactly.
   */
  quoting: 'plain-when-safe' | 'always-quoted';
  /** A blank line between frameworks and before `polarities:`. */
  spaced: boolean;
}

export function codebookYaml(codebook: Codebook, style: CodebookYamlStyle): string {
  const text = (value: string, context: 'flow' | 'block') => (style.quoting === 'always-quoted' ? JSON.stringify(value) : plainWhenSafe(value, context));
  const label = (value: Label) =>
    typeof value === 'string' ? text(value, 'flow') : `{${Object.entries(value).map(([tag, words]) => `${key(tag)}: ${text(words, 'flow')}`).join(', ')}}`;
  const description = (value: Label | undefined, indent: string): string[] => {
    if (value === undefined) return [];
    if (typeof value === 'string') return [`${indent}description: ${text(value, 'block')}`];
    return [`${indent}description:`, ...Object.entries(value).map(([tag, words]) => `${indent}  ${key(tag)}: ${text(words, 'block')}`)];
  };
  const indicatorLines = (indicator: Indicator): string[] => [
    `          - id: ${id(indicator.id)}`,
    `            label: ${label(indicator.label)}`,
    ...description(indicator.description, '            '),
  ];
  const dimensionLines = (dimension: Dimension): string[] => [
    `      - id: ${id(dimension.id)}`,
    `        label: ${label(dimension.label)}`,
    `        color: "${dimension.color}"`,
    ...description(dimension.description, '        '),
    ...(dimension.indicators.length === 0 ? [] : ['        indicators:', ...dimension.indicators.flatMap(indicatorLines)]),
  ];
  const frameworkLines = (framework: Framework): string[] => [
    `  - id: ${id(framework.id)}`,
    `    label: ${label(framework.label)}`,
    ...description(framework.description, '    '),
    ...(framework.dimensions.length === 0 ? ['    dimensions: []'] : ['    dimensions:', ...framework.dimensions.flatMap(dimensionLines)]),
  ];

  const lines = [...style.header, `version: ${codebook.version}`];
  if (codebook.frameworks.length === 0) lines.push('frameworks: []');
  else lines.push('frameworks:');
  codebook.frameworks.forEach((framework, index) => lines.push(...(index > 0 && style.spaced ? [''] : []), ...frameworkLines(framework)));
  lines.push(...(style.spaced ? [''] : []), 'polarities:');
  for (const polarity of codebook.polarities) lines.push(`  - {id: ${id(polarity.id)}, label: ${label(polarity.label)}}`);
  return lines.join('\n') + '\n';
}

/** Text YAML would read as something else, or that needs quotes to stay text. */
const PLAIN_IN_BLOCK = /^[\p{L}][\p{L}\p{N} ,.;()'/&-]*[\p{L}\p{N}.)]$|^[\p{L}]$/u;
const WORDS_YAML_READS_AS_VALUES = /^(?:true|false|yes|no|on|off|null|y|n)$/iu;

/** Plain when unambiguous; inside `{...}` a comma would end the value, so it forces quotes. */
function plainWhenSafe(value: string, context: 'flow' | 'block'): string {
  const plain = PLAIN_IN_BLOCK.test(value) && !WORDS_YAML_READS_AS_VALUES.test(value) && !(context === 'flow' && value.includes(','));
  return plain ? value : JSON.stringify(value);
}

/** Ids are `[a-z0-9-]`; one YAML would read as a number or a boolean is quoted. */
function id(value: string): string {
  return /^[a-z][a-z0-9-]*$/u.test(value) && !WORDS_YAML_READS_AS_VALUES.test(value) ? value : JSON.stringify(value);
}

/** A language tag as a key; quoted if YAML would read it as something other than text. */
function key(tag: string): string {
  return /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/iu.test(tag) && !WORDS_YAML_READS_AS_VALUES.test(tag) ? tag : JSON.stringify(tag);
}
