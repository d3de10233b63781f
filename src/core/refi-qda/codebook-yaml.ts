/**
 * A codebook as the text of `codebook.yaml`, written by the codebook's one emitter
 * (core/codebook emit.ts) in the templates' layout. Text values come from other tools,
 * so every one is written as a double-quoted JSON string, which YAML reads back exactly
 * whatever it contains.
 */
import { type Codebook, codebookYaml } from '../codebook';

export function codebookToYaml(codebook: Codebook, headerComment: readonly string[]): string {
  const header = headerComment.map((line) => (line === '' ? '' : `# ${line}`));
  return codebookYaml(codebook, { header, quoting: 'always-quoted', spaced: false });
}
