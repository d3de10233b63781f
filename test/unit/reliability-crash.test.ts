/**
 * Crash safety of the real commands (issue 7): the CLI, bundled as it ships, runs in a
 * child process that is killed with SIGKILL at random moments while it writes —
 * `reanchor --write` rewriting many sidecars, the git `merge-driver` rewriting %A, and
 * `import` unpacking a .qdpx into a new study. After every kill each sidecar holds
 * either its old bytes or its new bytes (never a mix, never empty), an import target is
 * either absent or the whole study, and whatever a kill leaves behind is a temporary
 * file or folder named so that the study index and watchers skip it.
 *
 * The new content is what an uninterrupted run writes. atomic-write.test.ts kills the
 * writer alone; this kills the commands users run. RELIABILITY_LARGE=1 kills ten times
 * as often.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { quoteOfLines } from '../../src/core/transcript/quote';
import { serializeSidecar } from '../../src/core/sidecar';
import type { CodeEntry } from '../../src/core/sidecar/model';
import { makeZip } from './helpers/refi-qda';
import { bodiesOf, CODE_PATHS, LINE_POOL, POLARITIES } from './reliability-fixtures';

const LARGE = process.env['RELIABILITY_LARGE'] === '1';
const KILLS = { reanchor: LARGE ? 300 : 30, mergeDriver: LARGE ? 200 : 20, import: LARGE ? 200 : 20 };
const TEMPORARY = /^\..+\.\d+\.[0-9a-f]+\.tmp$/u;

export const crashFigures = { kills: 0, killedWhileWriting: 0, filesChecked: 0 };

interface Run {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI; `killAfter` (ms after `trigger`: start, or the first output) ends it with SIGKILL. */
function runCli(cli: string, args: string[], cwd: string, kill?: { after: number; trigger: 'start' | 'output' }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (kill !== undefined && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), kill.after);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (kill?.trigger === 'output') arm();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (kill?.trigger === 'start') arm();
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function filesUnder(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(root, path).split('\\').join('/'), await fs.readFile(path));
    }
  };
  await walk(root);
  return files;
}

/** A transcript of `lines` lines and a sidecar with codes on them, as `reanchor` finds them after `shift` lines were inserted at the top. */
function transcriptAndSidecar(index: number, lines: number, codes: number): { transcript: string; sidecar: string } {
  const texts = Array.from({ length: lines }, (_, n) => `${LINE_POOL[(n * 7 + index) % LINE_POOL.length] ?? ''} (${index}.${n})`);
  const transcript = texts.join('\n') + '\n';
  const bodies = bodiesOf(transcript);
  const entries: CodeEntry[] = Array.from({ length: codes }, (_, n) => {
    const first = 1 + ((n * 13) % (lines - 2));
    const code: CodeEntry = {
      id: `c${index}x${n}`,
      lines: [first, first + (n % 3)],
      code: CODE_PATHS[n % CODE_PATHS.length] as string,
      polarity: POLARITIES[n % POLARITIES.length] as string,
      factor: `Faktor ${n}`,
      quote: quoteOfLines(bodies, first, first + (n % 3)),
      coder: 'rina',
    };
    return code;
  });
  return { transcript, sidecar: serializeSidecar({ version: 1, transcript: `t${index}.txt`, attributes: { agency: 'Dinas' }, codes: entries }) };
}

