import { strict as assert } from 'node:assert';
import { readdir } from 'node:fs/promises';
import { ImportRefusedError, importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { makeZip, patchCentralDirectory } from './helpers/refi-qda';
import { TempStudy } from './helpers/temp-study';

const PROJECT = '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="0a1b2c3d-0000-4000-8000-000000000001" name="Kode" isCodable="true"/></Codes></CodeBook></Project>\n';
const SECRET = 'rahasia-jangan-bocor';

/** Runs `import FILE -o out` on `archive` in an empty folder; the import must fail, say `why`, and leave only the archive. */
async function expectRefused(archive: Uint8Array, why: RegExp, fileName = 'evil.qdpx'): Promise<string> {
  const study = await TempStudy.create({ [fileName]: archive, 'secret.txt': SECRET });
  try {
    const result = await study.cli('import', fileName, '-o', 'out');
    assert.equal(result.code, 1, `expected a refusal, got: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, why);
    assert.match(result.stderr, /nothing was written/u);
    assert.doesNotMatch(result.stderr + result.stdout, new RegExp(SECRET, 'u'));
    assert.deepEqual((await readdir(study.root)).sort(), [fileName, 'secret.txt'].sort(), 'the import left files behind');
    return result.stderr;
  } finally {
    await study.dispose();
  }
}

describe('hostile and broken archives are refused with a reason, and nothing is written', () => {
  it('refuses an entry that escapes the folder (zip-slip): "..", absolute, and Windows separators', async () => {
    await expectRefused(makeZip({ 'project.qde': PROJECT, '../../evil.txt': 'x' }), /entry "\.\.\/\.\.\/evil\.txt": it contains '\.\.', which would escape the folder it is unpacked into \(zip-slip\)/u);
    await expectRefused(makeZip({ 'project.qde': PROJECT, '/etc/cron.d/evil': 'x' }), /entry "\/etc\/cron\.d\/evil": it is an absolute path/u);
    await expectRefused(makeZip({ 'project.qde': PROJECT, 'sources\\..\\..\\evil.txt': 'x' }), /zip-slip/u);
    await expectRefused(makeZip({ 'project.qde': PROJECT, 'C:/Windows/evil.txt': 'x' }), /absolute path/u);
  });

  it('keeps a source whose name tries to escape inside the target folder', async () => {
    const qde = PROJECT.replace(
      '</CodeBook>',
      '</CodeBook><Sources><TextSource guid="0a1b2c3d-0000-4000-8000-000000000002" name="../../../../outside.txt"><PlainTextContent>Teks.</PlainTextContent></TextSource></Sources>',
    );
    const result = importQdpx(makeZip({ 'project.qde': qde }), 'p.qdpx');
    assert.deepEqual(result.files.map((file) => file.path), ['codebook.yaml', 'outside.txt', 'outside.txt.codes.yaml']);
  });

  it('refuses XML external entities (XXE) without reading the file they name', async () => {
    const xxe = (path: string): string =>
      `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file://${path}">]>\n<Project name="&xxe;"/>`;
    const stderr = await expectRefused(makeZip({ 'project.qde': xxe('secret.txt') }), /evil\.qdpx\/project\.qde:2:\d+: a DOCTYPE declaration is not allowed/u);
    assert.match(stderr, /XXE/u);
  });

  it('refuses entity expansion ("billion laughs") and entities that no DOCTYPE defines', async () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
      '<Project name="&lol3;"/>',
    ].join('\n');
    await expectRefused(makeZip({ 'project.qde': laughs }), /DOCTYPE declaration is not allowed/u);
    await expectRefused(makeZip({ 'project.qde': '<Project name="&lol3;"/>' }), /project\.qde:1:\d+: undefined entity: the XML is not well-formed/u);
  });

  it('refuses a zip bomb: an entry that claims too much, one that unpacks far past its size, one that lies about its size', async () => {
    const declaredHuge = patchCentralDirectory(makeZip({ 'project.qde': PROJECT }), 'project.qde', 24, 100 * 1024 * 1024);
    await expectRefused(declaredHuge, /entry "project\.qde": it unpacks to 100\.0 MiB, more than the 64\.0 MiB allowed for one entry/u);

    const spaces = `<Project name="p">${' '.repeat(3 * 1024 * 1024)}</Project>`;
    await expectRefused(makeZip({ 'project.qde': spaces }), /entry "project\.qde": it claims to unpack \d+ times larger than it is stored, which only a zip bomb does/u);

    const lying = patchCentralDirectory(makeZip({ 'project.qde': PROJECT }), 'project.qde', 24, 20);
    await expectRefused(lying, /entry "project\.qde": it unpacks to more than the 20 bytes it declares/u);
  });

  it('refuses archives with too many entries, encrypted entries, or two entries of one name', () => {
    const many = makeZip(Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`sources/${index}.txt`, 'x'])));
    assert.throws(() => importQdpx(many, 'many.qdpx', { maxEntries: 10 }), /many\.qdpx: it holds 12 entries, more than the 10 allowed/u);

    const zip = makeZip({ 'project.qde': PROJECT });
    const encrypted = new Uint8Array(zip);
    const view = new DataView(encrypted.buffer);
    for (let offset = 0; offset < encrypted.length - 4; offset++) {
      if (view.getUint32(offset, true) === 0x02014b50) view.setUint16(offset + 8, view.getUint16(offset + 8, true) | 1, true);
    }
    assert.throws(() => importQdpx(encrypted, 'locked.qdpx'), /it is encrypted; export the project again without a password/u);
    assert.throws(() => importQdpx(makeZip({ 'project.qde': PROJECT, 'Project.QDE': PROJECT }), 'twice.qdpx'), /two entries of this name/u);
  });

  it('refuses truncated and damaged archives', async () => {
    const zip = makeZip({ 'project.qde': PROJECT, 'sources/a.txt': 'Teks wawancara. '.repeat(200) });
    await expectRefused(zip.subarray(0, Math.floor(zip.length / 2)), /not a zip archive, or its end is cut off/u);
    await expectRefused(zip.subarray(0, zip.length - 1), /end-of-central-directory/u);
    const damaged = new Uint8Array(zip);
    damaged[40] = (damaged[40] ?? 0) ^ 0xff;
    damaged[41] = (damaged[41] ?? 0) ^ 0xff;
    await expectRefused(damaged, /entry "project\.qde": (?:its checksum \(CRC-32\) does not match|its compressed data is damaged|it unpacks to)/u);
    await expectRefused(new TextEncoder().encode('this is not a zip file at all'), /evil\.qdpx: not a zip archive/u);
    await expectRefused(new Uint8Array(0), /evil\.qdpx: the file is empty/u);
  });

  it('refuses broken XML and files that are not REFI-QDA projects, saying where', async () => {
    await expectRefused(makeZip({ 'project.qde': '<Project name="p">\n  <Users>\n</Project>' }), /project\.qde:3:\d+: .*the XML is not well-formed/u);
    await expectRefused(makeZip({ 'project.qde': '<Codebook/>' }), /the root element is <Codebook>, not <Project>/u);
    await expectRefused(makeZip({ 'readme.txt': 'hello' }), /holds no project\.qde/u);
    await expectRefused(
      makeZip({ 'project.qde': PROJECT.replace('</CodeBook>', '</CodeBook><Sources><TextSource guid="x" name="a"><PlainTextSelection guid="y" startPosition="1e9" endPosition="2"/></TextSource></Sources>') }),
      /PlainTextSelection startPosition="1e9" is not a whole number/u,
    );
    assert.throws(() => importQdpx(makeZip({ 'project.qde': '<x' }), 'p.qdpx'), ImportRefusedError);
  });

  it('refuses a hostile .docx transcript the same way', async () => {
    const docx = makeZip({ 'word/document.xml': '<w:document/>', '../evil.xml': 'x' });
    await expectRefused(docx, /evil\.docx: entry "\.\.\/evil\.xml": .*zip-slip/u, 'evil.docx');
    const withDoctype = makeZip({
      '_rels/.rels': '<Relationships/>',
      'word/document.xml': '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>',
    });
    await expectRefused(withDoctype, /word\/document\.xml:1:\d+: a DOCTYPE declaration is not allowed/u, 'evil.docx');
  });
});
