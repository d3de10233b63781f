// Importing into a workspace that is not on this machine's disk (a remote, github.dev, a
// browser: issue 15): the import writer goes through workspace.fs
// (src/extension/imports-in-workspace.ts), and a project's sources beside a .qde are read
// through it too. An in-memory file system of this test's own plays the remote; what the
// import leaves there is read back from it, temporary folders included.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import { exportFormat } from '../../../src/core/exports/formats';
import { parseSidecar } from '../../../src/core/sidecar';
import { loadStudy } from '../../../src/core/study/study';
import { openZip } from '../../../src/core/zip';
import { createFsStudyReader } from '../../../src/node/fs-study-reader';
import { closeAll, EXTENSION_ID, studyUri, writeDisk } from './helpers';

const SCHEME = 'tcmem';
const TEAMS_VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Pewawancara>Bagaimana kondisi jaringan?</v>

00:00:04.500 --> 00:00:09.000
<v Kepala Seksi>Jaringan di kecamatan sering putus.</v>
`;

/** Files and folders in memory, by path; enough of a FileSystemProvider for an import. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  readonly folders = new Set<string>(['/']);
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const bytes = this.files.get(uri.path);
    if (bytes !== undefined) return { type: vscode.FileType.File, ctime: 1, mtime: 1, size: bytes.length };
    if (this.folders.has(uri.path)) return { type: vscode.FileType.Directory, ctime: 1, mtime: 1, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(uri: vscode.Uri): Array<[string, vscode.FileType]> {
    this.stat(uri);
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    const children = new Map<string, vscode.FileType>();
    for (const path of this.files.keys()) if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) children.set(path.slice(prefix.length), vscode.FileType.File);
    for (const path of this.folders) if (path.startsWith(prefix) && path !== uri.path && !path.slice(prefix.length).includes('/')) children.set(path.slice(prefix.length), vscode.FileType.Directory);
    return [...children];
  }
  createDirectory(uri: vscode.Uri): void {
    this.folders.add(uri.path);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const bytes = this.files.get(uri.path);
    if (bytes === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.folders.add(uri.path.slice(0, uri.path.lastIndexOf('/')) || '/');
    this.files.set(uri.path, content);
  }
  delete(uri: vscode.Uri): void {
    for (const path of [...this.files.keys()]) if (path === uri.path || path.startsWith(`${uri.path}/`)) this.files.delete(path);
    for (const path of [...this.folders]) if (path === uri.path || path.startsWith(`${uri.path}/`)) this.folders.delete(path);
  }
  rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): void {
    if (!options.overwrite && (this.files.has(to.path) || this.folders.has(to.path))) throw vscode.FileSystemError.FileExists(to);
    for (const [path, bytes] of [...this.files]) {
      if (path !== from.path && !path.startsWith(`${from.path}/`)) continue;
      this.files.delete(path);
      this.files.set(to.path + path.slice(from.path.length), bytes);
    }
    for (const path of [...this.folders]) {
      if (path !== from.path && !path.startsWith(`${from.path}/`)) continue;
      this.folders.delete(path);
      this.folders.add(to.path + path.slice(from.path.length));
    }
  }
  /** Every path under `folder`, files and folders, sorted. */
  under(folder: string): string[] {
    return [...this.files.keys(), ...this.folders].filter((path) => path.startsWith(`${folder}/`)).map((path) => path.slice(folder.length + 1)).sort();
  }
  /** The hidden `.NAME.RANDOM.tmp` folders an import stages its files in, wherever they are. */
  temporaries(): string[] {
    return [...this.files.keys(), ...this.folders].filter((path) => /\/\.[^/]+\.tmp(\/|$)/u.test(path));
  }
  text(path: string): string {
    return new TextDecoder().decode(this.files.get(path));
  }
}

const memory = (path: string) => vscode.Uri.from({ scheme: SCHEME, path });

describe('importing into a workspace that is not on this disk (workspace.fs)', function () {
  this.timeout(60_000);
  const fileSystem = new MemoryFileSystem();
  let registration: vscode.Disposable;

  before(() => {
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, fileSystem);
  });
  after(() => registration.dispose());
  afterEach(closeAll);

  it('imports a transcript into a folder there, leaves no temporary file, and refuses the same name again', async () => {
    writeDisk('incoming-mem.vtt', TEAMS_VTT);
    fileSystem.createDirectory(memory('/study'));
    const attributes = { agency: 'Diskominfo', informant: 'Kepala Seksi' };
    const created = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importTranscript', studyUri('incoming-mem.vtt'), memory('/study'), attributes);
    assert.equal(created?.toString(), memory('/study/incoming-mem.txt').toString());
    assert.deepEqual(fileSystem.under('/study'), ['incoming-mem.txt', 'incoming-mem.txt.codes.yaml']);
    assert.match(fileSystem.text('/study/incoming-mem.txt'), /Kepala Seksi: Jaringan di kecamatan sering putus\./u);
    const sidecar = parseSidecar(fileSystem.text('/study/incoming-mem.txt.codes.yaml'), 'x.codes.yaml');
    assert.equal(sidecar.status === 'ok' && sidecar.data.attributes['informant'], 'Kepala Seksi');
    const before = fileSystem.text('/study/incoming-mem.txt');
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('transcriptCoder.importTranscript', studyUri('incoming-mem.vtt'), memory('/study'), attributes);
    assert.equal(again, undefined, 'a second import of the same name is refused');
    assert.equal(fileSystem.text('/study/incoming-mem.txt'), before);
    assert.deepEqual(fileSystem.under('/study'), ['incoming-mem.txt', 'incoming-mem.txt.codes.yaml'], 'nothing was left behind');
    assert.deepEqual(fileSystem.temporaries(), []);
  });

  it('imports a .qdpx project into a new folder there, and a bare .qde whose sources lie beside it', async () => {
    const study = await loadStudy(createFsStudyReader(studyUri('').fsPath), { transcripts: 'all' });
    const rendered = exportFormat('qdpx')?.render({ study, name: 'example', language: 'en' });
    assert.ok(rendered?.bytes);
    fileSystem.writeFile(memory('/incoming/example.qdpx'), rendered.bytes);
    const folder = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importProject', memory('/incoming/example.qdpx'), memory('/from-qdpx'));
    assert.equal(folder?.toString(), memory('/from-qdpx').toString());
    const sidecars = fileSystem.under('/from-qdpx').filter((path) => path.endsWith('.codes.yaml'));
    assert.equal(sidecars.length, study.records.length, sidecars.join(', '));
    assert.ok(fileSystem.under('/from-qdpx').includes('codebook.yaml'));
    assert.deepEqual(fileSystem.temporaries(), [], 'no temporary folder or file left anywhere');

    // The same project unpacked: project.qde naming its sources relative://, beside it (as
    // a tool writes a project outside an archive), read through workspace.fs.
    const archive = openZip(rendered.bytes, 'example.qdpx');
    for (const entry of archive.entries) {
      const bytes = archive.read(entry);
      if (entry.name === 'project.qde') {
        const relative = new TextDecoder().decode(bytes).replaceAll('internal://', 'relative://');
        fileSystem.writeFile(memory('/unpacked/project.qde'), new TextEncoder().encode(relative));
      } else fileSystem.writeFile(memory(`/unpacked/${entry.name.replace(/^sources\//u, '')}`), bytes);
    }
    const fromQde = await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importProject', memory('/unpacked/project.qde'), memory('/from-qde'));
    assert.ok(fromQde);
    const transcripts = fileSystem.under('/from-qde').filter((path) => path.endsWith('.txt') || path.endsWith('.md'));
    assert.equal(transcripts.length, study.records.length, `every source was read beside the .qde: ${fileSystem.under('/from-qde').join(', ')}`);
    for (const path of transcripts) assert.ok(fileSystem.text(`/from-qde/${path}`).length > 0, path);
  });

  it('imports NVivo and QualCoder projects there as the same files, byte for byte, as onto this disk', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    for (const fixture of ['nvivo-win-12.6-oltas.qdpx', 'qc-1.3.2-demo.qdpx', 'nvivo-mac-15.0.0.qdpx']) {
      const project = vscode.Uri.file(join(extensionPath, 'test', 'fixtures', 'refi-qda-world', fixture));
      const onDisk = join(studyUri('').fsPath, '..', `world-${fixture}-${Date.now()}`);
      assert.ok(await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importProject', project, vscode.Uri.file(onDisk)), fixture);
      assert.ok(await vscode.commands.executeCommand<vscode.Uri>('transcriptCoder.importProject', project, memory(`/world/${fixture}`)), fixture);
      const diskFiles = (readdirSync(onDisk, { recursive: true }) as string[]).filter((path) => statSync(join(onDisk, path)).isFile()).map((path) => path.split(sep).join('/')).sort();
      const memoryFiles = fileSystem.under(`/world/${fixture}`).filter((path) => fileSystem.files.has(`/world/${fixture}/${path}`));
      assert.deepEqual(memoryFiles, diskFiles, fixture);
      assert.ok(diskFiles.some((path) => path.endsWith('.codes.yaml')), `${fixture} brought transcripts in`);
      for (const path of diskFiles) assert.ok(Buffer.from(fileSystem.files.get(`/world/${fixture}/${path}`) ?? []).equals(readFileSync(join(onDisk, path))), `${fixture}: ${path}`);
    }
    assert.deepEqual(fileSystem.temporaries(), []);
  });

  it('refuses a folder there that is not empty, and writes nothing', async () => {
    fileSystem.writeFile(memory('/occupied/mine.txt'), new TextEncoder().encode('keep me'));
    const study = await loadStudy(createFsStudyReader(studyUri('').fsPath), { transcripts: 'all' });
    const rendered = exportFormat('qdpx')?.render({ study, name: 'example', language: 'en' });
    assert.ok(rendered?.bytes);
    fileSystem.writeFile(memory('/incoming/again.qdpx'), rendered.bytes);
    const folder = await vscode.commands.executeCommand<vscode.Uri | undefined>('transcriptCoder.importProject', memory('/incoming/again.qdpx'), memory('/occupied'));
    assert.equal(folder, undefined);
    assert.deepEqual(fileSystem.under('/occupied'), ['mine.txt']);
    assert.equal(fileSystem.text('/occupied/mine.txt'), 'keep me');
  });
});
