/**
 * The study written by hand (test/fixtures/hand-written-study): every code sits on its
 * lines with a quote as people write it, and every command that asks "is this code on
 * its text?" answers yes (issue 12, item 1). Then a typo fixed in the transcript: the
 * similar text is offered, never applied, until it is accepted in one step.
 */
import { strict as assert } from 'node:assert';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

const STUDY = join(__dirname, '..', 'fixtures', 'hand-written-study');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: process.cwd(), stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('a study written by hand, quotes with speaker labels', () => {
  it('validates with 0 errors', async () => {
    const { code, stdout, stderr } = await cli(['validate', STUDY]);
    assert.equal(stdout, '');
    assert.match(stderr, /^2 sidecars, 11 codes checked: 0 errors, 0 warnings/u);
    assert.equal(code, 0);
  });

  it('check-integrity finds every code on its quote', async () => {
    const { code, stderr, stdout } = await cli(['check-integrity', STUDY]);
    assert.match(stdout + stderr, /11 codes checked against their transcripts \(11 on their quote\): consistent/u);
    assert.equal(code, 0);
  });

  it('reanchor has nothing to move or ask', async () => {
    const { code, stderr } = await cli(['reanchor', STUDY]);
    assert.match(stderr, /^0 codes moved, 0 need a person: nothing to write/u);
    assert.equal(code, 0);
  });

  it('the summary counts every code', async () => {
    const { code, stdout } = await cli(['summary', STUDY, '--json']);
    assert.equal(code, 0);
    const summary = JSON.parse(stdout) as { agencies: Array<{ dimensions: Array<{ factors: Array<{ segments: unknown[] }> }> }> };
    const segments = summary.agencies.flatMap((agency) => agency.dimensions.flatMap((dimension) => dimension.factors.flatMap((factor) => factor.segments)));
    assert.equal(segments.length, 11);
  });

  describe('a typo fixed in the transcript', () => {
    let root = '';
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'tc-hand-written-'));
      await cp(STUDY, root, { recursive: true });
      const transcript = join(root, 'transcripts', 'wawancara-kaban.txt');
      const text = await readFile(transcript, 'utf8');
      await writeFile(transcript, text.replace('Sekretaris kami yang memantau', 'Sekretaris kami yang memantaunya'));
    });
    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('is offered as similar text and not written without being accepted', async () => {
      const sidecar = join(root, 'transcripts', 'wawancara-kaban.txt.codes.yaml');
      const before = await readFile(sidecar, 'utf8');
      const dry = await cli(['reanchor', root, '--write']);
      assert.match(dry.stdout, /code k06: lines 17-18 -> 17-18\? similar text \(\d+%\), not written/u);
      assert.equal(dry.code, 1);
      assert.equal(await readFile(sidecar, 'utf8'), before);
      const validate = await cli(['validate', root]);
      assert.match(validate.stdout, /k06.*--accept-similar|--accept-similar.*k06/u);
    });

    it('is accepted in one step with --accept-similar, taking the text as its quote', async () => {
      const accepted = await cli(['reanchor', root, '--accept-similar', '--write']);
      assert.match(accepted.stdout, /code k06: lines 17-18 -> 17-18, similar text \(\d+%\) accepted as its quote/u);
      assert.match(accepted.stderr, /0 codes moved, 1 accepted on similar text, 0 need a person: 1 sidecars written/u);
      assert.equal(accepted.code, 0);
      const sidecar = await readFile(join(root, 'transcripts', 'wawancara-kaban.txt.codes.yaml'), 'utf8');
      assert.match(sidecar, /Sekretaris kami yang memantaunya setiap minggu/u);
      assert.match(sidecar, /quote: "KABAN: Dasar hukumnya Perwali/u, 'the other hand-written quotes are kept as written');
      const validate = await cli(['validate', root]);
      assert.match(validate.stderr, /0 errors/u);
    });
  });
});
