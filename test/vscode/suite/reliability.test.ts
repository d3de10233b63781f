// Reliability and security in a real VS Code (issue 7): another writer changes a sidecar
// while the editor codes (no lost update, conflicts recorded in the file), a sidecar the
// CLI rewrites under an open editor, and hostile text in hovers. Restricted mode cannot
// be switched on here (the harness runs with workspace trust disabled); its rules are
// tested as pure functions in test/unit/security-trust.test.ts.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { runCli } from '../../../src/cli/main';
import { readConflictRecords } from '../../../src/core/merge';
import { api, closeAll, openCoded, readDisk, select, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const FOLDER = 'transcripts/keandalan';
const TRANSCRIPT = `${FOLDER}/dua-penulis.txt`;
const SIDECAR = `${TRANSCRIPT}.codes.yaml`;
const TEXT = [
  'Pewawancara: Bagaimana koordinasi antar bidang?',
  'Kepala Dinas: Koordinasi antar bidang belum jalan.',
  'Sekretaris: Anggaran kami sangat terbatas.',
  '**Operator:** Server sering mati [tertawa].',
  'Ani: Kami sudah mengajukan tambahan tenaga ahli TI.',
].join('\n') + '\n';
const CODES = `version: 1
transcript: dua-penulis.txt
attributes:
  agency: Dinas Uji
codes:
  - id: aaaa1111
    lines: [2, 2]
    code: jones/organization/coordination
    polarity: inhibiting
    factor: Koordinasi belum jalan
    quote: "Koordinasi antar bidang belum jalan."
    coder: rina
  - id: bbbb2222
    lines: [3, 3]
    code: jones/application
    polarity: inhibiting
    factor: Anggaran terbatas
    quote: "Anggaran kami sangat terbatas."
    coder: rina
`;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
}

