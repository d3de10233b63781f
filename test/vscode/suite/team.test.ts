// Team coding in the real extension host: blind mode, agreement, merge driver set-up, conflicts.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseSidecar } from '../../../src/core/sidecar';
import { closeAll, openCoded, readDisk, sidecarOnDisk, studyUri, writeDisk } from './helpers';

const MUTASI = 'transcripts/bkpsdm/kabid-mutasi.md';

async function hoverAt(uri: vscode.Uri, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, 2));
  return hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('team coding in a real VS Code', function () {
  this.timeout(30_000);
  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('transcriptCoder');
    await config.update('blindCoding', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('coder', undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
  });

  it('shows only my codes in blind mode', async () => {
    const all = (await Promise.all(
      ['transcripts/bkpsdm/kepala-badan.txt', MUTASI, 'transcripts/bkpsdm/staf-operator.txt', 'transcripts/diskominfo/kadis-kominfo.txt', 'transcripts/diskominfo/kabid-aptika.txt'].map(async (file) => ({ file, codes: sidecarOnDisk(file).codes })),
    ));
    const withBoth = all.find(({ codes }) => codes.some((c) => c.coder === 'budi') && codes.some((c) => c.coder === 'rina'));
    assert.ok(withBoth, 'the example study has a transcript coded by rina and budi');
    const byBudi = withBoth.codes.find((c) => c.coder === 'budi');
    const onlyRina = withBoth.codes.find((c) => c.coder === 'rina' && !withBoth.codes.some((o) => o.coder === 'budi' && o.lines[0] <= c.lines[0] && c.lines[0] <= o.lines[1]));
    assert.ok(byBudi && onlyRina);
    const editor = await openCoded(withBoth.file);
    const config = vscode.workspace.getConfiguration('transcriptCoder');
    await config.update('coder', 'budi', vscode.ConfigurationTarget.Global);
    assert.match(await hoverAt(editor.document.uri, onlyRina.lines[0]), /rina/, 'without blind mode every code shows');
    await config.update('blindCoding', true, vscode.ConfigurationTarget.Workspace);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await hoverAt(editor.document.uri, onlyRina.lines[0]), '', "rina's code is hidden from budi");
    assert.match(await hoverAt(editor.document.uri, byBudi.lines[0]), /budi/, "budi's own code shows");
  });

  it('marks a transcript done in blind mode in the sidecar attributes, and the agreement report reads it', async () => {
    const before = readDisk(`${MUTASI}.codes.yaml`);
    try {
      await openCoded(MUTASI);
      const config = vscode.workspace.getConfiguration('transcriptCoder');
      await config.update('coder', 'budi', vscode.ConfigurationTarget.Global);
      await config.update('blindCoding', true, vscode.ConfigurationTarget.Workspace);
      const written = await vscode.commands.executeCommand<{ key: string; value: string }>('transcriptCoder.markCodingDone');
      assert.equal(written?.key, 'done-by-budi');
      assert.match(written?.value ?? '', /^blind \d{4}-\d{2}-\d{2}$/);
      let attributes: Record<string, string> = {};
      for (let attempt = 0; attempt < 30 && attributes['done-by-budi'] === undefined; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        attributes = sidecarOnDisk(MUTASI).attributes;
      }
      assert.equal(attributes['done-by-budi'], written?.value, 'written through the normal write path to disk');
      assert.ok(readDisk(`${MUTASI}.codes.yaml`).includes('codes:'), 'the codes stay in the file');
      const markdown = await vscode.commands.executeCommand<string>('transcriptCoder.showAgreement', ['rina', 'budi']);
      assert.match(markdown ?? '', /\| jones\/organization \| \d+ \|/);
    } finally {
      writeDisk(`${MUTASI}.codes.yaml`, before);
    }
  });

  it('reports agreement per dimension with bands and clickable disagreeing lines', async () => {
    const markdown = await vscode.commands.executeCommand<string>('transcriptCoder.showAgreement', ['rina', 'budi']);
    assert.ok(markdown);
    assert.match(markdown, /^# Inter-coder agreement/m);
    assert.match(markdown, /\| jones\/organization \| \d+ \| [01]\.\d{3} \|/);
    assert.match(markdown, /Kappa bands \(Landis & Koch 1977\)/);
    assert.match(markdown, /\]\(file:\/\/\/[^)]+\.(txt|md)#L\d+\)/, 'disagreements link to the transcript line');
  });

  it('sets up the merge driver with the editor runtime and the bundled CLI, idempotently', async () => {
    const root = studyUri('').fsPath;
    execFileSync('git', ['init', '-q'], { cwd: root });
    const first = await vscode.commands.executeCommand<string[]>('transcriptCoder.setUpMergeDriver');
    assert.ok(first && first.length > 0, 'the first run changes something');
    assert.match(readDisk('.gitattributes'), /^\*\.codes\.yaml merge=transcript-coder$/m);
    const driver = execFileSync('git', ['config', 'merge.transcript-coder.driver'], { cwd: root }).toString();
    assert.match(driver, /merge-driver %O %A %B %P/);
    const cli = /(\S+cli\.js)/u.exec(driver)?.[1]?.replace(/^'|'$/gu, '');
    assert.ok(cli !== undefined && existsSync(cli), `the driver points at an existing CLI: ${driver}`);
    const second = await vscode.commands.executeCommand<string[]>('transcriptCoder.setUpMergeDriver');
    assert.deepEqual(second, []);
  });

  it('resolves git conflict markers in a sidecar by code id, keeping both sides', async () => {
    const relative = 'transcripts/diskominfo/catatan-observasi.txt';
    const original = readDisk(`${relative}.codes.yaml`);
    const codes = original.indexOf('codes:\n');
    const head = original.slice(0, codes + 'codes:\n'.length);
    const body = original.slice(codes + 'codes:\n'.length);
    const ours = `  - id: aaaaaaa1\n    lines: [3, 3]\n    code: jones/organization\n    polarity: supporting\n    factor: Dari cabang kita\n    quote: "x"\n    coder: rina\n`;
    const theirs = `  - id: bbbbbbb2\n    lines: [4, 4]\n    code: jones/organization\n    polarity: inhibiting\n    factor: Dari cabang mereka\n    quote: "y"\n    coder: budi\n`;
    writeDisk(`${relative}.codes.yaml`, `${head}<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> budi\n${body}`);
    try {
      const left = await vscode.commands.executeCommand<number>('transcriptCoder.resolveConflicts', studyUri(relative).toString(), 'ours');
      assert.equal(left, 0);
      const parsed = parseSidecar(readDisk(`${relative}.codes.yaml`), 'x.codes.yaml');
      assert.equal(parsed.status, 'ok');
      const ids = parsed.status === 'ok' ? parsed.data.codes.map((c) => c.id) : [];
      assert.ok(ids.includes('aaaaaaa1') && ids.includes('bbbbbbb2'), ids.join(','));
    } finally {
      writeDisk(`${relative}.codes.yaml`, original);
    }
  });
});
