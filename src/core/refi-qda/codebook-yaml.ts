/**
 * A codebook as the text of `codebook.yaml`, in the layout of the built-in templates
 * (templates.ts): labels on one line, descriptions one line per language. Text values
 * come from other tools, so every one is written as a double-quoted JSON string, which
 * YAML reads back exactly whatever it contains.
 */
import type { Codebook, Dimension, Framework, Indicator } from '../codebook';
import type { Label } from '../text';

export function codebookToYaml(codebook: Codebook, headerComment: readonly string[]): string {
  const lines = headerComment.map((line) => (line === '' ? '' : `# ${line}`));
  lines.push(`version: ${codebook.version}`);
  if (codebook.frameworks.length === 0) lines.push('frameworks: []');
  else lines.push('frameworks:', ...codebook.frameworks.flatMap(frameworkLines));
  lines.push('polarities:');
  for (const polarity of codebook.polarities) lines.push(`  - {id: ${id(polarity.id)}, label: ${flowLabel(polarity.label)}}`);
  return lines.join('\n') + '\n';
}

function frameworkLines(framework: Framework): string[] {
  const lines = [`  - id: ${id(framework.id)}`, `    label: ${flowLabel(framework.label)}`, ...descriptionLines(framework.description, '    ')];
  if (framework.dimensions.length === 0) lines.push('    dimensions: []');
  else lines.push('    dimensions:', ...framework.dimensions.flatMap(dimensionLines));
  return lines;
}

function dimensionLines(dimension: Dimension): string[] {
  const lines = [
    `      - id: ${id(dimension.id)}`,
    `        label: ${flowLabel(dimension.label)}`,
    `        color: "${dimension.color}"`,
    ...descriptionLines(dimension.description, '        '),
  ];
  if (dimension.indicators.length > 0) lines.push('        indicators:', ...dimension.indicators.flatMap(indicatorLines));
  return lines;
}

function indicatorLines(indicator: Indicator): string[] {
  return [
    `          - id: ${id(indicator.id)}`,
    `            label: ${flowLabel(indicator.label)}`,
    ...descriptionLines(indicator.description, '            '),
  ];
}

function flowLabel(label: Label): string {
  if (typeof label === 'string') return JSON.stringify(label);
  return `{${Object.entries(label).map(([tag, text]) => `${key(tag)}: ${JSON.stringify(text)}`).join(', ')}}`;
}

function descriptionLines(description: Label | undefined, indent: string): string[] {
  if (description === undefined) return [];
  if (typeof description === 'string') return [`${indent}description: ${JSON.stringify(description)}`];
  return [`${indent}description:`, ...Object.entries(description).map(([tag, text]) => `${indent}  ${key(tag)}: ${JSON.stringify(text)}`)];
}

const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|y|n)$/iu;

/** Ids are `[a-z0-9-]`; one YAML would read as a number or a boolean is quoted. */
function id(value: string): string {
  return /^[a-z][a-z0-9-]*$/u.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);
}

function key(tag: string): string {
  return /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/iu.test(tag) && !YAML_WORDS.test(tag) ? tag : JSON.stringify(tag);
}