describe('reliability: the CLI killed while it writes leaves every file whole', function () {
  this.timeout(LARGE ? 3_600_000 : 300_000);
  let dir: string;
  let cli: string;

  before(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'tc-crash-'));
    cli = join(dir, 'cli.js');
    // The CLI as it ships (scripts/build.mjs), bundled here so the test runs today's source.
    buildSync({ entryPoints: [join(__dirname, '../../src/cli/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: cli, logLevel: 'warning' });
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it(`reanchor --write: each sidecar is old or new after ${KILLS.reanchor} kills`, async () => {
    // 40 transcripts that had three lines inserted at the top: every code moves.
    const study = join(dir, 'reanchor-source');
    const old = new Map<string, string>();
    for (let index = 0; index < 40; index++) {
      const { transcript, sidecar } = transcriptAndSidecar(index, 120, 25);
      await fs.mkdir(join(study, 'transcripts'), { recursive: true });
      await fs.writeFile(join(study, 'transcripts', `t${index}.txt`), `Pewawancara: Pembukaan.\n\nCatatan: rekaman dimulai.\n${transcript}`);
      await fs.writeFile(join(study, 'transcripts', `t${index}.txt.codes.yaml`), sidecar);
      old.set(`transcripts/t${index}.txt.codes.yaml`, sidecar);
    }
    const finished = join(dir, 'reanchor-finished');
    await fs.cp(study, finished, { recursive: true });
    const complete = await runCli(cli, ['reanchor', '--write', '.'], finished);
    assert.equal(complete.code, 0, complete.stdout);
    const fresh = await filesUnder(finished);
    for (const [path, content] of old) assert.notEqual(fresh.get(path)?.toString(), content, `${path} is rewritten by an uninterrupted run`);

    let mixed = 0;
    for (let kill = 0; kill < KILLS.reanchor; kill++) {
      const work = join(dir, `reanchor-${kill}`);
      await fs.cp(study, work, { recursive: true });
      // The first line printed comes just before the first sidecar is written; the kill falls within the writes.
      const run = await runCli(cli, ['reanchor', '--write', '.'], work, { after: Math.random() * 400, trigger: 'output' });
      let seenOld = 0;
      let seenNew = 0;
      for (const [path, content] of await filesUnder(work)) {
        const name = path.slice(path.lastIndexOf('/') + 1);
        if (!path.endsWith('.codes.yaml')) {
          if (!path.endsWith('.txt')) assert.match(name, TEMPORARY, `kill ${kill}: ${path} is left behind and not named as a temporary file`);
          continue;
        }
        crashFigures.filesChecked++;
        assert.ok(content.length > 0, `kill ${kill}: ${path} is empty`);
        if (content.toString() === old.get(path)) seenOld++;
        else if (content.equals(fresh.get(path) ?? Buffer.alloc(0))) seenNew++;
        else assert.fail(`kill ${kill}: ${path} holds neither its old nor its new content`);
      }
      assert.equal(seenOld + seenNew, old.size, `kill ${kill}: every sidecar is still there`);
      if (run.signal === 'SIGKILL') crashFigures.kills++;
      if (run.signal === 'SIGKILL' && seenOld > 0 && seenNew > 0) mixed++;
      await fs.rm(work, { recursive: true, force: true });
    }
    crashFigures.killedWhileWriting += mixed;
    // Kills landed between the first and the last write, where a non-atomic writer leaves a torn file.
    assert.ok(mixed > 0, 'no kill landed while sidecars were being written');
  });

  it(`merge-driver: %A is ours or the merge after ${KILLS.mergeDriver} kills`, async () => {
    // Two coders each added 600 codes to a 400-code sidecar: a merge big enough to be killed in.
    const work = join(dir, 'merge');
    await fs.mkdir(work);
    const { sidecar: base } = transcriptAndSidecar(0, 400, 400);
    const add = (text: string, prefix: string): string =>
      text +
      Array.from({ length: 600 }, (_, n) =>
        [`  - id: ${prefix}${n}`, `    lines: [${1 + (n % 300)}, ${1 + (n % 300)}]`, '    code: jones/organization', '    polarity: supporting', `    factor: ${prefix} ${n}`, '    quote: ""', `    coder: ${prefix}`].join('\n'),
      ).join('\n') +
      '\n';
    const ours = add(base, 'rina');
    const theirs = add(base, 'budi');
    await fs.writeFile(join(work, 'base'), base);
    await fs.writeFile(join(work, 'theirs'), theirs);
    await fs.writeFile(join(work, 'ours'), ours);
    const complete = await runCli(cli, ['merge-driver', 'base', 'ours', 'theirs', 't0.txt.codes.yaml'], work);
    assert.equal(complete.code, 0);
    const merged = await fs.readFile(join(work, 'ours'), 'utf8');
    assert.notEqual(merged, ours);
    const started = Date.now();
    await fs.writeFile(join(work, 'ours'), ours);
    await runCli(cli, ['merge-driver', 'base', 'ours', 'theirs', 't0.txt.codes.yaml'], work);
    const duration = Date.now() - started;

    let sawOld = 0;
    let sawNew = 0;
    for (let kill = 0; kill < KILLS.mergeDriver; kill++) {
      await fs.writeFile(join(work, 'ours'), ours);
      const run = await runCli(cli, ['merge-driver', 'base', 'ours', 'theirs', 't0.txt.codes.yaml'], work, { after: Math.random() * duration * 1.2, trigger: 'start' });
      const content = await fs.readFile(join(work, 'ours'), 'utf8');
      crashFigures.filesChecked++;
      if (content === ours) sawOld++;
      else if (content === merged) sawNew++;
      else assert.fail(`kill ${kill}: %A holds neither ours nor the merge (${content.length} characters)`);
      if (run.signal === 'SIGKILL') crashFigures.kills++;
      for (const name of await fs.readdir(work)) if (!['base', 'ours', 'theirs'].includes(name)) assert.match(name, TEMPORARY);
    }
    assert.equal(sawOld + sawNew, KILLS.mergeDriver);
  });

  it(`import: the study is absent or whole after ${KILLS.import} kills`, async () => {
    const work = join(dir, 'import');
    await fs.mkdir(work);
    const sources = Array.from({ length: 60 }, (_, index) => {
      // XML 1.0 cannot hold the ESC of the hostile line.
      const text = transcriptAndSidecar(index, 200, 0).transcript.replaceAll('\u001b', '');
      const selections = Array.from({ length: 10 }, (_, n) => {
        const start = n * 40;
        return `<PlainTextSelection guid="0a1b2c3d-0000-4000-8${String(index).padStart(3, '0')}-${String(n).padStart(12, '0')}" startPosition="${start}" endPosition="${start + 30}"><Coding guid="0a1b2c3d-0000-4000-9${String(index).padStart(3, '0')}-${String(n).padStart(12, '0')}"><CodeRef targetGUID="0a1b2c3d-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>`;
      });
      return `<TextSource guid="0a1b2c3d-0000-4000-a${String(index).padStart(3, '0')}-000000000000" name="wawancara-${index}.txt"><PlainTextContent>${text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;')}</PlainTextContent>${selections.join('')}</TextSource>`;
    });
    const project = `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="0a1b2c3d-0000-4000-8000-000000000001" name="Koordinasi" isCodable="true"/></Codes></CodeBook><Sources>${sources.join('')}</Sources></Project>\n`;
    await fs.writeFile(join(work, 'project.qdpx'), makeZip({ 'project.qde': project }));
    const started = Date.now();
    const complete = await runCli(cli, ['import', 'project.qdpx', '-o', 'whole'], work);
    const duration = Date.now() - started;
    assert.equal(complete.code, 0, complete.stderr);
    const whole = await filesUnder(join(work, 'whole'));
    assert.equal(whole.size, 121, 'a codebook and sixty transcripts with their sidecars');

    let absent = 0;
    let present = 0;
    for (let kill = 0; kill < KILLS.import; kill++) {
      const target = join(work, `out-${kill}`);
      const run = await runCli(cli, ['import', 'project.qdpx', '-o', `out-${kill}`], work, { after: Math.random() * duration * 1.2, trigger: 'start' });
      const exists = await fs.stat(target).then(() => true, () => false);
      if (exists) {
        present++;
        const files = await filesUnder(target);
        crashFigures.filesChecked += files.size;
        assert.deepEqual([...files.keys()].sort(), [...whole.keys()].sort(), `kill ${kill}: the imported study is whole`);
        for (const [path, content] of files) assert.ok(content.equals(whole.get(path) ?? Buffer.alloc(0)), `kill ${kill}: ${path} is complete`);
      } else absent++;
      if (run.signal === 'SIGKILL') crashFigures.kills++;
      for (const name of await fs.readdir(work)) {
        if (name === 'project.qdpx' || name === 'whole' || name.startsWith('out-')) continue;
        // A kill before the rename leaves the half-written study in a hidden temporary folder, never at the target.
        assert.match(name, TEMPORARY, `kill ${kill}: ${name} is left beside the target`);
      }
    }
    assert.equal(absent + present, KILLS.import);
    if (process.env['RELIABILITY_FIGURES'] === '1') console.log(`crash figures: ${JSON.stringify(crashFigures)}`);
  });
});
