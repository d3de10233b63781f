// Find and code in restricted mode (issue 18, item 1): the search works and lists its hits;
// coding them is refused with the usual message, before any picker, and no sidecar changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, readDisk, waitFor } from '../suite/helpers';

describe('restricted mode: find and code searches but does not code', function () {
  this.timeout(60_000);

  it('finds the hits of a word and refuses to code them, writing nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { studies } = await api();
    await waitFor(() => studies.all().some((study) => study.allRecords().length > 0), 'the study indexed', 20_000);
    const found = await vscode.commands.executeCommand<{ hits: number; found: Record<string, number[]> }>('transcriptCoder.findAndCode', { pattern: 'sinkron', mode: 'whole-word' });
    assert.ok((found?.hits ?? 0) >= 2, `hits found in restricted mode: ${JSON.stringify(found)}`);
    const sidecars = Object.keys(found?.found ?? {}).map((transcript) => `${transcript}.codes.yaml`);
    const before = sidecars.map((path) => readDisk(path));

    const warnings: string[] = [];
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window.showWarningMessage;
    window.showWarningMessage = (text: string) => {
      warnings.push(text);
      return Promise.resolve(undefined);
    };
    try {
      const coded = await vscode.commands.executeCommand('transcriptCoder.codeSearchHits', undefined, { code: 'jones/interpretation/procedure-clarity', polarity: 'neutral', factor: 'Uji' });
      assert.equal(coded, undefined, 'nothing is coded');
    } finally {
      window.showWarningMessage = original;
    }
    assert.ok(warnings.some((text) => /not trusted/u.test(text)), `the user is told why: ${JSON.stringify(warnings)}`);
    assert.deepEqual(sidecars.map((path) => readDisk(path)), before);
  });
});
