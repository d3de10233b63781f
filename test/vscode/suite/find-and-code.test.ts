// Find and code (issue 18, item 1) in a real VS Code: the search through the command, the
// hits coded into sidecars on disk (closed transcripts) and through the coding session (an
// open one, undone with "Undo Last Coding Change"), a second run adding nothing, and a
// broken sidecar listed and left alone.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseSidecar } from '../../../src/core/sidecar';
import type { SearchHitsProvider } from '../../../src/extension/sidebar/search-hits-tree';
import { api, closeAll, openCoded, readDisk, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

interface Found {
  transcripts: number;
  hits: number;
  found: Record<string, number[]>;
  notSearched: string[];
}

interface Coded {
  added: number;
  alreadyCoded: number;
  notCoded: string[];
}

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const OPERATOR = 'transcripts/bkpsdm/staf-operator.txt'; // CRLF with a BOM
const KADIS = 'transcripts/diskominfo/kadis-kominfo.txt';
const SIDECARS = [KABAN, OPERATOR, KADIS, 'transcripts/bkpsdm/kabid-mutasi.md', 'transcripts/diskominfo/kabid-aptika.txt', 'transcripts/diskominfo/catatan-observasi.txt'].map(
  (transcript) => `${transcript}.codes.yaml`,
);

/** Lines 1-based of a file on disk, BOM and CR left out. */
function diskLine(relative: string, line: number): string {
  return (readDisk(relative).replace(/^\uFEFF/u, '').split(/\r?\n/u)[line - 1] ?? '');
}

describe('find and code in a real VS Code', function () {
  this.timeout(60_000);
  const original = new Map<string, string>();

  before(async () => {
    for (const path of SIDECARS) original.set(path, readDisk(path));
    const { studies } = await api();
    await waitFor(() => studies.all().some((study) => study.allRecords().length >= SIDECARS.length), 'the study indexed', 20_000);
  });

  afterEach(closeAll);

  after(async () => {
    // Other suites count the example study's codes: put every sidecar back as it was.
    for (const [path, text] of original) if (readDisk(path) !== text) writeDisk(path, text);
    // The file watcher's events for those writes come late: let them land here, not in the next suite.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { studies } = await api();
    await Promise.all(studies.all().map((study) => study.reloadEverything()));
  });

  it('finds a whole word in closed transcripts, codes each run of hit lines into the sidecars, and a second run adds nothing', async () => {
    const found = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'sinkron', mode: 'whole-word' });
    assert.ok(found !== undefined && found.hits >= 2, `hits found: ${JSON.stringify(found)}`);
    // Earlier suites may have added lines to the transcript: the line is looked up on disk.
    const said = readDisk(KABAN).split(/\r?\n/u).findIndex((text) => text.includes('data kita belum sinkron')) + 1;
    assert.ok(said > 0 && found.found[KABAN]?.includes(said), `kepala-badan.txt line ${said} says "data kita belum sinkron"`);
    for (const [transcript, lines] of Object.entries(found.found)) {
      for (const line of lines) assert.match(diskLine(transcript, line), /\bsinkron\b/iu, `${transcript}:${line} is a hit`);
      assert.ok(!lines.some((line) => /sinkronisasi/iu.test(diskLine(transcript, line)) && !/\bsinkron\b/iu.test(diskLine(transcript, line))), 'a whole word does not find "sinkronisasi"');
    }
    const operatorBytes = readDisk(`${OPERATOR}.codes.yaml`);

    const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHits', undefined, { code: 'jones/interpretation/procedure-clarity', polarity: 'inhibiting', factor: 'Data belum sinkron' });
    assert.ok(coded !== undefined);
    assert.deepEqual(coded.notCoded, []);
    assert.ok(coded.added >= 3, `codes added: ${JSON.stringify(coded)}`);
    let added = 0;
    for (const [transcript, lines] of Object.entries(found.found)) {
      const made = sidecarOnDisk(transcript).codes.filter((code) => code.factor === 'Data belum sinkron');
      added += made.length;
      for (const line of lines) {
        assert.ok(
          sidecarOnDisk(transcript).codes.some((code) => code.code === 'jones/interpretation/procedure-clarity' && code.lines[0] <= line && line <= code.lines[1]),
          `${transcript}:${line} is coded with jones/interpretation/procedure-clarity`,
        );
      }
      for (const code of made) {
        assert.equal(code.polarity, 'inhibiting');
        assert.ok(code.coder !== '');
        assert.ok(lines.includes(code.lines[0]) && lines.includes(code.lines[1]), `${transcript}: a new code starts and ends on hit lines (${code.lines.join('-')})`);
      }
    }
    assert.equal(added, coded.added, 'every code told of is in a sidecar on disk');
    if (found.found[OPERATOR] !== undefined) {
      const after = readDisk(`${OPERATOR}.codes.yaml`);
      assert.notEqual(after, operatorBytes);
      assert.equal(after.includes('\r\n'), operatorBytes.includes('\r\n'), 'the sidecar keeps its line endings');
    }

    const snapshot = SIDECARS.map((path) => readDisk(path));
    const again = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHits', undefined, { code: 'jones/interpretation/procedure-clarity', polarity: 'inhibiting', factor: 'Data belum sinkron' });
    assert.equal(again?.added, 0, 'the second run adds nothing');
    assert.ok((again?.alreadyCoded ?? 0) >= found.hits, 'every hit line is told as coded already');
    assert.deepEqual(SIDECARS.map((path) => readDisk(path)), snapshot, 'no sidecar changed on the second run');

    // The example study's researchers coded these lines with coordination already: nothing to add.
    const coordination = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHits', undefined, { code: 'jones/organization/coordination', polarity: 'inhibiting', factor: 'Data belum sinkron' });
    assert.deepEqual(coordination, { added: 0, alreadyCoded: found.hits, notCoded: [] });
    assert.deepEqual(SIDECARS.map((path) => readDisk(path)), snapshot);
  });

  it('limits the search to an agency, a folder or an attribute value', async () => {
    const every = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'data', mode: 'words' });
    const paths = Object.keys(every?.found ?? {});
    assert.ok(paths.some((path) => path.startsWith('transcripts/bkpsdm/')) && paths.some((path) => path.startsWith('transcripts/diskominfo/')), paths.join(', '));
    const inFolder = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'data', mode: 'words', folder: 'transcripts/bkpsdm' });
    assert.deepEqual(Object.keys(inFolder?.found ?? {}), paths.filter((path) => path.startsWith('transcripts/bkpsdm/')));
    const agency = sidecarOnDisk(KADIS).attributes['agency'] ?? '';
    const ofAgency = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'data', mode: 'words', agency: agency.toUpperCase() });
    assert.deepEqual(Object.keys(ofAgency?.found ?? {}), paths.filter((path) => path.startsWith('transcripts/diskominfo/')), 'the agency folded');
    const role = sidecarOnDisk(KABAN).attributes['role'] ?? '';
    const withRole = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'data', mode: 'words', attributes: { role } });
    const expected = paths.filter((path) => sidecarOnDisk(path).attributes['role'] === role);
    assert.ok(expected.includes(KABAN));
    assert.deepEqual(Object.keys(withRole?.found ?? {}), expected);
  });

  it('codes only one transcript from its row, and marks the hits coded with the chosen code in the view', async () => {
    const found = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'sinkron', mode: 'whole-word' });
    assert.ok(found !== undefined && found.transcripts >= 2);
    const view = await vscode.commands.executeCommand<vscode.TreeDataProvider<{ kind: string; result: { transcriptPath: string } }>>('transcriptCoder.internal.searchHits');
    assert.ok(view);
    const rows = (await view.getChildren()) ?? [];
    const row = rows.find((node) => node.result.transcriptPath === KABAN);
    assert.ok(row, `a row for ${KABAN}`);
    const others = Object.keys(found.found).filter((transcript) => transcript !== KABAN);
    const othersBefore = others.map((transcript) => readDisk(`${transcript}.codes.yaml`));
    const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHitsOfTranscript', row, { code: 'jones/organization/facilities-ict', polarity: 'neutral', factor: 'Satu transkrip' });
    assert.equal(coded?.added, found.found[KABAN]?.length);
    assert.ok(sidecarOnDisk(KABAN).codes.some((code) => code.factor === 'Satu transkrip'));
    assert.deepEqual(others.map((transcript) => readDisk(`${transcript}.codes.yaml`)), othersBefore, 'the other transcripts are left alone');
    const hits = (await view.getChildren(row)) ?? [];
    assert.ok(hits.length > 0);
    for (const hit of hits) assert.match(String((await view.getTreeItem(hit)).description), /coded with jones\/organization\/facilities-ict/u);
    const otherRow = rows.find((node) => node.result.transcriptPath !== KABAN);
    assert.ok(otherRow);
    for (const hit of (await view.getChildren(otherRow)) ?? []) assert.doesNotMatch(String((await view.getTreeItem(hit)).description), /coded with/u);
  });

  it('codes only the hit rows chosen in the view, across transcripts', async () => {
    const found = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'data', mode: 'words' });
    assert.ok(found !== undefined && found.transcripts >= 2);
    const provider = await vscode.commands.executeCommand<SearchHitsProvider>('transcriptCoder.internal.searchHits');
    const rows = provider.getChildren().filter((node) => node.kind === 'transcript');
    // The first hit of the first two transcripts.
    const chosen = rows.slice(0, 2).map((row) => provider.getChildren(row)[0]);
    const lines = chosen.map((hit) => (hit?.kind === 'hit' ? { transcript: hit.result.transcriptPath, line: hit.line } : undefined));
    const preset = { code: 'jones/organization/communication', polarity: 'supporting', factor: 'Dipilih satu per satu' };
    const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeChosenSearchHits', chosen[0], chosen, preset);
    assert.equal(coded?.added, 2);
    for (const place of lines) {
      assert.ok(place);
      const made = sidecarOnDisk(place.transcript).codes.filter((code) => code.factor === preset.factor);
      assert.deepEqual(made.map((code) => code.lines), [[place.line, place.line]], `${place.transcript}: only the chosen hit`);
    }
    for (const transcript of Object.keys(found.found).filter((path) => !lines.some((place) => place?.transcript === path))) {
      assert.ok(!sidecarOnDisk(transcript).codes.some((code) => code.factor === preset.factor), `${transcript} is left alone`);
    }
  });

  it('lists the hits of a transcript whose sidecar is broken and does not code them', async () => {
    const broken = `${KADIS}.codes.yaml`;
    const { studies } = await api();
    writeDisk(broken, `${original.get(broken) ?? ''}\n<<<<<<< HEAD\ncodes: []\n=======\n>>>>>>> other\n`);
    const brokenText = readDisk(broken);
    assert.notEqual(parseSidecar(brokenText, broken).status, 'ok');
    await waitFor(() => studies.all()[0]?.record(broken)?.sidecar.status === 'broken', 'the index reads the broken sidecar');
    const found = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'evaluasi' });
    assert.ok(found?.found[KADIS] !== undefined, 'the broken sidecar\'s transcript still has its hits listed');
    const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHits', undefined, { code: 'jones/application/supervision', polarity: 'supporting', factor: 'Evaluasi rutin' });
    assert.ok(coded?.notCoded.some((reason) => reason.includes(broken)), `the broken sidecar is named: ${JSON.stringify(coded?.notCoded)}`);
    assert.equal(readDisk(broken), brokenText, 'the broken sidecar is not written');
    writeDisk(broken, original.get(broken) ?? '');
    await waitFor(() => studies.all()[0]?.record(broken)?.sidecar.status === 'ok', 'the index reads the repaired sidecar');
  });

  it('codes the hits of an open transcript through its session, as one change that "Undo Last Coding Change" takes back', async () => {
    const editor = await openCoded(KABAN);
    const before = readDisk(`${KABAN}.codes.yaml`);
    const found = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'kepala dinas|operator', mode: 'regex', speaker: 'Kepala Badan' });
    const lines = found?.found[KABAN] ?? [];
    assert.ok(lines.length >= 2, `hits in the open transcript: ${JSON.stringify(found?.found)}`);
    for (const line of lines) assert.match(diskLine(KABAN, line), /Kepala Badan:/u, 'only the turns of the speaker asked for');

    await vscode.window.showTextDocument(editor.document);
    const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHits', undefined, { code: 'jones/organization/apparatus-resources', polarity: 'neutral', factor: 'Operator dan pimpinan' });
    assert.ok((coded?.added ?? 0) >= 1);
    const { documents } = await api();
    const session = documents.get(editor.document)?.session;
    const inSession = session?.codes().filter((code) => code.entry.factor === 'Operator dan pimpinan') ?? [];
    assert.ok(inSession.length >= 1, 'the codes are in the open session');
    await waitFor(() => sidecarOnDisk(KABAN).codes.filter((code) => code.factor === 'Operator dan pimpinan').length === inSession.length, 'the session wrote its sidecar');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('transcriptCoder.undoCoding');
    await waitFor(() => readDisk(`${KABAN}.codes.yaml`) === before, 'one undo takes every new code of the transcript back, byte for byte');
    assert.equal(documents.get(editor.document)?.session.codes().filter((code) => code.entry.factor === 'Operator dan pimpinan').length, 0);
  });

  it('codes every turn of the speaker of the cursor\'s line ("Code Every Turn of This Speaker…"), never a turn with nothing said; a second run adds nothing; one undo takes it back', async () => {
    const { documents } = await api();
    const before = readDisk(`${KABAN}.codes.yaml`);
    const editor = await openCoded(KABAN);
    // The cursor on a turn of "Kepala Badan", looked up on disk.
    const lines = readDisk(KABAN).split(/\r?\n/u);
    const turn = lines.findIndex((text) => /^(\[[\d:]+\] )?Kepala Badan:\s*\S/u.test(text));
    assert.ok(turn >= 0);
    editor.selection = new vscode.Selection(turn, 0, turn, 0);
    const preset = { code: 'jones/application/leadership-commitment', polarity: 'supporting', factor: 'Suara Kepala Badan' };
    const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSpeakerTurns', undefined, preset);
    assert.ok(coded !== undefined && coded.added > 0, JSON.stringify(coded));
    const spoken = lines.flatMap((text, index) => (/^(\[[\d:]+\] )?Kepala Badan:\s*\S/u.test(text) ? [index + 1] : []));
    // A turn already coded with that code is left alone: every turn is covered by a code of it.
    const codes = await waitFor(() => {
      const withCode = sidecarOnDisk(KABAN).codes.filter((code) => code.code === preset.code);
      const covered = spoken.every((line) => withCode.some((code) => code.lines[0] <= line && line <= code.lines[1]));
      return covered ? withCode.filter((code) => code.factor === preset.factor) : undefined;
    }, 'every turn of Kepala Badan coded on disk');
    assert.equal(codes.length, coded.added);
    for (const code of codes) {
      for (let line = code.lines[0]; line <= code.lines[1]; line += 1) assert.ok(spoken.includes(line), `line ${line} is a turn of Kepala Badan with something said`);
    }
    const again = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSpeakerTurns', 'Kepala Badan', preset);
    assert.equal(again?.added, 0, 'a second run adds nothing');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('transcriptCoder.undoCoding');
    await waitFor(() => readDisk(`${KABAN}.codes.yaml`) === before, 'one undo takes every new code back, byte for byte');
    assert.equal(documents.get(editor.document)?.session.codes().filter((code) => code.entry.factor === preset.factor).length, 0);
  });

  it('lists over a thousand hits a page at a time, "Show more" adds the next page, and coding takes every hit, listed or not', async () => {
    const LONG = 'transcripts/panjang/rekaman-panjang.txt';
    const lines = Array.from({ length: 1_234 }, (_, index) => `Informan: kalimat nomor ${index + 1} tentang gotongroyong desa.`);
    mkdirSync(studyUri('transcripts/panjang').fsPath, { recursive: true });
    writeDisk(LONG, `${lines.join('\n')}\n`);
    writeDisk(`${LONG}.codes.yaml`, 'version: 1\ntranscript: rekaman-panjang.txt\nattributes:\n  agency: Desa Panjang\ncodes: []\n');
    try {
      const { studies } = await api();
      await waitFor(() => studies.all().some((study) => study.allRecords().some((record) => record.transcriptPath === LONG && record.transcript !== undefined)), 'the long transcript indexed', 20_000);
      const found = await vscode.commands.executeCommand<Found>('transcriptCoder.findAndCode', { pattern: 'gotongroyong', mode: 'words' });
      assert.equal(found?.hits, 1_234);
      const provider = await vscode.commands.executeCommand<SearchHitsProvider>('transcriptCoder.internal.searchHits');
      const listed = () => {
        const roots = provider.getChildren();
        const hits = roots.flatMap((node) => provider.getChildren(node));
        return { hits: hits.length, more: roots.find((node) => node.kind === 'more') };
      };
      assert.deepEqual(listed(), { hits: 500, more: { kind: 'more', remaining: 734 } }, 'a first page of 500 hits, then "Show more"');
      await vscode.commands.executeCommand('transcriptCoder.showMoreSearchHits');
      assert.equal(listed().hits, 1_000);
      await vscode.commands.executeCommand('transcriptCoder.showMoreSearchHits');
      assert.deepEqual(listed(), { hits: 1_234, more: undefined }, 'the last page, and no "Show more" after it');
      await vscode.commands.executeCommand('transcriptCoder.findAndCode', { pattern: 'gotongroyong', mode: 'words' });
      assert.equal(listed().hits, 500, 'a new search starts at the first page');
      const coded = await vscode.commands.executeCommand<Coded>('transcriptCoder.codeSearchHits', undefined, { code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Gotong royong' });
      assert.equal(coded?.added, 1, 'one run of consecutive hit lines, one code');
      assert.deepEqual(sidecarOnDisk(LONG).codes.map((code) => code.lines), [[1, 1_234]], 'every hit coded, the unlisted ones too');
    } finally {
      for (const path of [`${LONG}.codes.yaml`, LONG]) rmSync(studyUri(path).fsPath, { force: true });
      rmSync(studyUri('transcripts/panjang').fsPath, { recursive: true, force: true });
    }
  });
});
