// Hovers, the Problems panel, quick fixes, and bad input that must never break the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../../src/core/text/escape';
import { loadStudy } from '../../../src/core/study/study';
import { validateRecordCodes } from '../../../src/core/study/validate';
import { DIAGNOSTIC_SOURCE, isOffTextDiagnostic } from '../../../src/extension/diagnostics';
import { createFsStudyReader } from '../../../src/node/fs-study-reader';
import { api, closeAll, openCoded, readDisk, select, sidecarOnDisk, studyUri, waitFor, writeDisk } from './helpers';

const APTIKA = 'transcripts/diskominfo/kabid-aptika.txt';

/** The study's problems as the core finds them on disk: sidecars and the codebook (file → sorted `kind: message`). */
async function problemsOnDisk(): Promise<Map<string, string[]>> {
  const study = await loadStudy(createFsStudyReader(studyUri('').fsPath), { transcripts: 'when-needed' });
  const byFile = new Map<string, string[]>();
  const problems = [...study.codebook.problems, ...study.records.flatMap((record) => [...record.problems, ...validateRecordCodes(record, study.codebook.codebook)])];
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), `${problem.kind}: ${problem.message}`].sort());
  return byFile;
}

/** Our problems on the study's sidecars and codebook in the Problems panel (file → sorted `code: message`): a diagnostic's code is its problem's kind. */
function problemsShown(): Map<string, string[]> {
  const folder = studyUri('').toString();
  const byFile = new Map<string, string[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const file = uri.toString().slice(folder.length).replace(/^\//u, '');
    const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => `${String(d.code)}: ${d.message}`);
    if (!uri.toString().startsWith(folder) || !/(\.codes\.yaml|codebook\.yaml)$/u.test(file) || ours.length === 0) continue;
    byFile.set(decodeURIComponent(file), ours.sort());
  }
  return byFile;
}

