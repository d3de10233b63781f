// Importing from the editor: a Teams WebVTT transcript and an ATLAS.ti project.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar } from '../../../src/core/sidecar';
import { closeAll, EXTENSION_ID, readDisk, studyUri, writeDisk } from './helpers';

const TEAMS_VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Pewawancara>Bagaimana kondisi jaringan?</v>

00:00:04.500 --> 00:00:09.000
<v Kepala Seksi>Jaringan di kecamatan sering putus.</v>

00:00:09.000 --> 00:00:12.000
<v Kepala Seksi>Apalagi kalau hujan.</v>
`;

describe('importing in a real VS Code', function () {
  this.timeout(30_000);
  afterEach(closeAll);

  it('imports a Teams transcript with speakers, turn start times and the given attributes, and never overwrites', async () => {
    writeDisk('incoming.vtt', TEAMS_VTT);
    const folder = studyUri('transcripts/diskominfo');
    const attributes = { agency: 'Diskominfo Kabupaten Tanah Laut Selatan', informant: 'Kepala Seksi', source: 'interview' };
    const created = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importTranscript', studyUri('incoming.vtt'), folder, attributes);
    assert.ok(created, 'the import returns the new transcript');
    const text = readDisk(vscode.workspace.asRelativePath(created, false));
    assert.deepEqual(text.trim().split('\n'), [
      '[00:00:01] Pewawancara: Bagaimana kondisi jaringan?',
      '[00:00:04] Kepala Seksi: Jaringan di kecamatan sering putus. Apalagi kalau hujan.',
    ]);
    const sidecar = parseSidecar(readDisk(`${vscode.workspace.asRelativePath(created, false)}.codes.yaml`), 'x.codes.yaml');
    assert.equal(sidecar.status, 'ok');
    assert.equal(sidecar.status === 'ok' ? sidecar.data.attributes['informant'] : '', 'Kepala Seksi');
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('transcriptCoder.importTranscript', studyUri('incoming.vtt'), folder, attributes);
    assert.equal(again, undefined, 'a second import of the same name is refused');
    assert.equal(readDisk(vscode.workspace.asRelativePath(created, false)), text, 'the first import is untouched');
  });

  it('imports an ATLAS.ti project into a new folder as transcripts, sidecars and a codebook', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    const fixtures = join(extensionPath, 'test', 'fixtures', 'refi-qda');
    // The target project has coded text sources; the blank one has none.
    const project = readdirSync(fixtures).find((name) => name === 'target-atlas-project.qdpx');
    assert.ok(project, `a .qdpx fixture in ${fixtures}`);
    const target = join(studyUri('').fsPath, '..', `imported-${Date.now()}`);
    mkdirSync(target);
    const folder = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importProject', vscode.Uri.file(join(fixtures, project)), vscode.Uri.file(target));
    assert.ok(folder);
    assert.ok(existsSync(join(target, 'codebook.yaml')), 'a codebook was written');
    const files = readdirSync(target, { recursive: true }).map(String);
    assert.ok(files.some((name) => name.endsWith('.codes.yaml')), files.join(', '));
  });
});
