// Listening while coding (issue 17) in a real VS Code: a recording synthesised here (a WAV
// sine tone, made in TypeScript so no tool is needed) is linked to a transcript, played
// from a line stamped [00:00:05], and its media element's time is read back from the
// webview; the spoken line is highlighted and followed; a missing file is a Problem
// with the quick fix "Relink recording…"; playing writes nothing.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { sineWav } from '../sine-wav.mjs';
import { mediaFormatName } from '../../../src/core/media';
import { DIAGNOSTIC_SOURCE } from '../../../src/extension/diagnostics';
import { closeAll, openCoded, readDisk, select, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const FOLDER = 'transcripts/media-test';
const TRANSCRIPT = `${FOLDER}/wawancara.txt`;
const RECORDING = `${FOLDER}/wawancara.wav`;
const SECONDS = 12;

interface MediaReport {
  recording?: { transcript: string; media: string };
  state?: { currentTime: number; duration?: number; paused: boolean; rate: number };
  errors: string[];
  highlighted?: { transcript: string; line: number };
}

async function report(): Promise<MediaReport> {
  return (await vscode.commands.executeCommand<MediaReport>('transcriptCoder.internal.media', true)) ?? { errors: [] };
}

function mediaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE && String(d.code).startsWith('media-'));
}

describe('listening while coding: the media panel in a real VS Code', function () {
  this.timeout(60_000);

  before(() => {
    mkdirSync(studyUri(`${FOLDER}/audio`).fsPath, { recursive: true });
    writeDisk(TRANSCRIPT, '[00:00:00] P: Selamat pagi, Pak.\nI: Pagi.\n[00:00:05] P: Apa kendala utama?\nI: Pegawai TI masih kurang.\n[00:00:10] P: Terima kasih.\n');
    writeDisk(`${TRANSCRIPT}.codes.yaml`, 'version: 1\ntranscript: wawancara.txt\nattributes:\n  agency: Dinas Uji\ncodes: []\n');
    writeDisk(RECORDING, sineWav(SECONDS));
  });

  after(async () => {
    await closeAll();
    rmSync(studyUri(FOLDER).fsPath, { recursive: true, force: true });
    // Its problems leave with the files (the next suites compare the Problems panel with the study on disk).
    await waitFor(() => mediaDiagnostics(studyUri(`${TRANSCRIPT}.codes.yaml`)).length === 0, 'the media problems gone with the files', 15_000);
  });

  it('links a recording, plays from the line stamped [00:00:05], highlights and follows the spoken line, and writes nothing', async () => {
    const editor = await openCoded(TRANSCRIPT);
    const transcript = editor.document.uri;
    const link = await vscode.commands.executeCommand<string>('transcriptCoder.linkRecording', transcript.toString(), studyUri(RECORDING));
    assert.equal(link, 'wawancara.wav');
    assert.equal(sidecarOnDisk(TRANSCRIPT).attributes['media'], 'wawancara.wav');
    const sidecarBefore = readDisk(`${TRANSCRIPT}.codes.yaml`);
    const transcriptBefore = readDisk(TRANSCRIPT);

    select(editor, [3, 3]);
    const start = await vscode.commands.executeCommand<number>('transcriptCoder.playFromLine');
    assert.equal(start, 5);
    const playing = await waitFor(async () => {
      const now = await report();
      return now.state !== undefined && now.state.currentTime >= 5 && !now.state.paused ? now : undefined;
    }, 'the media element playing from 5 s', 20_000);
    assert.deepEqual(playing.errors, []);
    assert.ok(playing.state !== undefined && playing.state.currentTime < 7, `currentTime ${playing.state?.currentTime}`);
    assert.ok(Math.abs((playing.state?.duration ?? 0) - SECONDS) < 0.1, `duration ${playing.state?.duration}`);
    assert.equal(playing.recording?.media, studyUri(RECORDING).toString());
    // Line 3 is spoken from 5 s, line 4 (interpolated) from 7.5 s: the highlight moves on.
    await waitFor(async () => (await report()).highlighted?.line === 3 || undefined, 'line 3 highlighted');
    await waitFor(async () => (await report()).highlighted?.line === 4 || undefined, 'the highlight following to line 4', 15_000);

    // The transcriber's keys: back 5 s and slower.
    const before = (await report()).state?.currentTime ?? 0;
    await vscode.commands.executeCommand('transcriptCoder.mediaBack');
    await waitFor(async () => ((await report()).state?.currentTime ?? 99) < before - 3 || undefined, 'back 5 s');
    await vscode.commands.executeCommand('transcriptCoder.mediaSlower');
    await waitFor(async () => (await report()).state?.rate === 0.75 || undefined, 'playing slower');
    await vscode.commands.executeCommand('transcriptCoder.playPause');
    await waitFor(async () => (await report()).state?.paused === true || undefined, 'paused');

    // A coded segment's span: lines 3–4 play from 5 s and stop at 10 s.
    await vscode.commands.executeCommand('transcriptCoder.mediaFaster');
    await vscode.commands.executeCommand('transcriptCoder.mediaFaster');
    await vscode.commands.executeCommand('transcriptCoder.mediaFaster');
    assert.equal(await vscode.commands.executeCommand<number>('transcriptCoder.playLines', transcript.toString(), 3, 4), 5);
    const stopped = await waitFor(async () => {
      const now = await report();
      return now.state !== undefined && now.state.paused && now.state.currentTime >= 9.9 ? now : undefined;
    }, 'the segment stopping at 10 s', 20_000);
    assert.ok((stopped.state?.currentTime ?? 99) < 11, `stopped at ${stopped.state?.currentTime}`);

    assert.equal(readDisk(`${TRANSCRIPT}.codes.yaml`), sidecarBefore);
    assert.equal(readDisk(TRANSCRIPT), transcriptBefore);
  });

  it('shows a missing recording as a Problem on the sidecar, with the quick fix "Relink recording…"', async () => {
    const editor = await openCoded(TRANSCRIPT);
    const sidecar = studyUri(`${TRANSCRIPT}.codes.yaml`);
    assert.equal(await vscode.commands.executeCommand('transcriptCoder.linkRecording', editor.document.uri.toString(), studyUri(RECORDING)), 'wawancara.wav');
    const moved = `${FOLDER}/audio/wawancara-baru.wav`;
    writeDisk(moved, sineWav(2));
    renameSync(studyUri(RECORDING).fsPath, `${studyUri(RECORDING).fsPath}.gone`);
    const problem = await waitFor(() => mediaDiagnostics(sidecar).find((d) => d.code === 'media-missing'), 'the missing-recording problem', 15_000);
    assert.match(problem.message, /the recording "wawancara\.wav" \(transcripts\/media-test\/wawancara\.wav\) does not exist/u);
    assert.equal(problem.range.start.line, readDisk(`${TRANSCRIPT}.codes.yaml`).split('\n').findIndex((line) => /^\s+media:/u.test(line)));
    await vscode.workspace.openTextDocument(sidecar);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sidecar, problem.range, vscode.CodeActionKind.QuickFix.value);
    const relink = actions.find((action) => action.title === 'Relink recording…');
    assert.ok(relink?.command, JSON.stringify(actions.map((action) => action.title)));
    assert.equal(relink.command.command, 'transcriptCoder.linkRecording');
    // The quick fix's command, with the file the user would pick.
    const link = await vscode.commands.executeCommand<string>(relink.command.command, ...(relink.command.arguments ?? []), studyUri(moved));
    assert.equal(link, 'audio/wawancara-baru.wav');
    await waitFor(() => mediaDiagnostics(sidecar).length === 0, 'the problem gone after relinking', 15_000);
    assert.ok(existsSync(`${studyUri(RECORDING).fsPath}.gone`));
    // Playing a transcript whose recording is gone tells the user and plays nothing.
    writeDisk(`${TRANSCRIPT}.codes.yaml`, readDisk(`${TRANSCRIPT}.codes.yaml`).replace('audio/wawancara-baru.wav', 'hilang.wav'));
    await waitFor(() => mediaDiagnostics(sidecar).some((d) => d.code === 'media-missing'), 'the problem for hilang.wav', 15_000);
    assert.equal(await vscode.commands.executeCommand('transcriptCoder.playFromLine', editor.document.uri.toString(), 3), undefined);
  });

  it('follows a sidecar changed on disk while its transcript is closed: a link to a missing recording becomes a Problem, and goes when the link is mended', async () => {
    // Each changed sidecar is checked on its own (not the whole study again): this is that path.
    await closeAll();
    const other = `${FOLDER}/tertutup.txt`;
    const sidecar = studyUri(`${other}.codes.yaml`);
    writeDisk(other, '[00:00:00] P: Selamat siang.\nI: Siang.\n');
    writeDisk(`${FOLDER}/tertutup.wav`, sineWav(1));
    writeDisk(`${other}.codes.yaml`, 'version: 1\ntranscript: tertutup.txt\nattributes:\n  agency: Dinas Uji\ncodes: []\n');
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.deepEqual(mediaDiagnostics(sidecar), [], 'no link, no problem');
      writeDisk(`${other}.codes.yaml`, 'version: 1\ntranscript: tertutup.txt\nattributes:\n  agency: Dinas Uji\n  media: tidak-ada.wav\ncodes: []\n');
      const problem = await waitFor(() => mediaDiagnostics(sidecar).find((d) => d.code === 'media-missing'), 'the missing-recording problem of the closed transcript', 15_000);
      assert.match(problem.message, /"tidak-ada\.wav"/u);
      assert.equal(problem.range.start.line, 4, 'on the media: line');
      writeDisk(`${other}.codes.yaml`, 'version: 1\ntranscript: tertutup.txt\nattributes:\n  agency: Dinas Uji\n  media: tertutup.wav\ncodes: []\n');
      await waitFor(() => mediaDiagnostics(sidecar).length === 0, 'the problem gone once the link names a recording that exists', 15_000);
    } finally {
      for (const file of [other, `${other}.codes.yaml`, `${FOLDER}/tertutup.wav`]) rmSync(studyUri(file).fsPath, { force: true });
    }
    await waitFor(() => mediaDiagnostics(sidecar).length === 0, 'no problem left with the sidecar gone', 15_000);
  });

  it('says a recording it cannot decode cannot be played, naming its format, and writes nothing', async () => {
    const broken = `${FOLDER}/rusak.amr`;
    // AMR's magic number, then noise: not a format the player decodes.
    writeDisk(broken, new Uint8Array([...Buffer.from('#!AMR\n'), ...Array.from({ length: 4000 }, (_, index) => (index * 37) % 256)]));
    const editor = await openCoded(TRANSCRIPT);
    assert.equal(await vscode.commands.executeCommand('transcriptCoder.linkRecording', editor.document.uri.toString(), studyUri(broken)), 'rusak.amr');
    const sidecarBefore = readDisk(`${TRANSCRIPT}.codes.yaml`);
    const failed = await waitFor(async () => {
      await vscode.commands.executeCommand('transcriptCoder.playFromLine', editor.document.uri.toString(), 3);
      const now = await report();
      return now.errors.find((error) => error.startsWith('error:')) ?? undefined;
    }, 'the player reporting that it cannot decode the file', 20_000);
    assert.ok(failed);
    // The message shown with it names the format by the file's name.
    assert.equal(mediaFormatName('rusak.amr'), 'AMR');
    assert.equal(readDisk(`${TRANSCRIPT}.codes.yaml`), sidecarBefore, 'playing writes nothing');
  });
});