/** Waits until the Problems panel shows for sidecars and the codebook what the core finds on disk. */
async function problemsMatchDisk(what: string): Promise<Map<string, string[]>> {
  const same = async () => {
    const expected = await problemsOnDisk();
    const shown = problemsShown();
    const files = [...new Set([...expected.keys(), ...shown.keys()])].filter((file) => /(\.codes\.yaml|codebook\.yaml)$/u.test(file));
    return files.every((file) => JSON.stringify(expected.get(file) ?? []) === JSON.stringify(shown.get(file) ?? [])) ? expected : undefined;
  };
  try {
    return await waitFor(same, what);
  } catch (error) {
    assert.deepEqual(Object.fromEntries(problemsShown()), Object.fromEntries(await problemsOnDisk()), String(error));
    throw error;
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
}

describe('hovers and problems in a real VS Code', function () {
  this.timeout(30_000);
  afterEach(closeAll);

  it('hovers every code of a line with its dimension, polarity, factor, coder and edit links', async () => {
    const editor = await openCoded(APTIKA);
    const code = sidecarOnDisk(APTIKA).codes[0];
    assert.ok(code);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(code.lines[0] - 1, 3));
    const text = hoverText(hovers);
    assert.ok(text.includes(escapeMarkdown(code.factor)), text);
    assert.match(text, /command:transcriptCoder\.editCode\?/);
    assert.match(text, /command:transcriptCoder\.removeCode\?/);
    assert.ok(text.includes(code.coder));
  });

  it('escapes hostile text from a sidecar in the hover', async () => {
    const editor = await openCoded(APTIKA);
    select(editor, [3, 3]);
    await vscode.commands.executeCommand('transcriptCoder.codeSelection', {
      code: 'jones/organization',
      polarity: 'inhibiting',
      factor: '[run](command:workbench.action.quit) <img src=x onerror=alert(1)>',
    });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(2, 1));
    const text = hoverText(hovers);
    // `\](` cannot close a link: only an unescaped `](` would make one.
    assert.doesNotMatch(text, /(?<!\\)\]\(command:workbench\.action\.quit\)/u, `the link must be escaped: ${text}`);
    assert.ok(!text.includes('<img'), `HTML must be escaped: ${text}`);
    await vscode.commands.executeCommand('transcriptCoder.undoCoding');
  });

  it('reports a conflicted sidecar on its marker lines, keeps its codes read-only and never overwrites it', async () => {
    const relative = 'transcripts/diskominfo/kadis-kominfo.txt';
    const original = readDisk(`${relative}.codes.yaml`);
    const conflicted = original.replace(/^( {4}factor: .*)$/mu, '<<<<<<< HEAD\n$1\n=======\n    factor: Versi lain\n>>>>>>> budi');
    writeDisk(`${relative}.codes.yaml`, conflicted);
    try {
      const editor = await openCoded(relative);
      const { documents } = await api();
      const coded = await waitFor(() => documents.get(editor.document), 'the session');
      await waitFor(() => coded.session.readOnly, 'the conflicted sidecar to make the codes read-only');
      const diagnostics = await waitFor(() => {
        const found = vscode.languages.getDiagnostics(editor.document.uri);
        return found.length > 0 ? found : undefined;
      }, 'a diagnostic on the transcript');
      assert.match(diagnostics[0]?.message ?? '', /read-only until it is fixed/);
      const sidecarDiagnostics = await waitFor(() => {
        const found = vscode.languages.getDiagnostics(studyUri(`${relative}.codes.yaml`));
        return found.length >= 3 ? found : undefined;
      }, 'diagnostics on the conflict markers');
      const markerLines = conflicted.split('\n').flatMap((line, index) => (/^(<<<<<<<|=======|>>>>>>>)/u.test(line) ? [index] : []));
      assert.deepEqual(sidecarDiagnostics.map((d) => d.range.start.line).sort((a, b) => a - b), markerLines);
      assert.deepEqual(new Set(sidecarDiagnostics.map((d) => d.code)), new Set(['conflict-marker']), 'each marker is a problem of kind conflict-marker');
      select(editor, [2, 2]);
      await vscode.commands.executeCommand('transcriptCoder.codeSelection', { code: 'jones/organization', polarity: 'supporting', factor: 'x' });
      assert.equal(readDisk(`${relative}.codes.yaml`), conflicted, 'a conflicted sidecar is never written');
    } finally {
      writeDisk(`${relative}.codes.yaml`, original);
    }
  });

  it('keeps every sidecar\'s and the codebook\'s problems right through changes of one sidecar and of the codebook', async () => {
    const observation = 'transcripts/diskominfo/catatan-observasi.txt.codes.yaml';
    const aptika = `${APTIKA}.codes.yaml`;
    const originals = new Map([observation, aptika, 'codebook.yaml'].map((file) => [file, readDisk(file)]));
    const original = (file: string) => originals.get(file) ?? '';
    await api();
    try {
      const before = await problemsMatchDisk('the problems of the study as it is');
      writeDisk(observation, original(observation).replace(/code: jones\/organization\/facilities-ict/u, 'code: jones/organization/no-such-indicator'));
      let now = await problemsMatchDisk('an unknown code path in one sidecar');
      assert.ok(now.get(observation)?.some((message) => message.startsWith('unknown-code-path: ') && message.includes('no-such-indicator')), 'the sidecar shows its unknown code path');
      writeDisk(aptika, original(aptika).replace(/polarity: (supporting|inhibiting)/u, 'polarity: sideways'));
      now = await problemsMatchDisk('an unknown polarity in a second sidecar');
      assert.ok(now.get(aptika)?.some((message) => message.startsWith('unknown-polarity: ') && message.includes('sideways')), 'the second sidecar shows its unknown polarity');
      assert.ok(now.get(observation)?.some((message) => message.includes('no-such-indicator')), 'the first keeps its problem');
      writeDisk(observation, original(observation));
      now = await problemsMatchDisk('the first sidecar fixed');
      assert.deepEqual(now.get(observation), before.get(observation));
      // Without the indicator in the codebook, every sidecar that uses it has a problem: all are checked again.
      writeDisk('codebook.yaml', original('codebook.yaml').replace(/^ *- id: facilities-ict\n.*\n/mu, ''));
      now = await problemsMatchDisk('the codebook without facilities-ict');
      const users = [...now].filter(([file, messages]) => file.endsWith('.codes.yaml') && messages.some((message) => message.includes('facilities-ict')));
      assert.ok(users.length >= 2, 'the sidecars that use the removed indicator show it');
      writeDisk('codebook.yaml', original('codebook.yaml'));
      writeDisk(aptika, original(aptika));
      now = await problemsMatchDisk('everything restored');
      assert.deepEqual(Object.fromEntries(now), Object.fromEntries(before));
    } finally {
      for (const [file, text] of originals) writeDisk(file, text);
    }
  });

  it('turns a code whose text vanished into an orphan with quick fixes, and re-anchors it', async () => {
    const editor = await openCoded(APTIKA);
    const code = sidecarOnDisk(APTIKA).codes[1];
    assert.ok(code);
    const line = code.lines[0];
    await editor.edit((edit) => edit.delete(new vscode.Range(line - 1, 0, code.lines[1], 0)));
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).find(isOffTextDiagnostic), 'an orphan diagnostic');
    assert.ok(diagnostic.code === 'code-orphaned' || diagnostic.code === 'quote-similar', String(diagnostic.code));
    assert.ok(diagnostic.message.includes(code.id));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.some((t) => t.startsWith('Re-anchor code')), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Remove orphaned code')));
    assert.ok(titles.includes('Open the sidecar'));
    const reanchor = actions.find((action) => action.title.startsWith('Re-anchor code'));
    assert.ok(reanchor?.command);
    // Named from its problem, the orphan's lines are asked (repair.test.ts); here they are passed.
    await vscode.commands.executeCommand(reanchor.command.command, ...(reanchor.command.arguments ?? []), [line, line]);
    const { documents } = await api();
    const placed = documents.get(editor.document)?.session.codes().find((c) => c.entry.id === code.id);
    assert.equal(placed?.detached, false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reconciles a transcript changed on disk (as by git) by re-anchoring quotes', async () => {
    const relative = 'transcripts/diskominfo/catatan-observasi.txt';
    const text = readDisk(relative);
    const editor = await openCoded(relative);
    const code = sidecarOnDisk(relative).codes[0];
    assert.ok(code);
    writeDisk(relative, 'Catatan tambahan di awal.\nBaris kedua tambahan.\n' + text);
    const { documents } = await api();
    await waitFor(() => documents.get(editor.document)?.session.codes().find((c) => c.entry.id === code.id)?.entry.lines[0] === code.lines[0] + 2, 'the code to follow its text');
    writeDisk(relative, text);
  });

  it('uses default keys that VS Code does not already bind', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const defaults = await waitFor(() => vscode.window.activeTextEditor?.document.getText(), 'the default keybindings');
    // The file lists extensions' keybindings too: only VS Code's own count as clashes.
    const bound = new Set(
      [...defaults.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/gu)].filter((m) => !m[2]?.startsWith('transcriptCoder.')).map((m) => m[1]),
    );
    const ours = (vscode.extensions.getExtension('transcript-coder.transcript-coder')?.packageJSON.contributes.keybindings ?? []) as Array<{ key: string; command: string }>;
    // Undo and redo deliberately share the editor's keys, guarded by a context key.
    const clashes = ours.filter((binding) => !/undoCoding|redoCoding/u.test(binding.command) && bound.has(binding.key));
    const taken = [...bound].filter((key) => key?.startsWith('ctrl+alt+')).sort();
    assert.deepEqual(clashes.map((c) => `${c.key} → ${c.command}`), [], `VS Code binds: ${taken.join(' ')}`);
    assert.ok(bound.size > 100, 'the default keybindings file was read');
    // Nor do two of ours share a key: their `when`s can hold together (a review of a transcript with a recording).
    const byKey = new Map<string, string[]>();
    for (const binding of ours) byKey.set(binding.key, [...(byKey.get(binding.key) ?? []), binding.command]);
    const shared = [...byKey].filter(([, commands]) => commands.length > 1 && !commands.every((command) => /undoCoding|redoCoding/u.test(command)));
    assert.deepEqual(shared, [], 'each key of ours runs one command');
  });
});
