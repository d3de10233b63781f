/**
 * Built-in codebook templates (DESIGN §4) and the `codebook.yaml` a new study starts
 * from: a header that explains the file, then the codebook as emit.ts writes it.
 */
import { codebookYaml } from '../emit';
import { type Codebook, CODEBOOK_VERSION, DEFAULT_POLARITIES, type Framework } from '../model';
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
  const header = [...HEADER];
  if (frameworks.length > 0) header.push(`# Started from the built-in templates: ${frameworks.map((f) => f.id).join(', ')}.`);
  header.push('');
  const codebook: Codebook = { version: CODEBOOK_VERSION, frameworks, polarities: DEFAULT_POLARITIES };
  return codebookYaml(codebook, { header, quoting: 'plain-when-safe', spaced: true });
}

function templateById(id: string): Framework {
  const framework = FRAMEWORK_TEMPLATES.find((template) => template.id === id);
  if (framework === undefined) {
    throw new Error(`unknown codebook template '${id}'; the built-in templates are ${templateIds().join(', ')}`);
  }
  return framework;
}
