/**
 * `transcript-coder check-integrity [dir]` (src/core/study/integrity.ts): every sidecar
 * compared with its transcript, each inconsistency printed as `path:line:col:` and the
 * exit code 1 when there is any. One test per kind of inconsistency, and the bundled
 * example study, which must stay consistent.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { encodeText } from '../../src/core/transcript/encoding';
import { TempStudy } from './helpers/temp-study';
import { CODEBOOK } from './reliability-fixtures';

const TRANSCRIPT = ['Pewawancara: Bagaimana koordinasi antar bidang?', 'Kepala Dinas: Koordinasi antar bidang belum jalan.', 'Sekretaris: Anggaran kami sangat terbatas.'].join('\n') + '\n';

function sidecar(codes: string[], transcript = 'kaban.txt'): string {
  return [`version: 1`, `transcript: ${transcript}`, 'attributes:', '  agency: BKPSDMD', 'codes:', ...codes].join('\n') + '\n';
}

function code(id: string, lines: string, quote: string, extra: string[] = []): string {
  return [`  - id: ${id}`, `    lines: ${lines}`, '    code: jones/organization', '    polarity: inhibiting', '    factor: Koordinasi', `    quote: ${JSON.stringify(quote)}`, '    coder: rina', ...extra].join('\n');
}

const GOOD = code('aaaa1111', '[2, 2]', 'Koordinasi antar bidang belum jalan.');

async function check(files: Record<string, string | Uint8Array>): Promise<{ code: number; stdout: string; stderr: string }> {
  const study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, ...files });
  try {
    return await study.cli('check-integrity');
  } finally {
    await study.dispose();
  }
}

describe('check-integrity', () => {
  it('passes a consistent study, and the example study', async () => {
    const result = await check({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': sidecar([GOOD]) });
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /1 sidecars, 1 codes checked against their transcripts \(1 on their quote\): consistent/u);

    let stdout = '';
    let stderr = '';
    const examples = await runCli(['check-integrity', join(__dirname, '..', '..', 'examples')], { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    assert.equal(examples, 0, stdout + stderr);
  });

  it('reports a code whose quote is no longer at its lines, where it went, at the code in the sidecar', async () => {
    const result = await check({ 'kaban.txt': `Catatan: mulai.\n${TRANSCRIPT}`, 'kaban.txt.codes.yaml': sidecar([GOOD]) });
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      'kaban.txt.codes.yaml:6:5: error: the quote "Koordinasi antar bidang belum jalan." is not at lines 2 of kaban.txt but at lines 3: run `transcript-coder reanchor --write` [code aaaa1111]\n',
    );
  });

  it('reports lines past the end of the transcript, and an orphan whose text is gone', async () => {
    const result = await check({
      'kaban.txt': TRANSCRIPT,
      'kaban.txt.codes.yaml': sidecar([code('aaaa1111', '[9, 12]', 'Teks lama yang hilang.'), code('bbbb2222', '[1, 1]', 'Kalimat yang sudah dihapus dari transkrip.')]),
    });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /kaban\.txt\.codes\.yaml:6:5: error: lines 9-12 are outside kaban\.txt, which has 3 lines: .*\[code aaaa1111\]/u);
    assert.match(result.stdout, /kaban\.txt\.codes\.yaml:13:5: error: the quote "Kalimat yang sudah dihapus dari transkrip\." is not at lines 1 of kaban\.txt nor anywhere else in it: the code is an orphan, kept .*\[code bbbb2222\]/u);
  });

  it('reports duplicate ids and git conflict markers as an unreadable sidecar, with their lines', async () => {
    const duplicate = await check({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': sidecar([GOOD, GOOD]) });
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stdout, /kaban\.txt\.codes\.yaml:6:5: error: Code id `aaaa1111` is used more than once \(also at line 13\)/u);
    const markers = await check({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': sidecar(['<<<<<<< HEAD', GOOD, '=======', '>>>>>>> theirs']) });
    assert.equal(markers.code, 1);
    assert.match(markers.stdout, /kaban\.txt\.codes\.yaml:6:1: error: Git conflict marker "<<<<<<<"/u);
  });

  it('reports a recorded merge conflict that nobody decided', async () => {
    const conflicted = code('aaaa1111', '[2, 2]', 'Koordinasi antar bidang belum jalan.', ['    conflict:', '      theirs:', '        factor: Koordinasi lemah']);
    const result = await check({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': sidecar([conflicted]) });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /kaban\.txt\.codes\.yaml:\d+:\d+: error: .*conflict.*\[code aaaa1111\]/u);
  });

  it('reports a missing transcript, a binary one, one in an unknown encoding, and a sidecar naming another transcript', async () => {
    const missing = await check({ 'kaban.txt.codes.yaml': sidecar([GOOD]) });
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /kaban\.txt\.codes\.yaml:1:1: error: its transcript kaban\.txt does not exist/u);

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const binary = await check({ 'kaban.txt': png, 'kaban.txt.codes.yaml': sidecar([GOOD]) });
    assert.equal(binary.code, 1);
    assert.match(binary.stdout, /^kaban\.txt:3:1: error: looks like a binary file \(NUL byte at line 3\), not a text transcript$/mu);

    // Russian in Windows-1251: not UTF-8, and not Windows-1252 text either.
    const cp1251 = Uint8Array.from([...'Interviewer: '].map((c) => c.charCodeAt(0)).concat([0xc7, 0xe4, 0xf0, 0xe0, 0xe2, 0xf1, 0xf2, 0xe2, 0xf3, 0xe9, 0xf2, 0xe5, 0x2c, 0x20, 0xea, 0xee, 0xeb, 0xeb, 0xe5, 0xe3, 0xe8, 0x0a]));
    const unknown = await check({ 'kaban.txt': cp1251, 'kaban.txt.codes.yaml': sidecar([]) });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stdout, /^kaban\.txt:1:1: error: unknown encoding: not UTF-8 \(line 1, byte 0xC7\), not UTF-16, and not Windows-1252 text either/mu);

    const other = await check({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': sidecar([GOOD], 'lain.txt') });
    assert.equal(other.code, 1);
    assert.match(other.stdout, /kaban\.txt\.codes\.yaml:2:1: error: `transcript: lain\.txt` names another file than the transcript beside this sidecar \(kaban\.txt\)/u);
  });

  it('reads a transcript saved as UTF-16 or Windows-1252 and finds its codes on their quotes', async () => {
    const utf16 = await check({ 'kaban.txt': encodeText(TRANSCRIPT, 'utf-16le', 'crlf'), 'kaban.txt.codes.yaml': sidecar([GOOD]) });
    assert.equal(utf16.code, 0, utf16.stdout);
    const accented = TRANSCRIPT.replace('bidang?', 'bidang – café?');
    const cp1252 = await check({ 'kaban.txt': encodeText(accented, 'windows-1252', 'lf'), 'kaban.txt.codes.yaml': sidecar([GOOD]) });
    assert.equal(cp1252.code, 0, cp1252.stdout);
  });

  it('warns, without failing, about a temporary file an interrupted write left, and a code without a quote on text it cannot check', async () => {
    const result = await check({
      'kaban.txt': TRANSCRIPT,
      'kaban.txt.codes.yaml': sidecar([GOOD, code('cccc3333', '[3, 3]', '')]),
      '.kaban.txt.codes.yaml.4242.0a1b2c3d4e5f.tmp': 'version: 1\ntrans',
    });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^\.kaban\.txt\.codes\.yaml\.4242\.0a1b2c3d4e5f\.tmp:1:1: warning: a temporary file left by a write that was interrupted/mu);
    assert.match(result.stdout, /kaban\.txt\.codes\.yaml:13:5: warning: the code has no quote, so whether lines 3 of kaban\.txt still hold its text cannot be checked/u);
    assert.match(result.stderr, /consistent, 2 warnings/u);
  });

  it('prints hostile text from a sidecar as text: terminal escapes are shown, not obeyed', async () => {
    const hostile = code('aaaa1111', '[1, 1]', '\u001b]0;pwned\u0007\u001b[2J\u009b31mmerah\u202eeslaf');
    const result = await check({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': sidecar([hostile]) });
    assert.equal(result.code, 1);
    // eslint-disable-next-line no-control-regex -- what must not reach the terminal
    assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/u);
    assert.match(result.stdout, /\\u001b\]0;pwned\\u0007\\u001b\[2J\\u009b31mmerah\\u202eeslaf/u);
  });
});
