// Issue 19, item 2, in the real extension host: a transcript of the workspace that is a
// symbolic link to a file outside the folder is not read. The study index (which the
// sidebar and the Problems panel show) lists a Problem naming the link, the Transcripts
// view names the refusal, and no byte of the outside file reaches the extension's records.
// A sidecar whose `transcript:` names a path leaving the study is told so in the Problems
// panel, and nothing is read from that path.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SidebarApi } from '../../../src/extension/sidebar';
import { api, studyUri, waitFor, writeDisk } from './helpers';

const LINK = 'transcripts/bkpsdm/leak.txt';
const SIDECAR = `${LINK}.codes.yaml`;

describe('security: a transcript linked outside the workspace is not read', () => {
  let outside: string;

  before(() => {
    outside = mkdtempSync(join(tmpdir(), 'tc-outside-'));
    writeFileSync(join(outside, 'id_rsa'), 'PRIVATE KEY 8f3a\n');
  });
  after(async () => {
    for (const path of [SIDECAR, LINK]) rmSync(studyUri(path).fsPath, { force: true });
    rmSync(outside, { recursive: true, force: true });
    const { studies } = await api();
    await waitFor(() => !studies.forUri(studyUri(SIDECAR))?.allRecords().some((record) => record.sidecarPath === SIDECAR), 'the test sidecar gone from the index');
  });

  it('the index lists a Problem naming the link, and reads nothing from its target', async () => {
    const { studies } = await api();
    symlinkSync(join(outside, 'id_rsa'), studyUri(LINK).fsPath);
    writeFileSync(
      studyUri(SIDECAR).fsPath,
      'version: 1\ntranscript: leak.txt\ncodes:\n  - id: k3x9a2mq\n    lines: [1, 1]\n    code: jones/organization\n    polarity: inhibiting\n    factor: x\n    quote: "PRIVATE KEY"\n    coder: rina\n',
    );
    const record = await waitFor(
      () => studies.forUri(studyUri(SIDECAR))?.allRecords().find((found) => found.sidecarPath === SIDECAR && found.problems.some((p) => p.file === LINK)),
      'the record of the linked transcript, with its problem',
    );
    const refusal = record.problems.find((p) => p.file === LINK);
    assert.equal(refusal?.severity, 'error');
    assert.match(refusal?.message ?? '', /^transcripts\/bkpsdm\/leak\.txt is a symbolic link to .*id_rsa, outside the study folder/u);
    assert.equal(record.transcript, undefined);
    assert.doesNotMatch(JSON.stringify(record), /8f3a/u);
    await waitFor(() => vscode.languages.getDiagnostics(studyUri(LINK)).some((d) => /symbolic link/u.test(d.message)), 'the Problems panel naming the link');

    // The Transcripts view lists it with the refusal, read by the same guarded reader.
    const side = await vscode.commands.executeCommand<SidebarApi>('transcriptCoder.internal.sidebar');
    assert.ok(side);
    const listed = await waitFor(async () => {
      for (const agency of (await side.transcripts.getChildren()) ?? []) {
        for (const node of (await side.transcripts.getChildren(agency)) ?? []) {
          if (node.kind === 'transcript' && node.transcriptPath === LINK) return side.transcripts.getTreeItem(node);
        }
      }
      return undefined;
    }, 'the linked transcript in the Transcripts view');
    assert.match(String(listed.description), /symbolic link to .*id_rsa, outside the study folder/u);
    assert.doesNotMatch(JSON.stringify(listed), /8f3a/u);
  });

  it('a sidecar whose transcript: names a path with .. or an absolute path is told so, and nothing is read from it', async () => {
    const { studies } = await api();
    for (const named of ['../../../id_rsa', join(outside, 'id_rsa')]) {
      writeDisk(
        SIDECAR,
        `version: 1\ntranscript: ${JSON.stringify(named)}\ncodes:\n  - id: k3x9a2mq\n    lines: [1, 1]\n    code: jones/organization\n    polarity: inhibiting\n    factor: x\n    quote: "PRIVATE KEY"\n    coder: rina\n`,
      );
      const record = await waitFor(
        () => studies.forUri(studyUri(SIDECAR))?.allRecords().find((found) => found.sidecarPath === SIDECAR && found.problems.some((p) => p.message.includes(named))),
        `the record of a sidecar naming ${named}`,
      );
      assert.equal(record.transcriptPath, LINK, 'the transcript is the file beside the sidecar');
      assert.doesNotMatch(JSON.stringify(record), /8f3a/u);
      await waitFor(
        () => vscode.languages.getDiagnostics(studyUri(SIDECAR)).some((d) => d.message.includes(named) && /nothing is read from the path named/u.test(d.message)),
        `the Problems panel telling that ${named} is not read`,
      );
    }
  });
});
