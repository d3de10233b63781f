import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parseSidecar } from '../../src/core/sidecar';
import { filesOf } from './helpers/memory-study';
import { TempStudy } from './helpers/temp-study';

const EXAMPLES = filesOf(join(__dirname, '..', '..', 'examples'));
const BUDGET = ['--code', 'jones/application/budget-priority', '--polarity', 'inhibiting', '--factor', 'Anggaran terbatas', '--coder', 'uji'];
const KEPALA = 'transcripts/bkpsdm/kepala-badan.txt';

async function snapshot(study: TempStudy): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of EXAMPLES.keys()) files.set(path, await study.read(path));
  return files;
}

describe('transcript-coder code (issue 18)', () => {
  let study: TempStudy;
  beforeEach(async () => {
    study = await TempStudy.create(Object.fromEntries(EXAMPLES));
  });
  afterEach(async () => study.dispose());

  it('prints every hit as path:line: text and writes nothing without --write', async () => {
    const { code, stdout, stderr } = await study.cli('code', '--search', 'ANGGARAN', ...BUDGET);
    assert.equal(code, 0, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 8);
    const kepalaLines = (await study.read(KEPALA)).split('\n');
    for (const line of lines) {
      const match = /^([^:]+):(\d+): (.*)$/u.exec(line);
      assert.ok(match !== null, line);
      const [, path, number, text] = match;
      assert.match(text ?? '', /anggaran/iu);
      if (path === KEPALA) assert.equal(text, kepalaLines[Number(number) - 1]);
    }
    assert.match(stderr, /hits in \d+ transcripts: \d+ codes of jones\/application\/budget-priority to add \(run again with --write/u);
    assert.deepEqual(await snapshot(study), EXAMPLES);
  });

  it('codes one code per run with --write, and adds nothing the second time', async () => {
    const first = await study.cli('code', '--search', 'anggaran', '--write', ...BUDGET);
    assert.equal(first.code, 0, first.stderr);
    const added = Number(/(\d+) codes? of \S+ added/u.exec(first.stderr)?.[1]);
    assert.ok(added > 0, first.stderr);
    const afterFirst = await snapshot(study);
    const changed = [...afterFirst.keys()].filter((path) => afterFirst.get(path) !== EXAMPLES.get(path));
    assert.ok(changed.length > 0 && changed.every((path) => path.endsWith('.codes.yaml')), changed.join(', '));
    let newCodes = 0;
    for (const path of changed) {
      const parsed = parseSidecar(afterFirst.get(path) ?? '', path);
      assert.equal(parsed.status, 'ok');
      const mine = parsed.status === 'ok' ? parsed.data.codes.filter((entry) => entry.coder === 'uji') : [];
      newCodes += mine.length;
      for (const entry of mine) assert.deepEqual([entry.code, entry.polarity, entry.factor], ['jones/application/budget-priority', 'inhibiting', 'Anggaran terbatas']);
    }
    assert.equal(newCodes, added);

    const second = await study.cli('code', '--search', 'anggaran', '--write', ...BUDGET);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, / 0 codes of jones\/application\/budget-priority added/u);
    assert.deepEqual(await snapshot(study), afterFirst);
  });

  it('codes every turn of a speaker, limited to a folder', async () => {
    const { code, stdout } = await study.cli('code', '--speaker', 'kabid aptika', '--folder', 'transcripts/diskominfo', '--write', '--code', 'jones/organization', '--polarity', 'neutral', '--factor', 'Pandangan Kabid', '--coder', 'uji');
    assert.equal(code, 0);
    assert.ok(stdout.split('\n').filter(Boolean).every((line) => line.startsWith('transcripts/diskominfo/') && /: Kabid Aptika:/u.test(line)));
    const sidecar = parseSidecar(await study.read('transcripts/diskominfo/kabid-aptika.txt.codes.yaml'), 'x');
    assert.ok(sidecar.status === 'ok' && sidecar.data.codes.some((entry) => entry.coder === 'uji'));
  });

  it('names a broken sidecar, codes the others and exits 1', async () => {
    const broken = 'transcripts/diskominfo/kadis-kominfo.txt.codes.yaml';
    const conflicted = `<<<<<<< HEAD\n${EXAMPLES.get(broken) ?? ''}=======\nversion: 1\n>>>>>>> theirs\n`;
    await study.write(broken, conflicted);
    const { code, stdout, stderr } = await study.cli('code', '--search', 'anggaran', '--write', ...BUDGET);
    assert.equal(code, 1);
    assert.match(stdout, /^transcripts\/diskominfo\/kadis-kominfo\.txt:\d+: /mu, 'its hits are still listed');
    assert.match(stderr, new RegExp(`^${broken.replace(/\./gu, '\\.')}:\\d+: .*; its hits were not coded$`, 'mu'));
    assert.equal(await study.read(broken), conflicted);
    assert.notEqual(await study.read(`${KEPALA}.codes.yaml`), EXAMPLES.get(`${KEPALA}.codes.yaml`));
  });

  it('keeps CRLF line ends of a sidecar it codes', async () => {
    const path = `${KEPALA}.codes.yaml`;
    await study.write(path, (EXAMPLES.get(path) ?? '').replace(/\n/gu, '\r\n'));
    const { code } = await study.cli('code', '--search', 'anggaran', '--write', ...BUDGET);
    assert.equal(code, 0);
    const text = await study.read(path);
    assert.ok(text.includes('coder: uji\r\n') && !/[^\r]\n/u.test(text));
  });

  it('exits 2 on a bad or slow pattern, writing nothing', async () => {
    for (const pattern of ['(unclosed', '(a+)+$', 'x*']) {
      const { code, stderr } = await study.cli('code', '--search', pattern, '--regex', '--write', ...BUDGET);
      assert.equal(code, 2, pattern);
      assert.ok(stderr.includes(`/${pattern}/`), stderr);
    }
    assert.deepEqual(await snapshot(study), EXAMPLES);
  });

  it('exits 2 on an unknown code path or polarity, naming the codebook\'s', async () => {
    const unknownCode = await study.cli('code', '--search', 'anggaran', '--code', 'jones/budget', '--polarity', 'inhibiting', '--factor', 'x');
    assert.equal(unknownCode.code, 2);
    assert.match(unknownCode.stderr, /--code jones\/budget is not in codebook\.yaml; its codes are: .*jones\/application\/budget-priority/u);
    const unknownPolarity = await study.cli('code', '--search', 'anggaran', '--code', 'jones/organization', '--polarity', 'penghambat', '--factor', 'x');
    assert.equal(unknownPolarity.code, 2);
    assert.match(unknownPolarity.stderr, /--polarity penghambat is not in codebook\.yaml; its polarities are: supporting, inhibiting, effort, neutral/u);
    const missing = await study.cli('code', '--search', 'anggaran', '--write', '--code', 'jones/organization');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs --polarity, --factor/u);
  });

  it('takes the coder from git, and asks for --coder when git has none', async () => {
    const saved = { global: process.env['GIT_CONFIG_GLOBAL'], system: process.env['GIT_CONFIG_NOSYSTEM'] };
    process.env['GIT_CONFIG_GLOBAL'] = study.path('no-such-gitconfig');
    process.env['GIT_CONFIG_NOSYSTEM'] = '1';
    try {
      const args = ['code', '--search', 'anggaran', '--write', '--code', 'jones/organization', '--polarity', 'neutral', '--factor', 'x'];
      const without = await study.cli(...args);
      assert.equal(without.code, 2);
      assert.match(without.stderr, /name the coder with --coder NAME/u);
      await study.write('.git-home/config', '[user]\n\tname = Sari Peneliti\n');
      process.env['GIT_CONFIG_GLOBAL'] = study.path('.git-home/config');
      const withGit = await study.cli(...args);
      assert.equal(withGit.code, 0, withGit.stderr);
      assert.match(await study.read(`${KEPALA}.codes.yaml`), /coder: Sari Peneliti/u);
    } finally {
      for (const [key, value] of [['GIT_CONFIG_GLOBAL', saved.global], ['GIT_CONFIG_NOSYSTEM', saved.system]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
