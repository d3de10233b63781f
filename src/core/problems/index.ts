/** What reading a user's file can say back: the Problem (file, line, column, message), files refused for safety, and the bounds past which input is refused. */
export { MAX_FRONT_MATTER_CHARS, MAX_TEXT_FILE_BYTES, MAX_YAML_CHARS, MAX_YAML_NESTING } from './limits';
export { compareProblems, formatProblem, lineColumnAt, problem, type Problem, type Severity } from './problem';
export { PROBLEM_KINDS, type ProblemKind } from './problem-kinds';
export { readOrRefuse, RefusedFileError, UnreadableFileError } from './refused-file';
export { type FileToWrite, TargetNotFreeError } from './target-not-free';
