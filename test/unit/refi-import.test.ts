import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { exportFormat } from '../../src/core/exports/formats';
import { formatProblem } from '../../src/core/problems/problem';
import { importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { parseSidecar, sidecarDataEqual } from '../../src/core/sidecar';
import { writeNewFolder } from '../../src/node/import-writer';
import { assertValidAgainst, FIXTURES, makeZip, text, unzipEntries } from './helpers/refi-qda';
import { loadAll, unicodeStudy } from './helpers/refi-study';
import { TempStudy } from './helpers/temp-study';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Exports the study and checks its project.qde against the REFI-QDA schema. */
async function exportBytes(root: string, name: string): Promise<Uint8Array> {
  const result = exportFormat('qdpx')?.render({ study: await loadAll(root), name, language: 'en' });
  assert.ok(result?.bytes !== undefined);
  await assertValidAgainst('Project-mrt2019.xsd', text(unzipEntries(result.bytes)['project.qde']), `${root}/project.qde`);
  return result.bytes;
}

/** A project as ATLAS.ti writes one: braces and upper-case GUIDs, `Sources/` and `.TXT`, CRLF text. */
const FOREIGN_TEXT = 'Pewawancara: Bagaimana anggaran?\r\nKabid: Anggaran kami terbatas 😀 karena banjir.\r\nKabid: Koordinasi lemah antar dinas.\r\nKabid: Izin lama keluar.\r\n';
const cp = (text: string): number => Array.from(text).length;
const LINE_STARTS = [0, cp('Pewawancara: Bagaimana anggaran?\r\n')];
LINE_STARTS.push((LINE_STARTS[1] ?? 0) + cp('Kabid: Anggaran kami terbatas 😀 karena banjir.\r\n'));
LINE_STARTS.push((LINE_STARTS[2] ?? 0) + cp('Kabid: Koordinasi lemah antar dinas.\r\n'));
const [, LINE2 = 0, LINE3 = 0, LINE4 = 0] = LINE_STARTS;
const G = (n: number): string => `{0A1B2C3D-0000-4000-8000-${String(n).padStart(12, '0')}}`;
const g = (n: number): string => G(n).slice(1, -1).toLowerCase();

const FOREIGN_QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Studi ATLAS" origin="ATLAS.ti 23">
  <Users><User guid="${G(1)}" name="Siti Rahma"/></Users>
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Sumber daya" isCodable="true" color="#F00">
      <Code guid="${G(11)}" name="Anggaran" isCodable="true"><Code guid="${G(12)}" name="Banjir" isCodable="true"/></Code>
    </Code>
    <Code guid="${G(13)}" name="Komunikasi::Sosialisasi" isCodable="true" color="#00FF00"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="${G(20)}" name="Usia" typeOfVariable="Integer"/>
    <Variable guid="${G(21)}" name="Jabatan" typeOfVariable="Text"/>
  </Variables>
  <Cases><Case guid="${G(30)}" name="Dinas PUPR">
    <VariableValue><VariableRef targetGUID="${g(21)}"/><TextValue>Kepala Bidang</TextValue></VariableValue>
    <SourceRef targetGUID="${g(40)}"/>
  </Case></Cases>
  <Sources>
    <TextSource guid="${G(40)}" name="Wawancara PUPR.docx" plainTextPath="internal://${g(40)}.txt" richTextPath="internal://${g(41)}.docx">
      <PlainTextSelection guid="${G(50)}" name="Kabid: Anggaran kami terbatas…" startPosition="${LINE2}" endPosition="${LINE2 + cp('Kabid: Anggaran kami terbatas 😀 karena banjir.')}" creatingUser="${G(1)}">
        <Description>Perlu dicek dengan dokumen APBD.</Description>
        <Coding guid="${G(60)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(12)}"/></Coding>
        <Coding guid="${G(61)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(13)}"/></Coding>
        <NoteRef targetGUID="${G(70)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(51)}" name="Koordinasi lemah" startPosition="${LINE3 + cp('Kabid: ')}" endPosition="${LINE3 + cp('Kabid: Koordinasi lemah')}">
        <Coding guid="${G(62)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(52)}" name="Birokrasi lambat" startPosition="${LINE4}" endPosition="${LINE4 + cp('Kabid: Izin lama keluar.\r\n')}">
        <Coding guid="${G(63)}"><CodeRef targetGUID="${G(11)}"/></Coding>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="${G(20)}"/><IntegerValue>52</IntegerValue></VariableValue>
    </TextSource>
    <PictureSource guid="${G(42)}" name="foto kantor.jpg" path="internal://${g(42)}.jpg"/>
  </Sources>
  <Notes><Note guid="${G(70)}" name="memo"><PlainTextContent>Memo panjang.</PlainTextContent></Note></Notes>
</Project>
`;

describe('REFI-QDA import', function () {
  this.timeout(20_000);
  const cleanup: Array<{ dispose(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of cleanup.splice(0)) await item.dispose();
  });
  async function tempFolder(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'tc-import-'));
    cleanup.push({ dispose: () => rm(folder, { recursive: true, force: true }) });
    return folder;
  }

  async function roundTrip(root: string): Promise<{ first: Uint8Array; second: Uint8Array; imported: string }> {
    const first = await exportBytes(root, 'studi');
    const result = importQdpx(first, 'studi.qdpx');
    assert.deepEqual(result.notices.map(formatProblem), []);
    const imported = join(await tempFolder(), 'studi');
    await writeNewFolder(imported, result.files);
    return { first, second: await exportBytes(imported, 'studi'), imported };
  }

  it('export → import → export gives the same project, byte for byte (example study)', async () => {
    const { first, second, imported } = await roundTrip(EXAMPLES);
    assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'the second export differs from the first');
    // And the codes themselves came back: same ids, lines, paths, polarities, factors, memos, coders.
    const study = await loadAll(EXAMPLES);
    for (const record of study.records) {
      const back = parseSidecar(await readFile(join(imported, ...record.sidecarPath.split('/')), 'utf8'), record.sidecarPath);
      assert.ok(record.sidecar.status === 'ok' && back.status === 'ok');
      if (record.agencySource === 'front-matter') {
        // The agency travels as the case, so it comes back in the sidecar rather than only in the front matter.
        assert.equal(back.data.attributes['agency'], record.agency);
        delete back.data.attributes['agency'];
      }
      assert.ok(sidecarDataEqual(record.sidecar.data, back.data), `${record.sidecarPath} changed in the round trip`);
    }
  });

  it('export → import → export gives the same project for emoji, combining marks and CRLF sources', async () => {
    const study = await unicodeStudy();
    cleanup.push(study);
    const { first, second } = await roundTrip(study.root);
    assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'the second export differs from the first');
  });

  it('imports both ATLAS.ti sample projects', async () => {
    const blank = await TempStudy.create({});
    cleanup.push(blank);
    const empty = await blank.cli('import', join(FIXTURES, 'blank-atlas-project.qdpx'), '-o', 'blank');
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stdout, /imported 0 transcript\(s\) with 0 code\(s\)/u);
    assert.deepEqual(parseCodebook(await blank.read('blank/codebook.yaml'), 'codebook.yaml').problems, []);

    const target = await blank.cli('import', join(FIXTURES, 'target-atlas-project.qdpx'), '-o', 'target');
    assert.equal(target.code, 0, target.stderr);
    const { codebook, problems } = parseCodebook(await blank.read('target/codebook.yaml'), 'codebook.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      codebook?.frameworks.map((framework) => [framework.id, framework.dimensions.map((d) => [d.id, d.label, d.indicators.map((i) => i.label)])]),
      [['target-atlas-project', [['commits', 'Commits', ['2022-05-10T02:05:59Z 19e4dce', '2022-02-11T10:39:25Z cdbfd92']]]]],
    );
    assert.equal((await blank.cli('validate', 'target')).code, 0);
  });

  it("maps another tool's project: hierarchy, '::' groups, cases and variables, memos, widened selections", async () => {
    const archive = makeZip({ 'project.qde': FOREIGN_QDE, [`Sources/${g(40).toUpperCase()}.TXT`]: FOREIGN_TEXT });
    const result = importQdpx(archive, 'atlas.qdpx');
    const paths = result.files.map((file) => file.path);
    assert.deepEqual(paths, ['codebook.yaml', 'Wawancara PUPR.txt', 'Wawancara PUPR.txt.codes.yaml']);
    assert.equal(result.files[1]?.content, FOREIGN_TEXT.replace(/\r\n/gu, '\n'));

    const notices = result.notices.map(formatProblem).join('\n');
    assert.match(notices, /code "Anggaran › Banjir" is nested deeper than dimension › indicator; imported as the indicator studi-atlas\/sumber-daya\/anggaran-banjir/u);
    assert.match(notices, /selection "Koordinasi lemah" covers only part of line 3; widened to the whole line, adding "Kabid:" before and "antar dinas\." after/u);
    assert.match(notices, /PictureSource "foto kantor\.jpg" left out/u);
    assert.equal(result.widened, 1);

    const sidecar = parseSidecar(result.files[2]?.content ?? '', 'x.codes.yaml');
    assert.ok(sidecar.status === 'ok');
    assert.deepEqual(sidecar.data.attributes, { agency: 'Dinas PUPR', Usia: '52', Jabatan: 'Kepala Bidang' });
    assert.deepEqual(
      sidecar.data.codes.map((code) => [code.lines, code.code, code.polarity, code.factor, code.coder, code.memo ?? null]),
      [
        [[2, 2], 'studi-atlas/komunikasi/sosialisasi', 'neutral', '', 'Siti Rahma', 'Perlu dicek dengan dokumen APBD.\n\nMemo panjang.'],
        [[2, 2], 'studi-atlas/sumber-daya/anggaran-banjir', 'neutral', '', 'Siti Rahma', 'Perlu dicek dengan dokumen APBD.\n\nMemo panjang.'],
        [[3, 3], 'studi-atlas/sumber-daya', 'neutral', '', 'Siti Rahma', null],
        // Named by the researcher, not after its text: that name is the factor.
        [[4, 4], 'studi-atlas/sumber-daya/anggaran', 'neutral', 'Birokrasi lambat', '', null],
      ],
    );
    assert.equal(sidecar.data.codes[2]?.quote, 'Koordinasi lemah antar dinas.');

    const { codebook, problems } = parseCodebook(result.files[0]?.content ?? '', 'codebook.yaml');
    assert.deepEqual(problems, []);
    const dimensions = codebook?.frameworks[0]?.dimensions ?? [];
    assert.deepEqual(dimensions.map((d) => [d.id, d.color, d.indicators.map((i) => i.id)]), [
      ['sumber-daya', '#ff0000', ['anggaran', 'anggaran-banjir']],
      ['komunikasi', '#f28e2b', ['sosialisasi']],
    ]);

    // Importing the same file again gives the same files, ids included.
    assert.deepEqual(importQdpx(archive, 'atlas.qdpx').files, result.files);
  });

  it('imports through the command line into a new folder and the result validates and re-exports unchanged', async () => {
    const study = await unicodeStudy();
    cleanup.push(study);
    const exported = await study.cli('export', '--format', 'qdpx', '-o', 'studi.qdpx');
    assert.equal(exported.code, 0, exported.stderr);
    // The project's name is the study folder's, so import into a folder of the same name.
    const target = join(await tempFolder(), basename(study.root));
    const imported = await study.cli('import', 'studi.qdpx', '-o', target);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /imported 2 transcript\(s\) with 4 code\(s\)/u);
    assert.equal((await study.cli('validate', target)).code, 0);
    assert.equal((await study.cli('export', target, '--format', 'qdpx', '-o', 'again.qdpx')).code, 0);
    const again = await study.readBytes('again.qdpx');
    assert.ok((await study.readBytes('studi.qdpx')).equals(again));
    await assertValidAgainst('Project-mrt2019.xsd', text(unzipEntries(again)['project.qde']), 'again.qdpx/project.qde');
  });

  it('refuses to import a project into a folder that has files, naming them, and writes nothing', async () => {
    const study = await unicodeStudy();
    cleanup.push(study);
    await study.cli('export', '--format', 'qdpx', '-o', 'studi.qdpx');
    const before = (await readdir(study.root)).sort();
    const result = await study.cli('import', 'studi.qdpx', '-o', '.');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not empty \(it has codebook\.yaml, studi\.qdpx, transcripts\); import a project into a new or empty folder; nothing was written/u);
    assert.deepEqual((await readdir(study.root)).sort(), before);
  });
});
