// A study written by hand (test/fixtures/hand-written-study): quotes with speaker labels,
// timestamps in either order, typographic marks, first words only. In the real VS Code
// every code is drawn on its lines, none is detached, the Problems panel names no error
// for them, and opening the transcripts writes nothing (issue 12, items 1 and 5).
import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../src/extension/diagnostics';
import { api, closeAll, EXTENSION_ID, openCoded, readDisk, studyUri, waitFor, writeDisk } from './helpers';

const FOLDER = 'transcripts/hand-written';
const KABAN = `${FOLDER}/wawancara-kaban.txt`;
const SEKDIS = `${FOLDER}/wawancara-sekdis.txt`;
/** A copy of the Kaban transcript whose sidecar has one quote that is on no line: proof the Problems panel looked at this folder. */
const CONTROL = `${FOLDER}/kontrol.txt`;

function ourDiagnostics(relative: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(studyUri(relative)).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

describe('a study written by hand, in a real VS Code', function () {
  this.timeout(60_000);

  before(() => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    cpSync(join(extensionPath, 'test', 'fixtures', 'hand-written-study', 'transcripts'), studyUri(FOLDER).fsPath, { recursive: true });
    writeDisk(CONTROL, readDisk(KABAN));
    const control = readDisk(`${KABAN}.codes.yaml`)
      .replace('transcript: wawancara-kaban.txt', 'transcript: kontrol.txt')
      .replace('quote: "KABAN: Ya, betul."', 'quote: "KABAN: Tidak pernah dikatakan di wawancara ini."');
    writeDisk(`${CONTROL}.codes.yaml`, control);
  });
  after(async () => {
    await closeAll();
    rmSync(studyUri(FOLDER).fsPath, { recursive: true, force: true });
  });

  it('draws every code on its lines, detaches none, names no error, and writes nothing on opening', async () => {
    const sidecarsBefore = [KABAN, SEKDIS].map((transcript) => readDisk(`${transcript}.codes.yaml`));
    const { documents } = await api();
    for (const [transcript, count] of [
      [KABAN, 7],
      [SEKDIS, 4],
    ] as const) {
      const editor = await openCoded(transcript);
      const coded = documents.get(editor.document);
      assert.ok(coded);
      const codes = coded.session.codes();
      assert.equal(codes.length, count);
      assert.deepEqual(
        codes.filter((code) => code.detached).map((code) => code.entry.id),
        [],
        `${transcript}: codes detached`,
      );
      assert.equal(editor.document.isDirty, false, `${transcript}: opening changed the text`);
    }
    const controlProblems = await waitFor(() => {
      const shown = ourDiagnostics(`${CONTROL}.codes.yaml`).filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
      return shown.length > 0 ? shown : undefined;
    }, 'the control sidecar\'s off-text code in the Problems panel', 30_000);
    assert.equal(controlProblems.length, 1, controlProblems.map((problem) => problem.message).join('\n'));
    for (const transcript of [KABAN, SEKDIS]) {
      const errors = [...ourDiagnostics(`${transcript}.codes.yaml`), ...ourDiagnostics(transcript)].filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((error) => error.message),
        [],
        transcript,
      );
    }
    assert.deepEqual(
      [KABAN, SEKDIS].map((transcript) => readFileSync(studyUri(`${transcript}.codes.yaml`).fsPath, 'utf8')),
      sidecarsBefore,
      'opening the transcripts wrote their sidecars',
    );
  });

  it('takes the Problems of its sidecars away when the folder is deleted outside VS Code (one event for the folder)', async () => {
    await closeAll();
    assert.ok(ourDiagnostics(`${CONTROL}.codes.yaml`).length > 0, 'the control sidecar has its problem');
    rmSync(studyUri(FOLDER).fsPath, { recursive: true, force: true });
    await waitFor(() => ourDiagnostics(`${CONTROL}.codes.yaml`).length === 0, 'the deleted sidecar\'s problems to go', 20_000);
    const study = (await api()).studies.all()[0];
    assert.equal(study?.record(`${CONTROL}.codes.yaml`), undefined, 'the index forgot the deleted sidecar');
  });
});
