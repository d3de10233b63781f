// The disagreement review (issue 16, item 2) in the real extension host: walking, settling, undo, progress, blind mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { existsSync, rmSync } from 'node:fs';
import { parseSidecar, serializeSidecar } from '../../../src/core/sidecar';
import { closeAll, openCoded, readDisk, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const OBSERVATION = 'transcripts/diskominfo/catatan-observasi.txt';
const SIDECAR = `${OBSERVATION}.codes.yaml`;

/**
 * A second coder's codes beside rina's in the example: budi agrees on lines 10–11 and 21,
 * gives line 12 the other polarity, and already coded line 34 alone.
 */
const BUDI_CODES = `  - id: budi0001
    lines: [10, 11]
    code: jones/organization/facilities-ict
    polarity: inhibiting
    factor: Daya cadangan terbatas
    quote: "UPS hanya mampu menyalakan server sekitar lima belas menit, sedangkan genset bel"
    coder: budi
  - id: budi0002
    lines: [12, 12]
    code: jones/organization/apparatus-resources
    polarity: supporting
    factor: Programmer serba bisa
    quote: "Selama kurang lebih satu jam pengamatan, hanya satu programmer yang bertugas di"
    coder: budi
  - id: budi0003
    lines: [21, 21]
    code: jones/application/budget-priority
    polarity: inhibiting
    factor: Anggaran dialihkan
    quote: "Kabid Aptika menyampaikan bahwa modul cuti belum dapat dikerjakan tahun ini kare"
    coder: budi
`;

interface Snapshot {
  items: Array<{ key: string; lines: [number, number]; a: string[]; b: string[]; consensus: string[]; settled: boolean }>;
  settled: number;
  current: number;
  progress: string;
}

async function run(command: string, ...args: unknown[]): Promise<Snapshot> {
  const snapshot = await vscode.commands.executeCommand<Snapshot | undefined>(`transcriptCoder.review.${command}`, ...args);
  assert.ok(snapshot, `${command} returns the review`);
  return snapshot;
}

async function hoverAt(uri: vscode.Uri, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, 2));
  return hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

const consensusOnDisk = () => sidecarOnDisk(OBSERVATION).codes.filter((code) => code.coder === 'consensus');

