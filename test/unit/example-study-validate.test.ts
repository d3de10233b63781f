/**
 * The command a study's CI runs (docs/study-ci.md), on the example study that ships
 * with the project: it must validate cleanly, as a user's study would be expected to.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

describe('transcript-coder validate on the example study', () => {
  it('exits 0 with no errors', async () => {
    let stdout = '';
    let stderr = '';
    const root = join(__dirname, '..', '..');
    const code = await runCli(['validate', 'examples'], { cwd: root, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    assert.doesNotMatch(stdout, /: error: /u);
    assert.match(stderr, /^\d+ sidecars, \d+ codes checked: 0 errors/u);
    assert.equal(code, 0, stdout);
  });
});
