/**
 * Built-in codebook templates (DESIGN §4) and the `codebook.yaml` a new study starts
 * from. The text is written by hand rather than by a YAML serializer so that it reads
 * like a file a person would write: a header that explains it, labels on one line,
 * descriptions as one line per language.
 */
import type { Label } from '../../text';
import { CODEBOOK_VERSION, DEFAULT_POLARITIES, type Dimension, type Framework, type Indicator } from '../model';
import { BARRIERS, INDRAJIT, POLICY_PROCESS } from './e-government';
import { EDWARD_III, JONES, VAN_METER_VAN_HORN } from './implementation-models';

export const FRAMEWORK_TEMPLATES: Framework[] = [JONES, EDWARD_III, VAN_METER_VAN_HORN, INDRAJIT, POLICY_PROCESS, BARRIERS];

export function templateIds(): string[] {
  return FRAMEWORK_TEMPLATES.map((framework) => framework.id);
}

const HEADER = [
  `# Transcript Coder codebook (format version ${CODEBOOK_VERSION}).`,
  '#',
  '# The codes a line of a transcript can be given. A code is addressed by its path,',
  '# framework/dimension or framework/dimension/indicator, e.g. jones/organization/coordination.',
  '# The sidecar files (*.codes.yaml) store these paths, so change an id only together with them;',
  '# labels, descriptions and colours can be changed freely.',
  '#',
  "# - id: lowercase letters, digits and '-', unique among its siblings.",
  '# - label, description: one text, or one text per language tag (en: English, id: Indonesian).',
  '# - color: "#rrggbb" in quotes, because an unquoted # starts a YAML comment.',
  '# - polarities: what a coded factor is for the implementation; the four below are the default.',
];

/** The text of a new `codebook.yaml` holding the given templates, in the order given. */
export function codebookYamlFromTemplates(frameworkIds: string[]): string {
  const frameworks = [...new Set(frameworkIds)].map(templateById);
  const lines = [...HEADER];
  if (frameworks.length > 0) lines.push(`# Started from the built-in templates: ${frameworks.map((f) => f.id).join(', ')}.`);
  lines.push('', `version: ${CODEBOOK_VERSION}`, frameworks.length === 0 ? 'frameworks: []' : 'frameworks:');
  frameworks.forEach((framework, index) => lines.push(...(index === 0 ? [] : ['']), ...frameworkLines(framework)));
  lines.push('', 'polarities:');
  for (const polarity of DEFAULT_POLARITIES) lines.push(`  - {id: ${polarity.id}, label: ${flowLabel(polarity.label)}}`);
  return lines.join('\n') + '\n';
}

function templateById(id: string): Framework {
  const framework = FRAMEWORK_TEMPLATES.find((template) => template.id === id);
  if (framework === undefined) {
    throw new Error(`unknown codebook template '${id}'; the built-in templates are ${templateIds().join(', ')}`);
  }
  return framework;
}

function frameworkLines(framework: Framework): string[] {
  return [
    `  - id: ${framework.id}`,
    `    label: ${flowLabel(framework.label)}`,
    ...descriptionLines(framework.description, '    '),
    '    dimensions:',
    ...framework.dimensions.flatMap(dimensionLines),
  ];
}

function dimensionLines(dimension: Dimension): string[] {
  const lines = [
    `      - id: ${dimension.id}`,
    `        label: ${flowLabel(dimension.label)}`,
    `        color: "${dimension.color}"`,
    ...descriptionLines(dimension.description, '        '),
  ];
  if (dimension.indicators.length > 0) lines.push('        indicators:', ...dimension.indicators.flatMap(indicatorLines));
  return lines;
}

function indicatorLines(indicator: Indicator): string[] {
  return [
    `          - id: ${indicator.id}`,
    `            label: ${flowLabel(indicator.label)}`,
    ...descriptionLines(indicator.description, '            '),
  ];
}

function flowLabel(label: Label): string {
  if (typeof label === 'string') return scalar(label, 'flow');
  return `{${Object.entries(label).map(([tag, text]) => `${tag}: ${scalar(text, 'flow')}`).join(', ')}}`;
}

function descriptionLines(description: Label | undefined, indent: string): string[] {
  if (description === undefined) return [];
  if (typeof description === 'string') return [`${indent}description: ${scalar(description, 'block')}`];
  return [
    `${indent}description:`,
    ...Object.entries(description).map(([tag, text]) => `${indent}  ${tag}: ${scalar(text, 'block')}`),
  ];
}

/**
 * Text as a plain YAML scalar when that is unambiguous, else double-quoted (JSON string
 * syntax is valid YAML). Inside `{...}` a comma would end the value, so it forces quotes.
 */
const PLAIN_IN_BLOCK = /^[\p{L}][\p{L}\p{N} ,.;()'/&-]*[\p{L}\p{N}.)]$|^[\p{L}]$/u;
const WORDS_YAML_READS_AS_VALUES = /^(?:true|false|yes|no|on|off|null|y|n)$/i;

function scalar(text: string, context: 'flow' | 'block'): string {
  const plain = PLAIN_IN_BLOCK.test(text) && !WORDS_YAML_READS_AS_VALUES.test(text) && !(context === 'flow' && text.includes(','));
  return plain ? text : JSON.stringify(text);
}
