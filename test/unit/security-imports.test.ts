/**
 * Imports that try to write where they should not, or to exhaust the reader (issue 7),
 * beyond refi-hostile.test.ts (zip-slip, XXE, entity expansion, zip bombs, encrypted and
 * damaged archives): deeply nested folders and elements, archives inside archives, an
 * archive of too many entries at the default limit, and names that would make a file
 * and a folder of one path. Each import either writes the whole study or refuses with a
 * reason and writes nothing; a kill half-way is reliability-crash.test.ts.
 */
import { strict as assert } from 'node:assert';
import { readdir, stat } from 'node:fs/promises';
import { importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { makeZip } from './helpers/refi-qda';
import { TempStudy } from './helpers/temp-study';

const CODEBOOK_XML = '<CodeBook><Codes><Code guid="0a1b2c3d-0000-4000-8000-000000000001" name="Kode" isCodable="true"/></Codes></CodeBook>';
const source = (n: number, name: string, body = '<PlainTextContent>Kepala: teks wawancara.</PlainTextContent>'): string =>
  `<TextSource guid="0a1b2c3d-0000-4000-8000-${String(n).padStart(12, '0')}" name="${name}">${body}</TextSource>`;
const project = (sources: string[]): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p">${CODEBOOK_XML}<Sources>${sources.join('')}</Sources></Project>\n`;

/** Every file under `root`, relative. */
async function tree(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(`${folder}/${entry.name}`, `${prefix}${entry.name}/`);
      else out.push(`${prefix}${entry.name}`);
    }
  };
  await walk(root, '');
  return out.sort();
}

async function importInto(archive: Uint8Array): Promise<{ code: number; stderr: string; files: string[]; left: string[] }> {
  const study = await TempStudy.create({ 'p.qdpx': archive });
  try {
    const result = await study.cli('import', 'p.qdpx', '-o', 'out');
    const exists = await stat(study.path('out')).then(() => true, () => false);
    return { code: result.code, stderr: result.stderr, files: exists ? await tree(study.path('out')) : [], left: (await readdir(study.root)).sort() };
  } finally {
    await study.dispose();
  }
}

describe('security: imports that nest, collide or exhaust', function () {
  this.timeout(60_000);

  it('a source named a thousand folders deep is imported at most eight folders deep, in a path every file system takes', async () => {
    const deep = `${'a/'.repeat(1000)}x.txt`;
    const long = `${`${'b'.repeat(120)}/`.repeat(40)}y.txt`;
    const result = await importInto(makeZip({ 'project.qde': project([source(2, deep), source(3, long)]) }));
    assert.equal(result.code, 0, result.stderr);
    for (const file of result.files) {
      assert.ok(file.split('/').length <= 9, `${file} is nested too deep`);
      assert.ok(file.length <= 120 + 1 + 120 + '.codes.yaml'.length, `${file} is too long`);
    }
    assert.equal(result.files.filter((file) => file.endsWith('.txt')).length, 2);
  });

  it('sources named like a file and a folder of the same path both arrive, neither overwriting the other', async () => {
    const result = await importInto(makeZip({ 'project.qde': project([source(2, 'a.txt'), source(3, 'a.txt/b.txt'), source(4, 'c.txt.codes.yaml/d.txt'), source(5, 'c.txt')]) }));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      result.files,
      // The folder came first, so the file whose sidecar would be named like it is renamed.
      ['a.txt', 'a.txt.codes.yaml', 'a.txt_/b.txt', 'a.txt_/b.txt.codes.yaml', 'c (2).txt', 'c (2).txt.codes.yaml', 'c.txt.codes.yaml/d.txt', 'c.txt.codes.yaml/d.txt.codes.yaml', 'codebook.yaml'].sort(),
    );
  });

  it('refuses elements nested deeper than the XML reader allows, in a project and in a Word transcript, writing nothing', async () => {
    const nested = `${'<Note>'.repeat(300)}${'</Note>'.repeat(300)}`;
    const result = await importInto(makeZip({ 'project.qde': project([]).replace('</Project>', `${nested}</Project>`) }));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /project\.qde:\d+:\d+: elements nest more than 256 levels deep; nothing was written/u);
    assert.deepEqual(result.left, ['p.qdpx']);

    const study = await TempStudy.create({ 'deep.docx': makeZip({ 'word/document.xml': `<w:document xmlns:w="w"><w:body>${'<w:p>'.repeat(5000)}${'</w:p>'.repeat(5000)}</w:body></w:document>` }) });
    try {
      const docx = await study.cli('import', 'deep.docx', '-o', 'out');
      assert.equal(docx.code, 1);
      assert.match(docx.stderr, /nest more than 256 levels deep; nothing was written/u);
      assert.deepEqual((await readdir(study.root)).sort(), ['deep.docx']);
    } finally {
      await study.dispose();
    }
  });

  it('does not open an archive inside the archive: a zip posing as a source text is left out as binary', async () => {
    const inner = makeZip({ 'project.qde': project([source(9, 'inner.txt')]), '../../escaped.txt': 'x' });
    const result = importQdpx(
      makeZip({ 'project.qde': project([source(2, 'luar.txt'), source(3, 'dalam.txt', '')]).replace('name="dalam.txt">', 'name="dalam.txt" plainTextPath="internal://dalam.txt">'), 'sources/dalam.txt': inner }),
      'p.qdpx',
    );
    assert.deepEqual(result.files.map((file) => file.path).sort(), ['codebook.yaml', 'luar.txt', 'luar.txt.codes.yaml']);
    assert.ok(result.notices.some((notice) => /text source "dalam\.txt" left out: looks like a binary file/u.test(notice.message)), JSON.stringify(result.notices));
  });

  it('refuses an archive of more entries than the default limit before reading any, writing nothing', async () => {
    const many = makeZip(Object.fromEntries(Array.from({ length: 10_001 }, (_, index) => [`sources/${index}.txt`, ''])), 0);
    const result = await importInto(many);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /p\.qdpx: it holds 10001 entries, more than the 10000 allowed/u);
    assert.deepEqual(result.left, ['p.qdpx']);
  });
});
