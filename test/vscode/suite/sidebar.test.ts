// The sidebar (issue 4) in a real VS Code: the three trees checked against the core's
// summary of the study on disk, ids, refreshes, study-wide edits with undo, filters,
// memos, the study matrix webview and the exports.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { placeCodes } from '../../../src/core/study/on-text';
import { dimensionPathOf, parseCodebook } from '../../../src/core/codebook/codebook';
import { loadStudy, type Study } from '../../../src/core/study/study';
import { factorKey, summarize, type Segment, type StudySummary } from '../../../src/core/study/summary';
import { codebookYamlFromTemplates } from '../../../src/core/codebook/templates';
import { lineBodies, parseTranscript } from '../../../src/core/transcript/transcript';
import { reanchor } from '../../../src/core/anchoring';
import { createFsStudyReader } from '../../../src/node/fs-study-reader';
import type { SidebarApi } from '../../../src/extension/sidebar';
import type { FactorNode } from '../../../src/extension/sidebar/factors-tree';
import { isInterviewer } from '../../../src/extension/sidebar/study-view';
import type { AppliedChange } from '../../../src/extension/sidebar/study-edits';
import { api, closeAll, openCoded, readDisk, studyUri, waitFor, writeDisk } from './helpers';

async function sidebar(): Promise<SidebarApi> {
  await api();
  const found = await vscode.commands.executeCommand<SidebarApi>('transcriptCoder.internal.sidebar');
  assert.ok(found, 'transcriptCoder.internal.sidebar returns the sidebar');
  await found.scope.current()?.ready;
  return found;
}

/** A webview page of ours: a strict Content Security Policy, external scripts with its nonce, nothing inline. */
function assertStrictPage(html: string | undefined): void {
  assert.ok(html, 'the panel is open');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/u.exec(html)?.[1]?.replace(/&#39;/gu, "'");
  assert.ok(csp, 'a CSP meta tag');
  assert.match(csp, /^default-src 'none'/u);
  const nonce = /script-src 'nonce-([^']+)'/u.exec(csp)?.[1];
  assert.ok(nonce && nonce.length >= 16, 'scripts only with a nonce');
  assert.ok(!/unsafe-inline|unsafe-eval/u.test(csp));
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gu)];
  assert.ok(scripts.length > 0);
  for (const script of scripts) assert.ok(script[1]?.includes(`nonce="${nonce}"`) && script[1].includes('src="') && script[2]?.trim() === '', 'external scripts only, each with the nonce, no inline code');
  assert.ok(!/\son[a-z]+\s*=/iu.test(html), 'no inline event handlers');
  assert.ok(!/\sstyle\s*=|<style/iu.test(html), 'no inline styles');
}

/**
 * Lines coded with both of two dimensions, counted here by sets of (file, line) from the
 * summary's segments — not by the core's sweep the table uses.
 */
function linesCodedWithBoth(summary: StudySummary, x: string, y: string): number {
  const covered = (dimension: string): Set<string> => {
    const lines = new Set<string>();
    for (const agency of summary.agencies)
      for (const group of agency.dimensions)
        for (const factor of group.factors)
          for (const segment of factor.segments) {
            if (dimensionPathOf(segment.code) !== dimension) continue;
            for (let line = segment.lines[0]; line <= segment.lines[1]; line += 1) lines.add(`${segment.file}:${line}`);
          }
    return lines;
  };
  const ofY = covered(y);
  return [...covered(x)].filter((place) => ofY.has(place)).length;
}

function root(): string {
  return studyUri('').fsPath;
}

async function diskStudy(): Promise<Study> {
  return loadStudy(createFsStudyReader(root()), { transcripts: 'all' });
}

async function diskSummary(): Promise<StudySummary> {
  return summarize(await diskStudy(), { language: 'en' });
}

/** Every sidecar of the workspace copy, study-relative path → bytes. */
function sidecarBytes(): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else if (name.endsWith('.codes.yaml')) found.set(`${prefix}${name}`, readFileSync(full));
    }
  };
  walk(root(), '');
  return found;
}

async function children<T>(provider: vscode.TreeDataProvider<T>, node?: T): Promise<T[]> {
  return (await provider.getChildren(node)) ?? [];
}

/** Every node under `node`, depth first, with its tree item. */
async function walkTree<T>(provider: vscode.TreeDataProvider<T>, node?: T): Promise<Array<{ node: T; item: vscode.TreeItem; parent: T | undefined }>> {
  const out: Array<{ node: T; item: vscode.TreeItem; parent: T | undefined }> = [];
  for (const child of await children(provider, node)) {
    out.push({ node: child, item: await provider.getTreeItem(child), parent: node });
    out.push(...(await walkTree(provider, child)));
  }
  return out;
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function tooltipText(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

function segmentsOfSummary(summary: StudySummary, agency: string): Segment[] {
  return summary.agencies.find((a) => a.agency === agency)?.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)) ?? [];
}

/** Waits until the Factors tree agrees with the study on disk (after the index read the change). */
async function treeMatchesDisk(side: SidebarApi): Promise<void> {
  await waitFor(async () => {
    const summary = await diskSummary();
    const agencies = (await children(side.factors)).filter((node) => node.kind === 'agency');
    if (agencies.length !== summary.agencies.length + (summary.unassigned.length > 0 ? 1 : 0)) return false;
    for (const agency of summary.agencies) {
      const node = side.factors.agencyNode(agency.agency);
      if (side.factors.segmentsOf(node).length !== segmentsOfSummary(summary, agency.agency).length) return false;
    }
    return true;
  }, 'the Factors tree to match the sidecars on disk');
}