describe('reliability in a real VS Code', function () {
  this.timeout(30_000);

  beforeEach(() => {
    mkdirSync(studyUri(FOLDER).fsPath, { recursive: true });
    writeDisk(TRANSCRIPT, TEXT);
    writeDisk(SIDECAR, CODES);
  });
  afterEach(async () => {
    await closeAll();
    rmSync(studyUri(FOLDER).fsPath, { recursive: true, force: true });
  });

  it('another window writes the sidecar just before the editor codes: both changes are on disk', async () => {
    const editor = await openCoded(TRANSCRIPT);
    // The other window changed a factor and added a code; the editor has not seen it yet.
    const other = CODES.replace('factor: Anggaran terbatas', 'factor: Anggaran dialihkan').replace(
      'codes:\n',
      'codes:\n  - id: cccc3333\n    lines: [5, 5]\n    code: jones/organization\n    polarity: effort\n    factor: Pengajuan tenaga ahli\n    quote: "Kami sudah mengajukan tambahan tenaga ahli TI."\n    coder: budi\n',
    );
    writeDisk(SIDECAR, other);
    select(editor, [4, 4]);
    const ids = await vscode.commands.executeCommand<string[]>('transcriptCoder.codeSelection', { code: 'jones/organization', polarity: 'inhibiting', factor: 'Server sering mati' });
    assert.equal(ids?.length, 1);
    const onDisk = await waitFor(() => {
      const codes = sidecarOnDisk(TRANSCRIPT).codes;
      return codes.length === 4 ? codes : undefined;
    }, 'the sidecar to hold both writers’ codes');
    assert.deepEqual(onDisk.map((code) => code.id).sort(), ['aaaa1111', 'bbbb2222', 'cccc3333', ids?.[0] ?? ''].sort());
    assert.equal(onDisk.find((code) => code.id === 'bbbb2222')?.factor, 'Anggaran dialihkan', "the other window's edit is kept");
    const { documents } = await api();
    assert.equal(documents.get(editor.document)?.session.codes().length, 4, 'the editor shows every code');
  });

  it('both writers change one code: the editor keeps its value and records the other in the file', async () => {
    const editor = await openCoded(TRANSCRIPT);
    const { documents } = await api();
    const coded = await waitFor(() => documents.get(editor.document), 'the session');
    writeDisk(SIDECAR, CODES.replace('factor: Koordinasi belum jalan', 'factor: Koordinasi lemah (jendela lain)'));
    const changed = await documents.change(coded, (session) => session.updateCode('aaaa1111', { factor: 'Koordinasi tersendat (editor)' }));
    assert.equal(changed, true);
    const text = await waitFor(() => {
      const disk = readDisk(SIDECAR);
      return disk.includes('conflict:') ? disk : undefined;
    }, 'the conflict to be recorded').catch((error: unknown) => {
      // Seen once in a full run on a loaded machine, never alone: say what the file and the session held.
      const session = documents.get(editor.document)?.session.codes().map((code) => `${code.entry.id}: ${code.entry.factor}`);
      throw new Error(`${String(error)}\non disk:\n${readDisk(SIDECAR)}\nin the session: ${JSON.stringify(session)}; same session: ${documents.get(editor.document) === coded}`);
    });
    assert.equal(sidecarOnDisk(TRANSCRIPT).codes.find((code) => code.id === 'aaaa1111')?.factor, 'Koordinasi tersendat (editor)');
    assert.deepEqual(readConflictRecords(text, SIDECAR).records.codes.get('aaaa1111')?.theirs, { factor: 'Koordinasi lemah (jendela lain)' });
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(studyUri(SIDECAR)).find((found) => /conflict/iu.test(found.message)),
      'a diagnostic on the recorded conflict',
    );
    assert.ok(diagnostic);
  });

  it('the CLI re-anchors a sidecar under an open editor: the editor takes the moves and writes its next code beside them', async () => {
    const editor = await openCoded(TRANSCRIPT);
    // The transcript grows two lines at the top outside this window; then `reanchor --write` moves the codes.
    writeDisk(TRANSCRIPT, `Catatan: rekaman dimulai.\n\n${TEXT}`);
    await waitFor(() => editor.document.lineCount === 8 || undefined, 'the editor to reload the transcript');
    let output = '';
    // Only this folder: the example study's own sidecars are left to the other suites.
    const exit = await runCli(['reanchor', '--write', studyUri(FOLDER).fsPath], { cwd: studyUri(FOLDER).fsPath, stdout: (t) => (output += t), stderr: (t) => (output += t) });
    assert.ok(exit === 0 || exit === 1, output);
    assert.deepEqual(sidecarOnDisk(TRANSCRIPT).codes.find((code) => code.id === 'aaaa1111')?.lines, [4, 4], output);
    select(editor, [7, 7]);
    const ids = await vscode.commands.executeCommand<string[]>('transcriptCoder.codeSelection', { code: 'jones/organization', polarity: 'effort', factor: 'Tenaga ahli' });
    const codes = await waitFor(() => {
      const found = sidecarOnDisk(TRANSCRIPT).codes;
      return found.length === 3 ? found : undefined;
    }, 'three codes on disk');
    assert.deepEqual(codes.find((code) => code.id === 'aaaa1111')?.lines, [4, 4], "the CLI's move is kept");
    assert.deepEqual(codes.find((code) => code.id === ids?.[0])?.lines, [7, 7]);
  });

  it('shows hostile factor and memo text in the hover as text', async () => {
    const hostile = CODES.replace('factor: Anggaran terbatas', `factor: ${JSON.stringify('[klik](javascript:alert(1)) \u001b[31mmerah <script>x</script>')}`).replace(
      '    coder: rina\n',
      `    memo: ${JSON.stringify('![](https://tracker.example/p.png) [x](command:workbench.action.quit)')}\n    coder: rina\n`,
    );
    // A transcript of its own: VS Code keeps the previous tests' document of TRANSCRIPT
    // loaded a while after its editor closed, and what this test is about is the hover,
    // not how that lingering session takes in a sidecar rewritten three times in a row.
    const transcript = `${FOLDER}/hostile.txt`;
    writeDisk(transcript, TEXT);
    writeDisk(`${transcript}.codes.yaml`, hostile.replace('transcript: dua-penulis.txt', 'transcript: hostile.txt'));
    const editor = await openCoded(transcript);
    const { documents } = await api();
    await waitFor(() => documents.get(editor.document)?.session.codes().some((code) => code.entry.factor.startsWith('[klik]')), 'the session to read the hostile sidecar');
    let text = '';
    for (const line of [1, 2]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 2));
      text += hoverText(hovers);
    }
    assert.ok(text.length > 0, 'a hover is shown');
    // `\](` cannot close a link: only an unescaped `](` would make one.
    assert.doesNotMatch(text, /(?<!\\)\]\((?:javascript|command:workbench|https:\/\/tracker)/u, text);
    assert.ok(!text.includes('<script>') && !text.includes('!['), text);
    assert.match(text, /command:transcriptCoder\.editCode\?/u, 'only our own command links are there');
  });
});