describe('disagreement review in a real VS Code', function () {
  this.timeout(60_000);
  let original = '';
  beforeEach(() => {
    original = readDisk(SIDECAR);
    // As the writer writes it (codes sorted), so that "undo restores the bytes" compares like with like.
    const parsed = parseSidecar(original.trimEnd() + '\n' + BUDI_CODES, SIDECAR);
    assert.equal(parsed.status, 'ok');
    writeDisk(SIDECAR, parsed.status === 'ok' ? serializeSidecar(parsed.data, parsed) : '');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('transcriptCoder.review.stop');
    const config = vscode.workspace.getConfiguration('transcriptCoder');
    await config.update('blindCoding', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('coder', undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
    writeDisk(SIDECAR, original);
  });

  it('walks the disagreements, settles them into consensus codes, each act undone byte for byte', async () => {
    const editor = await openCoded(OBSERVATION);
    await waitFor(() => vscode.workspace.textDocuments.length > 0 && readDisk(SIDECAR).includes('budi0003'), 'the second coder in the sidecar');
    const config = vscode.workspace.getConfiguration('transcriptCoder');
    await config.update('coder', 'budi', vscode.ConfigurationTarget.Global);
    await config.update('blindCoding', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => (await hoverAt(editor.document.uri, 7)) === '', "blind mode hides rina's code from budi");

    let review = await run('start', { a: 'rina', b: 'budi', consensus: 'consensus' });
    const keys = review.items.map((item) => item.key);
    for (const key of ['jones/organization@7-7', 'jones/organization@12-12', 'jones/interpretation@33-33', 'jones/interpretation@34-34']) assert.ok(keys.includes(key), `${key} in ${keys.join(' ')}`);
    assert.ok(!keys.some((key) => key.startsWith('jones/application@21')), 'line 21, coded alike, is no disagreement');
    assert.ok(!keys.includes('jones/organization@10-11'), 'lines 10–11, coded alike, are no disagreement');
    assert.equal(review.settled, 0);
    assert.equal(review.progress, `0 of ${keys.length} settled`);
    assert.equal(review.current, 0);
    assert.deepEqual(review.items[0]?.lines, [7, 7]);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 6, 'the first item is revealed and selected');
    assert.match(await hoverAt(editor.document.uri, 7), /rina/, 'during the review blind mode shows both coders');

    review = await run('next');
    assert.equal(review.current, 1);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, (review.items[1]?.lines[0] ?? 0) - 1);
    review = await run('previous');
    assert.equal(review.current, 0);
    review = await run('previous');
    assert.equal(review.current, keys.length - 1, 'previous from the first wraps to the last');
    review = await run('goTo', 'jones/organization@7-7');
    assert.equal(review.current, 0, 'a click in the view makes the item current');

    // Keep A on line 7, then undo it: the sidecar is back byte for byte.
    const beforeKeepA = readDisk(SIDECAR);
    review = await run('keepA');
    assert.equal(review.settled, 1);
    assert.equal(review.progress, `1 of ${keys.length} settled`);
    assert.ok(review.items.find((item) => item.key === 'jones/organization@7-7')?.settled);
    await waitFor(() => consensusOnDisk().some((code) => code.lines[0] === 7 && code.code === 'jones/organization/facilities-ict' && code.polarity === 'supporting'), 'keep A written to disk');
    assert.notEqual(keys[review.current], 'jones/organization@7-7', 'the next unsettled item becomes current');
    assert.ok(await vscode.commands.executeCommand<boolean>('transcriptCoder.undoCoding'));
    await waitFor(() => readDisk(SIDECAR) === beforeKeepA, 'undo restores the sidecar byte for byte');
    review = await run('goTo', 'jones/organization@7-7');
    assert.equal(review.settled, 0, 'undone: not settled');

    // A row's menu whose item VS Code lost (the view redrawn as the user clicked) passes
    // undefined: nothing is settled, neither that row nor the current one in its place.
    const beforeLostRow = readDisk(SIDECAR);
    for (const command of ['keepA', 'keepB', 'keepBoth', 'neither', 'recode']) {
      review = await run(command, undefined);
      assert.equal(review.settled, 0, `${command} with a lost row settles nothing`);
    }
    assert.equal(readDisk(SIDECAR), beforeLostRow, 'nothing written');

    // Keep B on the polarity disagreement of line 12.
    review = await run('keepB', 'jones/organization@12-12');
    assert.ok(review.items.find((item) => item.key === 'jones/organization@12-12')?.settled);
    await waitFor(() => consensusOnDisk().some((code) => code.lines[0] === 12 && code.polarity === 'supporting' && code.factor === 'Programmer serba bisa'), 'keep B written');
    // Settled again as both: B's copy goes, both codes are there.
    review = await run('keepBoth', 'jones/organization@12-12');
    assert.equal(review.items.find((item) => item.key === 'jones/organization@12-12')?.consensus.length, 2);
    await waitFor(() => consensusOnDisk().filter((code) => code.lines[0] === 12).length === 2, 'keep both written');
    assert.deepEqual(consensusOnDisk().filter((code) => code.lines[0] === 12).map((code) => code.polarity).sort(), ['inhibiting', 'supporting']);

    // Neither on budi's line 34: no code, recorded in the attributes; undo takes the record out again.
    const beforeNeither = readDisk(SIDECAR);
    review = await run('neither', 'jones/interpretation@34-34');
    const record = 'jones/interpretation 34-34 "Selama pengamatan tidak ada pegawai kecamatan yang datang untuk menanyakan atau"';
    await waitFor(() => sidecarOnDisk(OBSERVATION).attributes['not-coded-by-consensus'] === record, 'neither recorded with the quote of its line');
    assert.ok(review.items.find((item) => item.key === 'jones/interpretation@34-34')?.settled);
    assert.equal(review.settled, 2);
    assert.equal(review.progress, `2 of ${keys.length} settled`);

    assert.ok(await vscode.commands.executeCommand<boolean>('transcriptCoder.undoCoding'));
    await waitFor(() => readDisk(SIDECAR) === beforeNeither, 'undo of neither restores the sidecar byte for byte');

    // Neither again, then an edit above the item moves it down a line: it stays settled (the record follows its quote).
    await run('neither', 'jones/interpretation@34-34');
    await waitFor(() => sidecarOnDisk(OBSERVATION).attributes['not-coded-by-consensus'] === record, 'neither recorded again');
    const inserted = new vscode.WorkspaceEdit();
    inserted.insert(editor.document.uri, new vscode.Position(0, 0), 'Catatan tambahan di awal berkas.\n');
    assert.ok(await vscode.workspace.applyEdit(inserted));
    review = await waitFor(async () => {
      const now = await run('goTo', 'jones/interpretation@35-35');
      return now.items.some((item) => item.key === 'jones/interpretation@35-35') ? now : undefined;
    }, 'the item moved to line 35');
    assert.ok(review.items.find((item) => item.key === 'jones/interpretation@35-35')?.settled, 'still settled after the edit above it');
    assert.equal(review.settled, 2);
    // The edit reverted (never saved): the item is back on line 34, still settled.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(async () => (await run('goTo', 'jones/interpretation@34-34')).items.find((item) => item.key === 'jones/interpretation@34-34')?.settled, 'line 34 settled after the revert');

    // Settled is read from the file: a fresh review after closing sees the consensus codes.
    await vscode.commands.executeCommand('transcriptCoder.review.stop');
    await closeAll();
    await openCoded(OBSERVATION);
    review = await run('start', { a: 'rina', b: 'budi', consensus: 'consensus' });
    assert.deepEqual(review.items.filter((item) => item.settled).map((item) => item.key), ['jones/organization@12-12', 'jones/interpretation@34-34']);
  });

  it('recodes with a preset, and copies what both coders agree on', async () => {
    await openCoded(OBSERVATION);
    await waitFor(() => readDisk(SIDECAR).includes('budi0003'), 'the second coder in the sidecar');
    await run('start', { a: 'rina', b: 'budi', consensus: 'konsensus' });
    const review = await run('recode', 'jones/interpretation@33-33', { code: 'jones/interpretation/socialization', polarity: 'supporting', factor: 'Poster sosialisasi' });
    assert.ok(review.items.find((item) => item.key === 'jones/interpretation@33-33')?.settled);
    await waitFor(() => sidecarOnDisk(OBSERVATION).codes.some((code) => code.coder === 'konsensus' && code.lines[0] === 33 && code.polarity === 'supporting'), 'recode written');
    const copied = await vscode.commands.executeCommand<number>('transcriptCoder.review.copyAgreed');
    assert.equal(copied, 2, 'lines 10–11 and line 21');
    await waitFor(() => sidecarOnDisk(OBSERVATION).codes.filter((code) => code.coder === 'konsensus').length === 3, 'agreed codes written');
    const agreed = sidecarOnDisk(OBSERVATION).codes.filter((code) => code.coder === 'konsensus' && code.lines[0] !== 33);
    assert.deepEqual(agreed.map((code) => code.lines), [[10, 11], [21, 21]]);
  });

  it('exports the agreement report with each coder against the consensus', async () => {
    await openCoded(OBSERVATION);
    await waitFor(() => readDisk(SIDECAR).includes('budi0003'), 'the second coder in the sidecar');
    await run('start', { a: 'rina', b: 'budi', consensus: 'consensus' });
    await run('keepA', 'jones/organization@7-7');
    await waitFor(() => consensusOnDisk().length === 1, 'keep A written');
    const target = studyUri('agreement-review-test.md');
    try {
      const written = await vscode.commands.executeCommand<string>('transcriptCoder.exportAgreementReport', ['rina', 'budi'], 'md', target.toString(), 'consensus');
      assert.equal(written, target.toString());
      const markdown = readDisk('agreement-review-test.md');
      assert.match(markdown, /^# Inter-coder agreement: rina, budi/m);
      assert.match(markdown, /## After the disagreement review/);
      assert.match(markdown, /## rina against the consensus \(consensus\)/);
      assert.match(markdown, /## budi against the consensus \(consensus\)/);
    } finally {
      if (existsSync(target.fsPath)) rmSync(target.fsPath);
    }
  });

  it('says so when one coder has no codes in the transcript', async () => {
    await openCoded(OBSERVATION);
    const review = await run('start', { a: 'rina', b: 'sari', consensus: 'consensus' });
    assert.deepEqual(review.items, []);
    assert.equal(review.progress, '0 of 0 settled');
  });
});
