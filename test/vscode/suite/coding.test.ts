// Coding through the real extension host: commands, positions while typing, sidecars on disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, openCoded, readDisk, select, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const OPERATOR = 'transcripts/bkpsdm/staf-operator.txt'; // CRLF with a BOM

describe('coding in a real VS Code', function () {
  this.timeout(30_000);
  afterEach(closeAll);

  it('loads the sidecar of an opened transcript with every code where the file says', async () => {
    const editor = await openCoded(KABAN);
    const { documents } = await api();
    const codes = documents.get(editor.document)?.session.codes() ?? [];
    const onDisk = sidecarOnDisk(KABAN).codes;
    assert.equal(codes.length, onDisk.length);
    assert.deepEqual(codes.map((c) => [c.entry.id, c.entry.lines]).sort(), onDisk.map((c) => [c.id, c.lines]).sort());
  });

  it('codes several selections at once and writes the sidecar at once', async () => {
    const editor = await openCoded(KABAN);
    const before = sidecarOnDisk(KABAN).codes.length;
    select(editor, [9, 9], [13, 13]);
    const ids = await vscode.commands.executeCommand<string[]>('transcriptCoder.codeSelection', {
      code: 'jones/organization/coordination',
      polarity: 'supporting',
      factor: 'Koordinasi lintas OPD',
    });
    assert.equal(ids?.length, 2);
    const written = sidecarOnDisk(KABAN).codes;
    assert.equal(written.length, before + 2);
    const made = written.filter((code) => ids?.includes(code.id));
    assert.deepEqual(made.map((c) => c.lines), [[9, 9], [13, 13]]);
    assert.ok(made.every((c) => c.factor === 'Koordinasi lintas OPD' && c.coder !== ''));
    assert.match(made[0]?.quote ?? '', /^Sama-sama\. Silakan/, 'the quote starts after the timestamp and speaker label');
  });

  it('moves codes while typing, writes the moves only on save, and undoes a coding change with its own command', async () => {
    const editor = await openCoded(KABAN);
    const diskBefore = readDisk(`${KABAN}.codes.yaml`);
    const first = sidecarOnDisk(KABAN).codes.find((c) => c.id === 'iorww6d1');
    assert.deepEqual(first?.lines, [14, 14]);
    await editor.edit((edit) => edit.insert(new vscode.Position(6, 0), 'Catatan: baris sisipan.\nCatatan: satu lagi.\n'));
    const { documents } = await api();
    const live = documents.get(editor.document)?.session.codes().find((c) => c.entry.id === 'iorww6d1');
    assert.deepEqual(live?.entry.lines, [16, 16], 'two lines inserted above move the code down by two');
    assert.equal(readDisk(`${KABAN}.codes.yaml`), diskBefore, 'unsaved typing does not touch the sidecar');

    await editor.document.save();
    await waitFor(() => sidecarOnDisk(KABAN).codes.find((c) => c.id === 'iorww6d1')?.lines[0] === 16, 'the moves written on save');

    select(editor, [20, 20]);
    const ids = await vscode.commands.executeCommand<string[]>('transcriptCoder.codeSelection', { code: 'jones/application', polarity: 'neutral', factor: 'Contoh' });
    const afterCoding = readDisk(`${KABAN}.codes.yaml`);
    assert.ok(afterCoding.includes(`id: ${ids?.[0]}`));
    await vscode.commands.executeCommand('transcriptCoder.undoCoding');
    assert.ok(!readDisk(`${KABAN}.codes.yaml`).includes(`id: ${ids?.[0]}`), 'undo removes the new code from the sidecar');
    await vscode.commands.executeCommand('transcriptCoder.redoCoding');
    assert.equal(readDisk(`${KABAN}.codes.yaml`), afterCoding, 'redo writes exactly what the code wrote');
  });

  it('drops unsaved moves when the transcript is closed without saving', async () => {
    const editor = await openCoded(KABAN);
    const diskBefore = readDisk(`${KABAN}.codes.yaml`);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'x\n'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(readDisk(`${KABAN}.codes.yaml`), diskBefore);
  });

  it('closed without saving after coding: the new code moves to where its text is in the saved transcript', async () => {
    const editor = await openCoded(KABAN);
    const sidecarBefore = readDisk(`${KABAN}.codes.yaml`);
    const saved = readDisk(KABAN).split('\n');
    // The last line with text: a speaker turn, on line `last` of the saved file.
    const last = saved.map((line, index) => (line.trim() === '' ? 0 : index + 1)).reduce((a, b) => Math.max(a, b));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Catatan belum disimpan.\n'));
    select(editor, [last + 1, last + 1]);
    const ids = await vscode.commands.executeCommand<string[]>('transcriptCoder.codeSelection', { code: 'jones/application', polarity: 'neutral', factor: 'Dikode sebelum disimpan' });
    const id = ids?.[0];
    assert.ok(id);
    assert.deepEqual(sidecarOnDisk(KABAN).codes.find((code) => code.id === id)?.lines, [last + 1, last + 1], 'written where it is in the unsaved text');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => sidecarOnDisk(KABAN).codes.find((code) => code.id === id)?.lines[0] === last || undefined, 'the code placed on the saved text');
    assert.deepEqual(sidecarOnDisk(KABAN).codes.find((code) => code.id === id)?.lines, [last, last]);
    assert.equal(readDisk(KABAN), saved.join('\n'), 'the transcript is as it was saved');
    writeDisk(`${KABAN}.codes.yaml`, sidecarBefore);
  });

  it('keeps positions right in a CRLF transcript with a BOM', async () => {
    const editor = await openCoded(OPERATOR);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    const { documents } = await api();
    const session = documents.get(editor.document)?.session;
    const target = session?.codes()[0];
    assert.ok(target);
    const [first] = target.entry.lines;
    await editor.edit((edit) => edit.insert(new vscode.Position(first - 1, 0), 'Sisipan.\r\nSisipan dua.\r\n'));
    assert.deepEqual(session?.codes().find((c) => c.entry.id === target.entry.id)?.entry.lines[0], first + 2);
    await editor.document.save();
    await waitFor(() => sidecarOnDisk(OPERATOR).codes.find((c) => c.id === target.entry.id)?.lines[0] === first + 2, 'the CRLF moves saved');
    const bytes = readDisk(OPERATOR);
    assert.ok(bytes.startsWith('\ufeff') && bytes.includes('\r\n'), 'the transcript keeps its BOM and CRLF');
  });

  it('sets transcript attributes into the sidecar', async () => {
    await openCoded('transcripts/diskominfo/kadis-kominfo.txt');
    await vscode.commands.executeCommand('transcriptCoder.setAttributes', { role: 'Kepala Dinas', date: '2023-04-02' });
    const attributes = sidecarOnDisk('transcripts/diskominfo/kadis-kominfo.txt').attributes;
    assert.equal(attributes['role'], 'Kepala Dinas');
    assert.equal(attributes['date'], '2023-04-02');
  });

  it('goes to the next and previous coded segment and the next uncoded speaker turn', async () => {
    const editor = await openCoded(KABAN);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const next = await vscode.commands.executeCommand<number>('transcriptCoder.nextSegment');
    const firstCoded = Math.min(...sidecarOnDisk(KABAN).codes.map((c) => c.lines[0]));
    assert.equal(next, firstCoded);
    assert.equal(editor.selection.active.line, firstCoded - 1);
    const uncoded = await vscode.commands.executeCommand<number>('transcriptCoder.nextUncodedTurn');
    assert.ok(uncoded !== undefined && uncoded > firstCoded);
    const covered = sidecarOnDisk(KABAN).codes.some((c) => c.lines[0] <= uncoded && uncoded <= c.lines[1]);
    assert.equal(covered, false, `line ${uncoded} is not coded`);
    assert.match(editor.document.lineAt(uncoded - 1).text, /^(\[[\d:]+\] )?[A-Z][\w .]*: /u);
  });

  it('starts a sidecar for a transcript that had none with the first code', async () => {
    const relative = 'transcripts/diskominfo/baru.txt';
    writeDisk(relative, 'Pewawancara: Apa kendalanya?\nKasi Aptika: Jaringan sering putus.\n');
    const editor = await openCoded(relative, false);
    select(editor, [2, 2]);
    await vscode.commands.executeCommand('transcriptCoder.codeSelection', { code: 'jones/organization/facilities-ict', polarity: 'inhibiting', factor: 'Jaringan internet tidak stabil' });
    const data = sidecarOnDisk(relative);
    assert.equal(data.transcript, 'baru.txt');
    assert.deepEqual(data.codes.map((c) => [c.lines, c.quote]), [[[2, 2], 'Jaringan sering putus.']]);
    await vscode.workspace.fs.delete(studyUri(`${relative}.codes.yaml`));
    await vscode.workspace.fs.delete(studyUri(relative));
  });
});
