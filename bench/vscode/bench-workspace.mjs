// The workspace both real-VS Code benches measure (run-vscode-bench.mjs in the server's
// Node extension host, run-web-bench.mjs in the browser's web worker host): the example
// study, seven copies of the large transcript (20,000 lines, 2,000 codes) under
// transcripts/bench/, and the generated study's transcripts when one is given.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR } from '../../scripts/real-vscode/paths.mjs';

export function prepareBenchWorkspace(name, input, studyRoot) {
  const workspace = path.join(WORK_DIR, 'workspaces', name);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const benchFolder = path.join(workspace, 'transcripts', 'bench');
  mkdirSync(benchFolder, { recursive: true });
  const transcript = readFileSync(path.join(input, 'large.txt'));
  const sidecar = readFileSync(path.join(input, 'large.txt.codes.yaml'), 'utf8');
  for (let n = 1; n <= 7; n++) {
    writeFileSync(path.join(benchFolder, `large-${n}.txt`), transcript);
    writeFileSync(path.join(benchFolder, `large-${n}.txt.codes.yaml`), sidecar.replace('transcript: large.txt', `transcript: large-${n}.txt`));
  }
  // The generated study's transcripts and sidecars join the example study's.
  if (studyRoot !== undefined) cpSync(path.join(studyRoot, 'transcripts'), path.join(workspace, 'transcripts'), { recursive: true });
  return workspace;
}