/** The factor used in most sidecars (of one dimension), as a node of the tree. */
async function mostSharedFactor(side: SidebarApi): Promise<{ node: FactorNode; dimension: string; factor: string; files: string[] }> {
  const summary = await diskSummary();
  const byFactor = new Map<string, { dimension: string; factor: string; agency: string; polarity: string; files: Set<string> }>();
  for (const agency of summary.agencies) {
    for (const dimension of agency.dimensions) {
      for (const factor of dimension.factors) {
        const key = `${dimension.dimension}\u0000${factorKey(factor.factor)}`;
        const entry = byFactor.get(key) ?? { dimension: dimension.dimension, factor: factor.factor, agency: agency.agency, polarity: factor.polarity, files: new Set<string>() };
        for (const segment of factor.segments) entry.files.add(segment.sidecarPath);
        byFactor.set(key, entry);
      }
    }
  }
  const best = [...byFactor.values()].sort((a, b) => b.files.size - a.files.size)[0];
  assert.ok(best && best.files.size >= 2, 'the example study has a factor coded in two sidecars or more');
  // A rename reaches every code with the factor, also one off its text (which the sidebar does not count).
  const files = (await diskStudy()).records
    .filter((record) => record.sidecar.status === 'ok' && record.sidecar.data.codes.some((code) => dimensionPathOf(code.code) === best.dimension && factorKey(code.factor) === factorKey(best.factor)))
    .map((record) => record.sidecarPath);
  return { node: side.factors.factorNode(best.agency, best.dimension, best.polarity, best.factor), dimension: best.dimension, factor: best.factor, files: files.sort() };
}

function assertSameBytes(before: Map<string, Buffer>, what: string): void {
  const after = sidecarBytes();
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), `${what}: the same sidecars`);
  for (const [path, bytes] of before) assert.ok(after.get(path)?.equals(bytes), `${what}: ${path} is byte for byte as before`);
}

