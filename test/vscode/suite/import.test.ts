// Importing from the editor: a Teams WebVTT transcript and an ATLAS.ti project.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { exportFormat } from '../../../src/core/exports/formats';
import { parseSidecar } from '../../../src/core/sidecar';
import { loadStudy } from '../../../src/core/study/study';
import { createFsStudyReader } from '../../../src/node/fs-study-reader';
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

  it('imports a REFI-QDA project into a new folder as transcripts, sidecars and a codebook', async () => {
    // The ATLAS.ti samples hold a codebook only; a project exported from the example
    // study has coded text sources, so the import has transcripts and codes to bring in.
    const study = await loadStudy(createFsStudyReader(studyUri('').fsPath), { transcripts: 'all' });
    const rendered = exportFormat('qdpx')?.render({ study, name: 'example', language: 'en' });
    assert.ok(rendered?.bytes, 'the example study exports as .qdpx');
    const projectFile = join(studyUri('').fsPath, '..', `example-${Date.now()}.qdpx`);
    writeFileSync(projectFile, rendered.bytes);
    const target = join(studyUri('').fsPath, '..', `imported-${Date.now()}`);
    mkdirSync(target);
    const folder = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importProject', vscode.Uri.file(projectFile), vscode.Uri.file(target));
    assert.ok(folder);
    assert.ok(existsSync(join(target, 'codebook.yaml')), 'a codebook was written');
    const sidecars = readdirSync(target, { recursive: true }).map(String).filter((name) => name.endsWith('.codes.yaml'));
    assert.equal(sidecars.length, study.records.length, sidecars.join(', '));
  });

  it('imports a .qdc codebook and a bare .qde project, as the CLI does', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    for (const fixture of ['atlas-ti-win-23.4.0.qdc', 'atlas-ti-8.4-mac-standard-project.qde']) {
      const target = join(studyUri('').fsPath, '..', `imported-${fixture}-${Date.now()}`);
      mkdirSync(target);
      const folder = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'transcriptCoder.importProject',
        vscode.Uri.file(join(extensionPath, 'test', 'fixtures', 'refi-qda-world', fixture)),
        vscode.Uri.file(target),
      );
      assert.ok(folder, fixture);
      assert.match(readFileSync(join(target, 'codebook.yaml'), 'utf8'), /frameworks:/u, fixture);
    }
  });

  it('refuses to import a project into a folder that is not empty, writing nothing', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    const project = join(extensionPath, 'test', 'fixtures', 'refi-qda', 'target-atlas-project.qdpx');
    const target = join(studyUri('').fsPath, '..', `occupied-${Date.now()}`);
    mkdirSync(target);
    writeFileSync(join(target, 'mine.txt'), 'keep me');
    const folder = await vscode.commands.executeCommand<vscode.Uri | undefined>('transcriptCoder.importProject', vscode.Uri.file(project), vscode.Uri.file(target));
    assert.equal(folder, undefined);
    assert.deepEqual(readdirSync(target), ['mine.txt']);
  });
});
