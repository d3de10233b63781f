// Exporting a REFI-QDA project from the editor: where a transcript holds an emoji, the
// export asks whether positions count code points (the spec) or UTF-16 units (NVivo for
// Windows), as `transcript-coder export --positions` does (issue 13).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as vscode from 'vscode';
import { closeAll, studyUri, writeDisk } from './helpers';

const FOLDER = 'transcripts/emoji-test';
const LINE_ONE = 'Kaban: Anggaran kurang 😅 tahun ini.';
const LINE_TWO = 'Sekretaris: Staf belum dilatih.';
const SIDECAR = `version: 1
transcript: wawancara.txt
attributes:
  agency: Dinas Emoji
codes:
  - id: emoji001
    lines: [2, 2]
    code: jones/organization
    polarity: inhibiting
    factor: Staf belum dilatih
    quote: "Staf belum dilatih."
    coder: rina
`;

/** Start and end of the selection coding line 2 of the emoji transcript, from the .qdpx's project.qde. */
function lineTwoSpan(file: string): [number, number] {
  const qde = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['project.qde'] ?? new Uint8Array());
  const source = /<TextSource [^>]*name="transcripts - emoji-test - wawancara\.txt"[\s\S]*?<\/TextSource>/u.exec(qde)?.[0];
  assert.ok(source, 'the emoji transcript is a TextSource');
  const selection = /<PlainTextSelection [^>]*name="Staf belum dilatih"[^>]*>/u.exec(source)?.[0] ?? '';
  const start = /startPosition="(\d+)"/u.exec(selection)?.[1];
  const end = /endPosition="(\d+)"/u.exec(selection)?.[1];
  assert.ok(start !== undefined && end !== undefined, `a selection for line 2 in ${source.slice(0, 300)}`);
  return [Number(start), Number(end)];
}

/** Runs the export and answers its question, if one comes up, with `answer` until the command settles. */
async function exporting(answer: string, ...args: unknown[]): Promise<unknown> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand('transcriptCoder.exportRefiProject', ...args)).finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!settled) await vscode.commands.executeCommand(answer);
  }
  return running;
}

describe('REFI-QDA export in a real VS Code: positions', function () {
  this.timeout(60_000);
  const target = (name: string): vscode.Uri => vscode.Uri.file(join(studyUri('').fsPath, '..', `${name}-${Date.now()}.qdpx`));
  afterEach(async () => {
    await closeAll();
    rmSync(studyUri(FOLDER).fsPath, { recursive: true, force: true });
  });

  it('asks nothing when no transcript holds a character outside the BMP', async () => {
    const file = target('plain');
    // Closing any quick pick as it comes up would cancel the export: it is written, so none came.
    await exporting('workbench.action.closeQuickOpen', file);
    assert.ok(existsSync(file.fsPath), 'the project was written without a question');
  });

  it('with an emoji, asks: closing the question writes nothing; the first answer writes code points; utf16 writes UTF-16 units', async () => {
    mkdirSync(studyUri(FOLDER).fsPath, { recursive: true });
    writeDisk(`${FOLDER}/wawancara.txt`, `${LINE_ONE}\n${LINE_TWO}\n`);
    writeDisk(`${FOLDER}/wawancara.txt.codes.yaml`, SIDECAR);

    const cancelled = target('cancelled');
    assert.equal(await exporting('workbench.action.closeQuickOpen', cancelled), undefined);
    assert.ok(!existsSync(cancelled.fsPath), 'closing the question exports nothing');

    const points = target('code-points');
    await exporting('workbench.action.acceptSelectedQuickOpenItem', points);
    const lineOnePoints = Array.from(LINE_ONE).length;
    assert.deepEqual(lineTwoSpan(points.fsPath), [lineOnePoints + 1, lineOnePoints + 1 + LINE_TWO.length], 'the first answer is the spec: code points');

    const units = target('utf16');
    await exporting('workbench.action.closeQuickOpen', units, 'utf16');
    assert.deepEqual(lineTwoSpan(units.fsPath), [LINE_ONE.length + 1, LINE_ONE.length + 1 + LINE_TWO.length], 'UTF-16 units: the emoji counts twice');
    assert.notEqual(LINE_ONE.length, lineOnePoints);
  });
});