describe('the sidebar in a real VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    await closeAll();
    const side = await sidebar();
    await side.filters.set({ frameworks: [], coders: [], sources: [], polarities: [] });
    // Earlier suites wrote files with node's fs; file events can arrive late in code-server.
    await vscode.commands.executeCommand('transcriptCoder.refreshSidebar');
    await treeMatchesDisk(side);
  });
  afterEach(async () => {
    await closeAll();
    const side = await sidebar();
    await side.filters.set({ frameworks: [], coders: [], sources: [], polarities: [] });
  });

  it('contributes a Transcript Coder container with four views, a fifth while a disagreement review is on, and a welcome for a folder without a codebook', () => {
    interface Manifest {
      contributes: {
        viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
        views: Record<string, Array<{ id: string; when?: string }>>;
        viewsWelcome: Array<{ view: string; when: string }>;
      };
    }
    const extension = vscode.extensions.getExtension('transcript-coder.transcript-coder');
    assert.ok(extension);
    const manifest = extension.packageJSON as Manifest;
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'transcriptCoder');
    assert.equal(container?.icon, 'media/activity-icon.svg');
    const icon = readFileSync(join(extension.extensionPath, container.icon), 'utf8');
    assert.match(icon, /currentColor/, 'a monochrome icon drawn in currentColor');
    const views = manifest.contributes.views['transcriptCoder'] ?? [];
    assert.deepEqual(views.map((v) => v.id), ['transcriptCoder.factors', 'transcriptCoder.codebook', 'transcriptCoder.transcripts', 'transcriptCoder.searchHits', 'transcriptCoder.review']);
    assert.equal(views.find((v) => v.id === 'transcriptCoder.review')?.when, 'transcriptCoder.reviewing', 'the review view shows only during a review');
    const welcome = manifest.contributes.viewsWelcome.filter((w) => w.when.includes('transcriptCoder.noCodebook'));
    assert.ok(welcome.length >= 1);
  });

  it('shows agency → dimension → polarity → factor → segment with the same counts as the core summary', async () => {
    const side = await sidebar();
    const summary = await diskSummary();
    const agencies = (await children(side.factors)).filter((node) => node.kind === 'agency');
    assert.deepEqual(
      agencies.map((node) => (node.kind === 'agency' ? node.agency : '')),
      [...summary.agencies.map((a) => a.agency), ...(summary.unassigned.length > 0 ? [''] : [])],
    );
    assert.ok(summary.agencies.length >= 2, 'the example study has two agencies');
    for (const agency of summary.agencies) {
      const agencyNode = side.factors.agencyNode(agency.agency);
      const segments = segmentsOfSummary(summary, agency.agency);
      const informants = new Set(segments.flatMap((s) => (s.informant === null ? [] : [s.informant]))).size;
      const item = await side.factors.getTreeItem(agencyNode);
      assert.equal(label(item), agency.agency);
      assert.equal(item.description, `${segments.length} segments · ${informants} informant${informants === 1 ? '' : 's'}`);
      const dimensions = await children(side.factors, agencyNode);
      assert.deepEqual(dimensions.map((d) => (d.kind === 'dimension' ? d.dimension : d.kind)), agency.dimensions.map((d) => d.dimension));
      for (const dimension of agency.dimensions) {
        const dimensionNode = side.factors.dimensionNode(agency.agency, dimension.dimension);
        const polarities = (await children(side.factors, dimensionNode)).filter((n) => n.kind === 'polarity');
        assert.deepEqual(polarities.map((p) => (p.kind === 'polarity' ? p.polarity : '')), [...new Set(dimension.factors.map((f) => f.polarity))]);
        for (const factor of dimension.factors) {
          const factorNode = side.factors.factorNode(agency.agency, dimension.dimension, factor.polarity, factor.factor);
          const segmentNodes = await children(side.factors, factorNode);
          assert.equal(segmentNodes.length, factor.segments.length, `${agency.agency} / ${dimension.dimension} / ${factor.factor}`);
          const factorItem = await side.factors.getTreeItem(factorNode);
          const sources = [...new Set(factor.segments.flatMap((s) => (s.source === null ? [] : [s.source])))];
          for (const source of sources) assert.ok(String(factorItem.description).includes(source), `triangulation shows ${source}: ${factorItem.description}`);
        }
      }
    }
  });

  it('shows a segment with informant, source type and quote, and opens its transcript at its lines', async () => {
    const side = await sidebar();
    const all = await walkTree(side.factors);
    const segment = all.find((entry) => entry.node.kind === 'segment');
    assert.ok(segment && segment.node.kind === 'segment');
    const data = side.factors.segmentsOf(segment.node)[0];
    assert.ok(data);
    assert.equal(label(segment.item), data.informant ?? data.file.split('/').pop());
    assert.match(String(segment.item.description), /“.+”/u);
    assert.equal(segment.item.command?.command, 'transcriptCoder.revealSegment');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('transcriptCoder.revealSegment', segment.node);
    assert.equal(editor?.document.uri.toString(), studyUri(data.file).toString());
    assert.equal(editor?.selection.start.line, data.lines[0] - 1);
    assert.equal(editor?.selection.end.line, data.lines[1] - 1);
  });

  it('builds ids from meaning, keeps them across refreshes, and answers getParent so reveal works', async () => {
    const side = await sidebar();
    const before = await walkTree(side.factors);
    const ids = before.map((entry) => entry.item.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const entry of before) {
      assert.equal(side.factors.getParent(entry.node), entry.parent, `getParent of ${entry.item.id}`);
      if (entry.parent !== undefined) assert.ok(entry.item.id?.startsWith(`${(await side.factors.getTreeItem(entry.parent)).id}/`), `${entry.item.id} extends its parent's id`);
      if (entry.node.kind === 'agency') assert.equal(entry.item.id, entry.node.agency === '' ? 'unassigned' : `agency/${encodeURIComponent(entry.node.agency)}`);
    }
    await vscode.commands.executeCommand('transcriptCoder.refreshSidebar');
    const after = await walkTree(side.factors);
    assert.deepEqual(after.map((entry) => entry.item.id), ids);
    assert.ok(after.every((entry, index) => entry.node === before[index]?.node), 'the same node objects come back, so VS Code keeps expansion and selection');
    const deepest = after.find((entry) => entry.node.kind === 'segment');
    assert.ok(deepest);
    await side.views.factors.reveal(deepest.node, { select: true, expand: true });
    assert.equal(side.views.factors.selection[0], deepest.node);
  });

  it('refreshes only the agency whose sidecar changed on disk', async () => {
    const side = await sidebar();
    const summary = await diskSummary();
    const segment = segmentsOfSummary(summary, summary.agencies[0]?.agency ?? '')[0];
    assert.ok(segment);
    const agency = summary.agencies[0]?.agency ?? '';
    const path = segment.sidecarPath;
    const original = readDisk(path);
    const fired: Array<FactorNode | undefined> = [];
    const listener = side.factors.onDidChangeTreeData((node) => fired.push(node ?? undefined));
    try {
      // Git or another editor rewrites one code's factor.
      writeDisk(path, original.replace(`factor: ${segment.factor}`, `factor: ${segment.factor} (diubah)`));
      await waitFor(() => side.factors.model.agency(agency) !== undefined && side.factors.segmentsOf(side.factors.agencyNode(agency)).some((s) => s.factor.endsWith('(diubah)')), 'the tree to see the changed factor');
      assert.ok(fired.length > 0);
      assert.ok(fired.every((node) => node === side.factors.agencyNode(agency)), `only the agency node is refreshed, got ${fired.map((n) => n?.id ?? 'the whole tree').join(', ')}`);
    } finally {
      listener.dispose();
      writeDisk(path, original);
      await treeMatchesDisk(side);
    }
  });

  it('renames a factor in every sidecar of the study, and undo restores each byte for byte', async () => {
    const side = await sidebar();
    const before = sidecarBytes();
    const { node, dimension, factor, files } = await mostSharedFactor(side);
    const renamed = `${factor} — direvisi`;
    const applied = await vscode.commands.executeCommand<AppliedChange>('transcriptCoder.renameFactor', node, { name: renamed, confirmed: true });
    assert.ok(applied, 'the rename was applied');
    assert.deepEqual(applied.failed, []);
    assert.deepEqual(applied.files.map((f) => f.path).sort(), files);
    for (const [path, bytes] of sidecarBytes()) {
      const text = bytes.toString('utf8');
      if (files.includes(path)) {
        assert.ok(text.includes(renamed), `${path} has the new name`);
        const stillOld = (await diskStudy()).records.find((r) => r.sidecarPath === path);
        const codes = stillOld?.sidecar.status === 'ok' ? stillOld.sidecar.data.codes : [];
        assert.ok(!codes.some((c) => dimensionPathOf(c.code) === dimension && factorKey(c.factor) === factorKey(factor)), `${path} keeps no code with the old name`);
      } else {
        assert.ok(before.get(path)?.equals(bytes), `${path} is not touched`);
      }
    }
    await waitFor(() => side.factors.segmentsOf(side.factors.agencyNode(node.kind === 'factor' ? node.agency : '')).some((s) => s.factor === renamed), 'the tree to show the new name');
    await vscode.commands.executeCommand('transcriptCoder.undoStudyChange');
    assertSameBytes(before, 'after undo');
    await treeMatchesDisk(side);
  });

  it('renames through the coding session of a transcript that is open, so the editor follows', async () => {
    const side = await sidebar();
    const { node, factor, files } = await mostSharedFactor(side);
    const transcript = (files[0] ?? '').replace(/\.codes\.yaml$/u, '');
    const editor = await openCoded(transcript);
    const { documents } = await api();
    const renamed = `${factor} (sesi)`;
    const applied = await vscode.commands.executeCommand<AppliedChange>('transcriptCoder.renameFactor', node, { name: renamed, confirmed: true });
    assert.ok(applied);
    assert.ok(applied.files.some((file) => file.kind === 'session' && file.path === files[0]), 'the open transcript is changed through its session');
    const session = documents.get(editor.document)?.session;
    assert.ok(session?.codes().some((code) => code.entry.factor === renamed), 'the session has the new name');
    assert.ok(readDisk(files[0] ?? '').includes(renamed), 'and its sidecar on disk');
    await vscode.commands.executeCommand('transcriptCoder.undoStudyChange');
    assert.ok(!session?.codes().some((code) => code.entry.factor === renamed), 'undo goes through the session too');
    assert.ok(!readDisk(files[0] ?? '').includes(renamed));
  });

  it('changes the polarity of a segment and removes one, both undoable', async () => {
    const side = await sidebar();
    const before = sidecarBytes();
    const segmentNode = (await walkTree(side.factors)).find((entry) => entry.node.kind === 'segment' && entry.node.polarity === 'inhibiting')?.node;
    assert.ok(segmentNode && segmentNode.kind === 'segment');
    const { sidecarPath, codeId } = segmentNode;
    await vscode.commands.executeCommand('transcriptCoder.changePolarity', segmentNode, { polarity: 'effort', confirmed: true });
    assert.match(readDisk(sidecarPath), new RegExp(`id: ${codeId}\\n(?:.*\\n)*?\\s+polarity: effort`, 'u'));
    await vscode.commands.executeCommand('transcriptCoder.undoStudyChange');
    assertSameBytes(before, 'after undoing the polarity change');
    await treeMatchesDisk(side);
    const again = side.factors.findSegment(sidecarPath, codeId);
    assert.ok(again);
    await vscode.commands.executeCommand('transcriptCoder.removeSegments', again, { confirmed: true });
    assert.ok(!readDisk(sidecarPath).includes(`id: ${codeId}`), 'the code is removed from its sidecar');
    await vscode.commands.executeCommand('transcriptCoder.undoStudyChange');
    assertSameBytes(before, 'after undoing the removal');
    await treeMatchesDisk(side);
  });

  it('filters by coder and polarity, shows the filters in the description, and keeps them in workspaceState', async () => {
    const side = await sidebar();
    const study = await diskStudy();
    const codes = study.records.flatMap((r) => (r.sidecar.status === 'ok' && r.agency !== undefined ? r.sidecar.data.codes : []));
    assert.ok(new Set(codes.map((c) => c.coder)).size >= 2, 'the example study has two coders');
    const coder = codes.find((c) => c.polarity === 'inhibiting')?.coder ?? '';
    await vscode.commands.executeCommand('transcriptCoder.filterSidebar', { coders: [coder], polarities: ['inhibiting'] });
    assert.deepEqual(side.filters.stored(), { frameworks: [], coders: [coder], sources: [], polarities: ['inhibiting'], attributes: {} });
    const all = await walkTree(side.factors);
    const segments = all.filter((e) => e.node.kind === 'segment').flatMap((e) => side.factors.segmentsOf(e.node));
    assert.ok(segments.length > 0);
    assert.ok(segments.every((s) => s.coder === coder && s.polarity === 'inhibiting'));
    assert.ok(all.filter((e) => e.node.kind === 'polarity').every((e) => e.node.kind === 'polarity' && e.node.polarity === 'inhibiting'));
    const expected = summarize(study, { language: 'en', coders: [coder] }).agencies.flatMap((a) => a.dimensions.flatMap((d) => d.factors.filter((f) => f.polarity === 'inhibiting').flatMap((f) => f.segments)));
    assert.equal(segments.length, expected.length);
    assert.match(side.views.factors.description ?? '', new RegExp(coder, 'u'));
    assert.match(side.views.factors.description ?? '', /Inhibiting/u);
    await vscode.commands.executeCommand('transcriptCoder.clearSidebarFilters');
    assert.deepEqual(side.filters.stored(), { frameworks: [], coders: [], sources: [], polarities: [], attributes: {} });
    assert.equal(side.views.factors.description, undefined);
    await treeMatchesDisk(side);
  });

  it('filters by case attributes — a role and a date range — in the sidebar, the matrix, the co-occurrence table and the findings report; one act clears them', async () => {
    const side = await sidebar();
    const study = await diskStudy();
    const attributes = { role: { values: ['informan KUNCI', 'Informan utama'] }, date: { from: '2023-03-15', to: '2023-03-20' } };
    await vscode.commands.executeCommand('transcriptCoder.filterSidebar', { attributes });
    // Which transcripts pass, read here from the sidecars on disk.
    const passing = study.records.filter((record) => {
      const found = record.sidecar.status === 'ok' ? record.sidecar.data.attributes : {};
      const role = (found['role'] ?? '').toLowerCase();
      const date = found['date'] ?? '';
      return (role === 'informan kunci' || role === 'informan utama') && date >= '2023-03-15' && date <= '2023-03-20';
    });
    assert.ok(passing.length > 0 && passing.length < study.records.length, `some transcripts pass, not all: ${passing.map((r) => r.transcriptPath).join(', ')}`);
    const all = await walkTree(side.factors);
    const shown = new Set(all.filter((e) => e.node.kind === 'segment').flatMap((e) => side.factors.segmentsOf(e.node)).map((segment) => segment.file));
    assert.ok(shown.size > 0);
    for (const file of shown) assert.ok(passing.some((record) => record.transcriptPath === file), `${file} passes the filter`);
    const matrixSegments = (await side.matrix.computeMatrix()).cells.flat().flatMap((cell) => cell.segments);
    assert.ok(matrixSegments.length > 0 && matrixSegments.every((segment) => passing.some((record) => record.transcriptPath === segment.file)), 'the matrix counts only those transcripts');
    // Values are kept sorted, as written.
    assert.match(side.views.factors.description ?? '', /role: Informan utama, informan KUNCI · date: 2023-03-15…2023-03-20/u);
    // The findings report follows the filter, and says so.
    const reportUri = studyUri('findings-filtered.md');
    try {
      const outcome = await vscode.commands.executeCommand<{ transcripts?: number }>('transcriptCoder.exportFindingsMarkdown', reportUri);
      assert.equal(outcome?.transcripts, passing.length);
      const report = readFileSync(reportUri.fsPath, 'utf8');
      for (const record of study.records) {
        const cited = report.includes(record.transcriptPath);
        if (!passing.includes(record)) assert.ok(!cited, `${record.transcriptPath} does not pass, and is not in the report`);
      }
      assert.ok(passing.some((record) => report.includes(record.transcriptPath)));
    } finally {
      rmSync(reportUri.fsPath, { force: true });
    }
    await vscode.commands.executeCommand('transcriptCoder.showCooccurrence', { level: 'dimension', agency: null });
    await side.cooccurrence.whenReady();
    const filteredOwnLines = side.cooccurrence.current()?.units.reduce((sum, unit) => sum + unit.lines, 0) ?? 0;
    await vscode.commands.executeCommand('transcriptCoder.clearSidebarFilters');
    assert.equal(side.views.factors.description, undefined);
    const cleared = await waitFor(() => {
      const lines = side.cooccurrence.current()?.units.reduce((sum, unit) => sum + unit.lines, 0) ?? 0;
      return lines > filteredOwnLines ? lines : undefined;
    }, 'the co-occurrence table counting the whole study again');
    assert.ok(cleared > filteredOwnLines);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await treeMatchesDisk(side);
  });

  it('lists the codebook with colours and counts, and renames a code id in codebook.yaml and every sidecar, undoably', async () => {
    const side = await sidebar();
    const codebookBefore = readFileSync(studyUri('codebook.yaml').fsPath);
    const before = sidecarBytes();
    const frameworks = await children(side.codebook);
    assert.deepEqual(frameworks.map((f) => f.kind === 'framework' && f.path), ['jones']);
    const study = await diskStudy();
    const paths = study.records.flatMap((r) => (r.sidecar.status === 'ok' ? r.sidecar.data.codes.map((c) => c.code) : []));
    // The tree counts what the reports count: codes on their text (an earlier suite may leave one off).
    const pathsOnText = study.records.flatMap((r) => {
      if (r.sidecar.status !== 'ok') return [];
      const placements = placeCodes(r.transcript, r.sidecar.data.codes);
      return r.sidecar.data.codes.filter((_, index) => placements[index]?.onText === true).map((c) => c.code);
    });
    const dimensions = await children(side.codebook, frameworks[0]);
    for (const dimension of dimensions) {
      assert.ok(dimension.kind === 'dimension');
      const item = await side.codebook.getTreeItem(dimension);
      const count = pathsOnText.filter((p) => p === dimension.path || p.startsWith(`${dimension.path}/`)).length;
      assert.equal(item.description, `${count} segment${count === 1 ? '' : 's'}`, dimension.path);
      assert.ok(item.iconPath instanceof vscode.Uri && item.iconPath.scheme === 'data', 'a colour icon');
    }
    const target = paths.find((p) => p.split('/').length === 3);
    assert.ok(target);
    const uses = paths.filter((p) => p === target).length;
    const newId = 'renamed-by-test';
    const renamed = `${target.split('/').slice(0, 2).join('/')}/${newId}`;
    const applied = await vscode.commands.executeCommand<AppliedChange>('transcriptCoder.renameCode', side.codebook.nodeOf(target), { id: newId, confirmed: true });
    assert.ok(applied?.codebook, 'codebook.yaml was changed');
    assert.equal(applied.segments, uses);
    const codebookText = readFileSync(studyUri('codebook.yaml').fsPath, 'utf8');
    assert.ok(parseCodebook(codebookText, 'codebook.yaml').codebook?.frameworks[0]?.dimensions.some((d) => d.indicators.some((i) => i.id === newId)));
    assert.ok(codebookText.startsWith(codebookBefore.toString('utf8').split('\n')[0] ?? ''), 'the comments at the top are kept');
    const after = (await diskStudy()).records.flatMap((r) => (r.sidecar.status === 'ok' ? r.sidecar.data.codes.map((c) => c.code) : []));
    assert.equal(after.filter((p) => p === target).length, 0);
    assert.equal(after.filter((p) => p === renamed).length, uses);
    await vscode.commands.executeCommand('transcriptCoder.undoStudyChange');
    assert.ok(readFileSync(studyUri('codebook.yaml').fsPath).equals(codebookBefore), 'codebook.yaml byte for byte as before');
    assertSameBytes(before, 'after undoing the code rename');
  });

  it('adds, moves, merges and deletes codes in codebook.yaml and the sidecars, each undoable byte for byte', async () => {
    const side = await sidebar();
    const codebookUri = studyUri('codebook.yaml');
    const codebookBefore = readFileSync(codebookUri.fsPath);
    const before = sidecarBytes();
    const codesOnDisk = async () => (await diskStudy()).records.flatMap((r) => (r.sidecar.status === 'ok' ? r.sidecar.data.codes.map((c) => c.code) : []));
    const undoAndCheck = async (what: string) => {
      await vscode.commands.executeCommand('transcriptCoder.undoStudyChange');
      assert.ok(readFileSync(codebookUri.fsPath).equals(codebookBefore), `${what}: codebook.yaml as before`);
      assertSameBytes(before, what);
      await waitFor(() => side.scope.current()?.codebook !== undefined && JSON.stringify(side.scope.current()?.codebook) === JSON.stringify(parseCodebook(codebookBefore.toString('utf8'), 'codebook.yaml').codebook), 'the index to read the codebook back');
    };

    // Add an indicator: the codebook only.
    await vscode.commands.executeCommand('transcriptCoder.addCode', side.codebook.nodeOf('jones/application'), { label: 'Sistem insentif', id: 'incentives' });
    assert.ok(parseCodebook(readFileSync(codebookUri.fsPath, 'utf8'), 'codebook.yaml').codebook?.frameworks[0]?.dimensions.find((d) => d.id === 'application')?.indicators.some((i) => i.id === 'incentives' && JSON.stringify(i.label) === '{"en":"Sistem insentif"}'));
    assertSameBytes(before, 'adding a code leaves the sidecars alone');
    await waitFor(async () => (await children(side.codebook, side.codebook.nodeOf('jones/application'))).some((n) => n.kind === 'indicator' && n.path === 'jones/application/incentives'), 'the new indicator in the tree');
    await undoAndCheck('after undoing the add');

    // Merge one used indicator into another of the same dimension.
    const used = (await codesOnDisk()).filter((p) => p.split('/').length === 3);
    const from = used[0] ?? '';
    const codebook = side.scope.current()?.codebook;
    const dimension = codebook?.frameworks[0]?.dimensions.find((d) => from.startsWith(`jones/${d.id}/`));
    const into = `jones/${dimension?.id}/${dimension?.indicators.find((i) => `jones/${dimension.id}/${i.id}` !== from)?.id}`;
    const fromCount = used.filter((p) => p === from).length;
    const intoCount = used.filter((p) => p === into).length;
    const merged = await vscode.commands.executeCommand<AppliedChange>('transcriptCoder.mergeCode', side.codebook.nodeOf(from), { into, confirmed: true });
    assert.equal(merged?.segments, fromCount);
    const afterMerge = await codesOnDisk();
    assert.equal(afterMerge.filter((p) => p === from).length, 0);
    assert.equal(afterMerge.filter((p) => p === into).length, fromCount + intoCount);
    assert.ok(!readFileSync(codebookUri.fsPath, 'utf8').includes(`id: ${from.split('/')[2]}\n`), 'the merged indicator left the codebook');
    await undoAndCheck('after undoing the merge');

    // Move an indicator to another dimension: its segments' paths follow.
    const otherDimension = codebook?.frameworks[0]?.dimensions.find((d) => d.id !== dimension?.id && !d.indicators.some((i) => i.id === from.split('/')[2]));
    assert.ok(otherDimension);
    const moved = `jones/${otherDimension.id}/${from.split('/')[2]}`;
    await vscode.commands.executeCommand('transcriptCoder.moveCode', side.codebook.nodeOf(from), { to: `jones/${otherDimension.id}`, confirmed: true });
    assert.equal((await codesOnDisk()).filter((p) => p === moved).length, fromCount);
    await undoAndCheck('after undoing the move');

    // Delete a used indicator: its segments go too, and come back with undo.
    const beforeDelete = await codesOnDisk();
    await vscode.commands.executeCommand('transcriptCoder.deleteCode', side.codebook.nodeOf(from), { confirmed: true });
    const afterDelete = await codesOnDisk();
    assert.equal(afterDelete.filter((p) => p === from).length, 0);
    assert.equal(afterDelete.length, beforeDelete.length - fromCount, 'only its segments are removed');
    await undoAndCheck('after undoing the delete');
  });

  it('codes the selected lines with a code of the Codebook view', async () => {
    const side = await sidebar();
    const transcript = 'transcripts/diskominfo/kadis-kominfo.txt';
    const editor = await openCoded(transcript);
    const sidecar = `${transcript}.codes.yaml`;
    const original = readDisk(sidecar);
    try {
      editor.selection = new vscode.Selection(2, 0, 2, 5);
      const ids = await vscode.commands.executeCommand<string[]>('transcriptCoder.codeSelectionWith', side.codebook.nodeOf('jones/organization/coordination'), { polarity: 'effort', factor: 'Dari pohon kode' });
      assert.equal(ids?.length, 1);
      assert.match(readDisk(sidecar), new RegExp(`id: ${ids?.[0]}\\n\\s+lines: \\[3, 3\\]\\n\\s+code: jones/organization/coordination\\n\\s+polarity: effort\\n\\s+factor: Dari pohon kode`, 'u'));
    } finally {
      await closeAll();
      writeDisk(sidecar, original);
      await treeMatchesDisk(side);
    }
  });

  it('shows each transcript with its coding progress and coders, and marks a broken sidecar', async () => {
    const side = await sidebar();
    const study = await diskStudy();
    const record = study.records.find((r) => r.sidecar.status === 'ok' && r.agency !== undefined);
    assert.ok(record && record.sidecar.status === 'ok' && record.agency !== undefined);
    const progress = await side.transcripts.progressOf(record.transcriptPath);
    const text = readFileSync(studyUri(record.transcriptPath).fsPath, 'utf8').replace(/^\ufeff/u, '').replace(/\r\n/gu, '\n');
    const { transcript } = parseTranscript(text, record.transcriptPath);
    // The informants' turns: the interviewer's questions are not data to code.
    const turns = transcript.lines
      .filter((line) => line.kind === 'turn' && line.body.end > line.body.start && !isInterviewer(line.speaker?.name ?? ''))
      .map((line) => line.number);
    assert.ok(turns.length > 0 && turns.length < transcript.lines.filter((line) => line.kind === 'turn').length, 'the interview has informant and interviewer turns');
    const covered = new Set<number>();
    for (const result of reanchor(lineBodies(transcript), record.sidecar.data.codes)) {
      if (result.status !== 'orphan') for (let line = result.lines[0]; line <= result.lines[1]; line++) covered.add(line);
    }
    assert.equal(progress?.units, turns.length);
    assert.equal(progress?.coded, turns.filter((line) => covered.has(line)).length);
    const agencies = await children(side.transcripts);
    const agencyNode = agencies.find((node) => node.kind === 'agency' && node.agency === record.agency);
    assert.ok(agencyNode);
    const items = await Promise.all((await children(side.transcripts, agencyNode)).map((node) => side.transcripts.getTreeItem(node)));
    const item = items.find((i) => label(i) === record.transcriptPath.split('/').pop());
    assert.ok(item);
    const share = Math.round((100 * (progress?.coded ?? 0)) / (progress?.units ?? 1));
    assert.match(String(item.description), new RegExp(`^${share}% coded`, 'u'));
    for (const coder of progress?.coders ?? []) assert.ok(String(item.description).includes(coder));

    // A merge left conflict markers in the sidecar: the transcript is marked, the Factors tree lists it, nothing is lost.
    const original = readDisk(record.sidecarPath);
    try {
      writeDisk(record.sidecarPath, `<<<<<<< HEAD\n${original}=======\n${original}>>>>>>> theirs\n`);
      await waitFor(async () => {
        const node = (await children(side.transcripts, side.transcripts.agencyNode(record.agency ?? ''))).find((n) => n.kind === 'transcript' && n.transcriptPath === record.transcriptPath);
        return node !== undefined && (await side.transcripts.getTreeItem(node)).contextValue === 'tc.transcript.warning';
      }, 'the transcript to be marked');
      const roots = await children(side.factors);
      assert.equal(roots[0]?.kind, 'problems', 'the Factors tree lists sidecars that cannot be read first');
      const problems = await children(side.factors, roots[0]);
      assert.ok(problems.some((p) => p.kind === 'problem' && p.sidecarPath === record.sidecarPath));
      assert.ok(roots.filter((r) => r.kind === 'agency').length >= 2, 'every other agency is still shown');
    } finally {
      writeDisk(record.sidecarPath, original);
      await treeMatchesDisk(side);
    }
  });

  it('keeps an analytic memo per agency × dimension in memos.yaml, shown under its dimension', async () => {
    const side = await sidebar();
    const summary = await diskSummary();
    const agency = summary.agencies[0];
    const dimension = agency?.dimensions[0]?.dimension;
    assert.ok(agency && dimension);
    const node = side.factors.dimensionNode(agency.agency, dimension);
    try {
      await vscode.commands.executeCommand('transcriptCoder.editAnalyticMemo', node, { text: 'Kekurangan tenaga TI disebut semua informan.\nLihat juga *anggaran*.' });
      const memos = readFileSync(studyUri('memos.yaml').fsPath, 'utf8');
      assert.match(memos, /version: 1/u);
      assert.ok(memos.includes(`agency: ${agency.agency}`) && memos.includes(`dimension: ${dimension}`));
      assert.ok(memos.includes('Kekurangan tenaga TI disebut semua informan.'));
      const memoNode = await waitFor(async () => (await children(side.factors, node)).find((n) => n.kind === 'memo'), 'the memo under its dimension');
      const memoItem = await side.factors.getTreeItem(memoNode);
      assert.equal(label(memoItem), 'Kekurangan tenaga TI disebut semua informan.');
      assert.ok(tooltipText(memoItem).includes('\\*anggaran\\*'), 'memo text is escaped in the tooltip');

      // The small editor document: edit and save, and memos.yaml follows.
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('transcriptCoder.editAnalyticMemo', node);
      assert.equal(editor?.document.uri.scheme, 'transcript-coder-memo');
      assert.ok(editor?.document.getText().startsWith('Kekurangan tenaga TI'));
      await editor?.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Temuan utama: '));
      assert.ok(await editor?.document.save(), 'the memo document saves');
      const saved = readFileSync(studyUri('memos.yaml').fsPath, 'utf8');
      assert.ok(saved.includes('Temuan utama: Kekurangan tenaga TI'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');

      // Changed by someone else (a pull): the tree follows the file.
      writeFileSync(studyUri('memos.yaml').fsPath, saved.replace('Temuan utama:', 'Temuan dari rekan:'));
      await waitFor(async () => {
        const memo = (await children(side.factors, node)).find((n) => n.kind === 'memo');
        return memo !== undefined && label(await side.factors.getTreeItem(memo)).startsWith('Temuan dari rekan:');
      }, 'the memo changed on disk');

      // Blank text removes the memo.
      await vscode.commands.executeCommand('transcriptCoder.editAnalyticMemo', node, { text: '' });
      assert.ok(!readFileSync(studyUri('memos.yaml').fsPath, 'utf8').includes('Temuan'), 'the memo left memos.yaml');
      assert.ok(!(await children(side.factors, node)).some((n) => n.kind === 'memo'), 'and the tree');
    } finally {
      rmSync(studyUri('memos.yaml').fsPath, { force: true });
      await vscode.commands.executeCommand('transcriptCoder.refreshSidebar');
    }
  });

  it('opens the study matrix in a webview with a strict Content Security Policy and exports it as SVG and PNG', async () => {
    const side = await sidebar();
    await vscode.commands.executeCommand('transcriptCoder.showMatrix');
    assertStrictPage(side.matrix.currentHtml());
    await side.matrix.whenReady();
    const matrix = await side.matrix.computeMatrix();
    const summary = await diskSummary();
    assert.deepEqual(matrix.agencies, summary.agencies.map((a) => a.agency));

    const svgUri = studyUri('matrix-test.svg');
    const pngUri = studyUri('matrix-test.png');
    try {
      await vscode.commands.executeCommand('transcriptCoder.exportMatrixSvg', svgUri);
      const svg = readFileSync(svgUri.fsPath, 'utf8');
      assert.match(svg, /^<svg /u);
      for (const agency of matrix.agencies) assert.ok(svg.includes(agency.replace(/&/gu, '&amp;')) || svg.includes(agency.slice(0, 20)), agency);
      await vscode.commands.executeCommand('transcriptCoder.exportMatrixPng', pngUri);
      const png = readFileSync(pngUri.fsPath);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG drawn by the webview');
      assert.ok(png.length > 2000, 'with something on it');
    } finally {
      rmSync(svgUri.fsPath, { force: true });
      rmSync(pngUri.fsPath, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('opens the co-occurrence table in a webview: lines coded with both dimensions, per agency, by indicator; a cell lists its overlapping segments', async () => {
    const side = await sidebar();
    await vscode.commands.executeCommand('transcriptCoder.showCooccurrence', { level: 'dimension', agency: null });
    assertStrictPage(side.cooccurrence.currentHtml());
    await side.cooccurrence.whenReady();
    const view = side.cooccurrence.current();
    assert.ok(view);
    const summary = await diskSummary();
    const dimensions = view.units.map((unit) => unit.dimension);
    assert.ok(view.maxLines > 0, 'the example study has dimensions coded on the same lines');
    for (let i = 0; i < dimensions.length; i += 1) {
      for (let j = 0; j < dimensions.length; j += 1) {
        if (i === j) continue;
        assert.equal(view.cells[i]?.[j], linesCodedWithBoth(summary, dimensions[i] ?? '', dimensions[j] ?? ''), `${dimensions[i]} × ${dimensions[j]}`);
      }
    }
    // The fullest cell lists pairs of segments, one of each dimension, whose lines overlap.
    const [row, column] = view.cells.flatMap((cells, i) => cells.map((lines, j) => ({ i, j, lines }))).filter(({ i, j }) => i !== j).sort((a, b) => b.lines - a.lines).map(({ i, j }) => [i, j])[0] ?? [0, 1];
    const overlaps = side.cooccurrence.overlapsOf(row ?? 0, column ?? 1);
    assert.equal(overlaps.length, view.overlaps[row ?? 0]?.[column ?? 1]);
    for (const { first, second } of overlaps) {
      assert.equal(dimensionPathOf(first.code), dimensions[row ?? 0]);
      assert.equal(dimensionPathOf(second.code), dimensions[column ?? 1]);
      assert.equal(first.file, second.file);
      assert.ok(first.lines[0] <= second.lines[1] && second.lines[0] <= first.lines[1], 'their lines overlap');
      assert.ok(first.text.length > 0 && second.text.length > 0, 'each with its whole text');
    }
    // One agency's table counts only its transcripts; the indicator level splits dimensions.
    const agency = summary.agencies[0]?.agency ?? '';
    const posted = new Promise<void>((resolve) => {
      const listener = side.cooccurrence.onDidPost(() => {
        listener.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('transcriptCoder.showCooccurrence', { level: 'indicator', agency });
    await posted;
    const byIndicator = side.cooccurrence.current();
    assert.equal(byIndicator?.agency, agency);
    assert.equal(byIndicator?.level, 'indicator');
    const ownLines = (dimension: string) => new Set(summary.agencies.find((a) => a.agency === agency)?.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)).filter((segment) => dimensionPathOf(segment.code) === dimension).flatMap((segment) => Array.from({ length: segment.lines[1] - segment.lines[0] + 1 }, (_, k) => `${segment.file}:${segment.lines[0] + k}`))).size;
    for (const [index, unit] of (byIndicator?.units ?? []).entries()) {
      assert.ok((byIndicator?.cells[index]?.[index] ?? Infinity) <= ownLines(unit.dimension), `${unit.label}: an indicator's lines are within its dimension's`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('leaves a code whose text is gone out of the sidebar and the matrix, and flags it in the matrix cell with its reason', async () => {
    const side = await sidebar();
    const study = await diskStudy();
    // A code on its text, in a transcript with an agency: its line is blanked outside the editor (git pull, another tool).
    const record = study.records.find((r) => r.agency !== undefined && r.transcript !== undefined && r.sidecar.status === 'ok' && r.sidecar.data.codes.length > 0);
    assert.ok(record?.transcript !== undefined && record.sidecar.status === 'ok' && record.agency !== undefined);
    const target = record.sidecar.data.codes[0];
    assert.ok(target !== undefined);
    const agency = record.agency;
    const transcriptBefore = readDisk(record.transcriptPath);
    const cited = () => side.factors.model.agency(agency)?.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)).some((s) => s.sidecarPath === record.sidecarPath && s.id === target.id);
    await waitFor(() => cited() === true, 'the code is in the sidebar while it is on its text');
    const countBefore = side.factors.model.agencyCounts(agency).segments;
    const lines = transcriptBefore.split('\n');
    for (let line = target.lines[0]; line <= target.lines[1]; line++) lines[line - 1] = '';
    try {
      writeDisk(record.transcriptPath, lines.join('\n'));
      await waitFor(() => cited() === false, 'the sidebar drops the code once its text is gone', 15_000);
      assert.ok(side.factors.model.agencyCounts(agency).segments < countBefore, 'the agency counts one segment less');
      const leftOut = side.factors.model.summary().leftOut.find((item) => item.segment.id === target.id && item.segment.sidecarPath === record.sidecarPath);
      assert.ok(leftOut, 'the sidebar model lists it as left out');
      await vscode.commands.executeCommand('transcriptCoder.showMatrix');
      await side.matrix.whenReady();
      const matrix = await side.matrix.computeMatrix();
      const row = matrix.agencies.indexOf(agency);
      const column = matrix.dimensions.findIndex((d) => d.path === dimensionPathOf(target.code));
      const cell = matrix.cells[row]?.[column];
      assert.ok(cell !== undefined, 'the cell of its agency and dimension');
      assert.ok(!cell.segments.some((s) => s.id === target.id && s.sidecarPath === record.sidecarPath), 'not counted in the cell');
      assert.ok(cell.leftOut.some((item) => item.segment.id === target.id), 'flagged in the cell');
      assert.ok(matrix.leftOutCodes >= 1);
      // The cell's segments show the whole coded text of their lines, read from the transcript.
      for (const segment of cell.segments) {
        const bodies = lineBodies(parseTranscript(readDisk(segment.file), segment.file).transcript);
        assert.equal(segment.text, bodies.slice(segment.lines[0] - 1, segment.lines[1]).map((b) => b.trim()).join('\n').trim());
      }
    } finally {
      writeDisk(record.transcriptPath, transcriptBefore);
      await waitFor(() => cited() === true, 'the code is back once its text is back', 15_000);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('exports the findings report and the tables through the export registry, saying what was left out', async () => {
    const side = await sidebar();
    const md = studyUri('findings-test.md');
    const csv = studyUri('segments-test.csv');
    const matrixCsv = studyUri('matrix-test.csv');
    const broken = (await diskStudy()).records.find((r) => r.sidecar.status === 'ok');
    assert.ok(broken);
    const original = readDisk(broken.sidecarPath);
    try {
      const report = await vscode.commands.executeCommand<{ problems: Array<{ file: string }> }>('transcriptCoder.exportFindingsMarkdown', md);
      const text = readFileSync(md.fsPath, 'utf8');
      for (const agency of (await diskSummary()).agencies) assert.ok(text.includes(agency.agency), agency.agency);
      assert.ok(report);
      await vscode.commands.executeCommand('transcriptCoder.exportSegmentsCsv', csv);
      const rows = readFileSync(csv.fsPath, 'utf8').trim().split(/\r?\n/u);
      assert.match(rows[0] ?? '', /agency/u);
      await vscode.commands.executeCommand('transcriptCoder.exportMatrixCsv', matrixCsv);
      assert.ok(existsSync(matrixCsv.fsPath));

      writeDisk(broken.sidecarPath, 'version: 1\ncodes: [oops\n');
      await waitFor(() => side.scope.current()?.record(broken.sidecarPath)?.sidecar.status === 'broken', 'the index to see the broken sidecar');
      const withBroken = await vscode.commands.executeCommand<{ problems: Array<{ file: string; message: string }> }>('transcriptCoder.exportFindingsMarkdown', md);
      assert.ok(withBroken?.problems.some((p) => p.file === broken.sidecarPath && /left out/u.test(p.message)), JSON.stringify(withBroken?.problems));
    } finally {
      writeDisk(broken.sidecarPath, original);
      for (const uri of [md, csv, matrixCsv]) rmSync(uri.fsPath, { force: true });
      await treeMatchesDisk(side);
    }
  });

  it('starts a study from the built-in templates and copies the example study', async () => {
    const folder = studyUri('studi-baru');
    // Outside the workspace folder, so the study index does not pick the copy up.
    const example = vscode.Uri.joinPath(studyUri(''), '..', 'sidebar-example-copy');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.startStudy', { frameworks: ['jones', 'edward3'], folder });
      assert.equal(written?.toString(), vscode.Uri.joinPath(folder, 'codebook.yaml').toString());
      assert.equal(readFileSync(join(folder.fsPath, 'codebook.yaml'), 'utf8'), codebookYamlFromTemplates(['jones', 'edward3']));
      const again = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.startStudy', { frameworks: ['jones'], folder });
      assert.equal(again, undefined, 'an existing codebook is never overwritten');
      const copied = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.openExampleStudy', example);
      assert.ok(copied && existsSync(join(copied.fsPath, 'codebook.yaml')));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(folder.fsPath, { recursive: true, force: true });
      rmSync(example.fsPath, { recursive: true, force: true });
    }
  });
});
