/** problems: the public face of src/core/problems; modules outside it import from here. */
export { MAX_FRONT_MATTER_CHARS, MAX_TEXT_FILE_BYTES, MAX_YAML_CHARS, MAX_YAML_NESTING } from './limits';
export { compareProblems, formatProblem, lineColumnAt, problem, type Problem, type Severity } from './problem';
export { PROBLEM_KINDS, type ProblemKind } from './problem-kinds';
export { readOrRefuse, RefusedFileError } from './refused-file';
