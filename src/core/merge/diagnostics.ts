/**
 * Recorded merge conflicts as problems, for `validate` and the editor's Problems panel:
 * one error per conflict, on the line of the code (or attribute) it is about, so that
 * a conflict stays visible until a person decides it.
 */
import { problem, type Problem } from '../problems';
import type { SidecarData } from '../sidecar';
import { conflictsOf } from './conflict-list';
import { readConflictRecords } from './conflict-record';
import { describeConflict } from './model';

/** `text` is the sidecar's text, `data` what it parsed to. */
export function conflictProblems(data: SidecarData, text: string, file: string): Problem[] {
  const { records, positions, problems } = readConflictRecords(text, file);
  const found = [...problems];
  const how = `resolve with \`transcript-coder resolve ${file} --take ours|theirs\` or edit the file (keep the values you want and delete the \`conflict:\` key)`;
  for (const conflict of conflictsOf(data, records)) {
    const { target } = conflict;
    const where =
      (target.kind === 'code'
        ? positions.codes.get(target.id)
        : target.kind === 'attribute'
          ? positions.attributes.get(target.name)
          : positions.transcript) ??
      positions.top ?? { line: 1, column: 1 };
    const codeId = target.kind === 'code' ? target.id : undefined;
    found.push(problem('conflict-recorded', file, where.line, where.column, 'error', `${describeConflict(conflict)}; ${how}`, codeId));
  }
  return found;
}
