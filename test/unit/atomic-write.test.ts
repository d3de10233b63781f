import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { WriteRefusedError, writeFileAtomic } from '../../src/node/atomic-write';

const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]+\.tmp$/u;

describe('writeFileAtomic', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'atomic-write-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes a new file and replaces an existing one, from text or bytes', async () => {
    const target = join(dir, 'kaban.txt.codes.yaml');
    assert.equal(await writeFileAtomic(target, 'version: 1\n'), 'written');
    assert.equal(await fs.readFile(target, 'utf8'), 'version: 1\n');
    assert.equal(await writeFileAtomic(target, new TextEncoder().encode('version: 1\ntranscript: é😀\n')), 'written');
    assert.equal(await fs.readFile(target, 'utf8'), 'version: 1\ntranscript: é😀\n');
    assert.deepEqual(await fs.readdir(dir), ['kaban.txt.codes.yaml']);
  });

  it('does not rewrite a file whose content is the same', async () => {
    const target = join(dir, 'same.yaml');
    await fs.writeFile(target, 'version: 1\n');
    const past = new Date('2020-01-01T00:00:00Z');
    await fs.utimes(target, past, past);
    const before = await fs.stat(target);
    assert.equal(await writeFileAtomic(target, 'version: 1\n'), 'unchanged');
    assert.equal(await writeFileAtomic(target, new TextEncoder().encode('version: 1\n')), 'unchanged');
    const after = await fs.stat(target);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(after.ino, before.ino);
    // Same length, other bytes: written.
    assert.equal(await writeFileAtomic(target, 'version: 2\n'), 'written');
    assert.notEqual((await fs.stat(target)).ino, before.ino);
  });

  it('keeps the mode of the file it replaces', async () => {
    const target = join(dir, 'private.yaml');
    await fs.writeFile(target, 'old\n');
    await fs.chmod(target, 0o640);
    await writeFileAtomic(target, 'new\n');
    assert.equal((await fs.stat(target)).mode & 0o777, 0o640);
  });

  it('refuses to write through a symbolic link, leaving the link and its target as they were (issue 19)', async () => {
    const real = join(dir, 'real.yaml');
    const link = join(dir, 'link.yaml');
    await fs.writeFile(real, 'old\n');
    await fs.symlink(real, link);
    await assert.rejects(writeFileAtomic(link, 'new\n'), (error: unknown) => error instanceof WriteRefusedError && error.message === `${link} was not written: it is a symbolic link; Transcript Coder does not write through links`);
    assert.ok((await fs.lstat(link)).isSymbolicLink());
    assert.equal(await fs.readFile(real, 'utf8'), 'old\n');
    assert.deepEqual((await fs.readdir(dir)).sort(), ['link.yaml', 'real.yaml'], 'no temporary file left');
  });

  it('on failure leaves the target as it was and no temporary file behind', async () => {
    const target = join(dir, 'a-directory');
    await fs.mkdir(target);
    await fs.writeFile(join(target, 'inside.txt'), 'keep');
    await assert.rejects(writeFileAtomic(target, 'version: 1\n'));
    assert.equal(await fs.readFile(join(target, 'inside.txt'), 'utf8'), 'keep');
    assert.deepEqual(await fs.readdir(dir), ['a-directory']);

    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.yaml'), 'x'), { code: 'ENOENT' });
    assert.deepEqual(await fs.readdir(dir), ['a-directory']);
  });

  it('leaves the old or the new content, never a mix, when the writer is killed at any moment', async () => {
    // The child runs the module as plain JavaScript, so starting it costs tens of
    // milliseconds and thirty kills fit in a few seconds.
    const source = readFileSync(join(__dirname, '../../src/node/atomic-write.ts'), 'utf8');
    const moduleFile = join(dir, 'atomic-write.mjs');
    await fs.writeFile(moduleFile, transformSync(source, { loader: 'ts', format: 'esm' }).code);
    const childFile = join(dir, 'child.mjs');
    await fs.writeFile(
      childFile,
      [
        `import { writeFileAtomic } from ${JSON.stringify(moduleFile)};`,
        'const [target, a, b] = process.argv.slice(2);',
        "const contents = [Buffer.alloc(2_000_000, a), Buffer.alloc(2_000_000, b)];",
        'for (let i = 1; ; i++) {',
        '  await writeFileAtomic(target, contents[i % 2]);',
        "  if (i === 1) process.stdout.write('ready\\n');",
        '}',
      ].join('\n'),
    );
    const target = join(dir, 'target', 'codes.yaml');
    await fs.mkdir(join(dir, 'target'));
    const old = Buffer.alloc(2_000_000, 'a');
    const next = Buffer.alloc(2_000_000, 'b');
    await fs.writeFile(target, old);

    let sawOld = 0;
    let sawNew = 0;
    for (let kill = 0; kill < 30; kill++) {
      const child = spawn(process.execPath, [childFile, target, 'a', 'b'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', () => reject(new Error('the writer stopped before it was killed')));
      });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      const content = await fs.readFile(target);
      if (content.equals(old)) sawOld++;
      else if (content.equals(next)) sawNew++;
      else assert.fail(`after kill ${kill + 1} the file holds neither content (${content.length} bytes)`);
    }
    assert.ok(sawOld > 0 && sawNew > 0, `killed at too few moments: old ${sawOld}, new ${sawNew}`);
    // A kill can leave a temporary file (nothing runs to remove it); it is named so that
    // watchers and globs skip it.
    for (const name of await fs.readdir(join(dir, 'target'))) {
      if (name !== 'codes.yaml') assert.match(name, TEMP_NAME);
    }
  });
});
