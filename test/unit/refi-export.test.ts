import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { exportFormat } from '../../src/core/exports/formats';
import { formatProblem } from '../../src/core/problems/problem';
import { sourceGuid } from '../../src/core/refi-qda/export-project';
import { importQdc } from '../../src/core/refi-qda/import-qdpx';
import { childNamed, childrenNamed, parseXml, type XmlElement } from '../../src/core/xml/xml-reader';
import { assertValidAgainst, text, unzipEntries } from './helpers/refi-qda';
import { loadAll, unicodeStudy, WAWANCARA_LINES } from './helpers/refi-study';
import type { TempStudy } from './helpers/temp-study';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Exports the study and checks the project.qde against the REFI-QDA schema, as every export in these tests is. */
async function exportQdpxOf(root: string): Promise<{ bytes: Uint8Array; problems: string[] }> {
  const result = exportFormat('qdpx')?.render({ study: await loadAll(root), name: 'studi', language: 'en' });
  assert.ok(result?.bytes !== undefined);
  await assertValidAgainst('Project-mrt2019.xsd', projectOf(result.bytes).xml, `${root}/project.qde`);
  return { bytes: result.bytes, problems: result.problems.map(formatProblem) };
}

function projectOf(bytes: Uint8Array): { xml: string; root: XmlElement; entries: Record<string, Uint8Array> } {
  const entries = unzipEntries(bytes);
  const xml = text(entries['project.qde']);
  return { xml, root: parseXml(xml, 'project.qde'), entries };
}

/** Selections of line codes: without the whole-text selection that links each transcript to its agency's case. */
function codeSelections(root: XmlElement, under: XmlElement = root): XmlElement[] {
  const cases = new Set(all(root, 'Case').map((entry) => entry.attributes['guid']));
  return all(under, 'PlainTextSelection').filter(
    (selection) => !childrenNamed(selection, 'Coding').some((coding) => cases.has(childNamed(coding, 'CodeRef')?.attributes['targetGUID'])),
  );
}

function all(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => all(child, name))];
}

describe('REFI-QDA export', function () {
  // Schema validation runs libxml2 compiled to WebAssembly, which takes a second to start.
  this.timeout(30_000);
  let study: TempStudy;
  afterEach(async () => study?.dispose());

  it('writes the example study as project.qde (schema-valid, as every export here) plus lower-case sources/', async () => {
    const { bytes, problems } = await exportQdpxOf(EXAMPLES);
    assert.deepEqual(problems, []);
    const { entries } = projectOf(bytes);
    const names = Object.keys(entries);
    assert.equal(names[0], 'project.qde');
    // Ids, labels and study paths, out of the users' sight (machine-map.ts).
    assert.equal(names[1], 'transcript-coder.json');
    assert.ok(names.slice(2).every((name) => /^sources\/[0-9a-f-]{36}\.txt$/u.test(name)), names.join(', '));
  });

  it('writes a codebook (.qdc) that the REFI-QDA codebook schema accepts', async () => {
    const result = exportFormat('qdc')?.render({ study: await loadAll(EXAMPLES), name: 'examples', language: 'id' });
    const xml = new TextDecoder().decode(result?.bytes);
    await assertValidAgainst('Codebook.xsd', xml, 'examples.qdc');
    assert.match(xml, /name="Organisasi" isCodable="true" color="#4e79a7"/u);
  });

  it('writes no machine line into the codebook (.qdc) that people read, and reads it back with its polarities as polarities', async () => {
    const study = await loadAll(EXAMPLES);
    const xml = new TextDecoder().decode(exportFormat('qdc')?.render({ study, name: 'examples', language: 'en' })?.bytes);
    // Other tools show a code's Description as its memo: only what the researcher wrote is there.
    assert.doesNotMatch(xml, /transcript-coder:/u);
    const imported = importQdc(new TextEncoder().encode(xml), 'examples.qdc');
    const codebook = imported.files.find((file) => file.path === 'codebook.yaml')?.content ?? '';
    const source = study.codebook.codebook;
    assert.ok(source !== undefined);
    // The polarity folder is known by its GUID, not taken for a framework of codes.
    // …and each keeps its id where the name's slug would not ("Effort to overcome" is effort): its GUID says which it is.
    const polarities = codebook.slice(codebook.indexOf('\npolarities:'));
    for (const polarity of source.polarities) assert.match(polarities, new RegExp(`\\bid: ${polarity.id},`, 'u'), polarity.id);
    assert.doesNotMatch(codebook, /id: polarit/u);
    const imports = (pattern: RegExp) => (codebook.match(pattern) ?? []).length;
    assert.equal(imports(/^ {2}- id: /gmu), source.frameworks.length, 'every framework');
    assert.equal(imports(/^ {6}- id: /gmu), source.frameworks.reduce((sum, framework) => sum + framework.dimensions.length, 0), 'every dimension');
  });

  it('counts positions in code points of the LF text: diacritics, combining marks, emoji, CRLF and BOM on disk', async () => {
    study = await unicodeStudy();
    const { bytes, problems } = await exportQdpxOf(study.root);
    // The emoji part code points from UTF-16 units: said, naming the transcript and the option for NVivo.
    assert.deepEqual(problems.map((entry) => entry.replace(/;.*$/u, '')), [
      'transcripts/dinas/wawancara.txt:1:1: warning: holds 5 character(s) outside the BMP (emoji and the like)',
    ]);
    assert.match(problems[0] ?? '', /--positions utf16/u);
    const { root, entries } = projectOf(bytes);

    const source = all(root, 'TextSource').find((element) => element.attributes['name'] === 'transcripts - dinas - wawancara.txt');
    assert.ok(source !== undefined);
    const guid = sourceGuid('transcripts/dinas/wawancara.txt');
    assert.equal(source.attributes['plainTextPath'], `internal://${guid}.txt`);
    const sourceBytes = entries[`sources/${guid}.txt`];
    assert.ok(sourceBytes !== undefined);
    assert.notEqual(sourceBytes[0], 0xef, 'no BOM');
    const sourceText = text(sourceBytes);
    assert.equal(sourceText, WAWANCARA_LINES.join('\n') + '\n');

    const codePoints = Array.from(sourceText);
    const spans = codeSelections(root, source).map((selection) => [Number(selection.attributes['startPosition']), Number(selection.attributes['endPosition'])]);
    const line = (n: number): string => WAWANCARA_LINES[n - 1] ?? '';
    const startOf = (n: number): number => WAWANCARA_LINES.slice(0, n - 1).reduce((sum, text) => sum + Array.from(text).length + 1, 0);
    // Line 2 starts after line 1 (40 code points) and its newline; it is 67 code points with the emoji counted once.
    assert.deepEqual(spans[0], [41, 41 + 67]);
    assert.deepEqual(spans, [
      [startOf(2), startOf(2) + Array.from(line(2)).length],
      [startOf(2), startOf(3) + Array.from(line(3)).length],
      [startOf(5), startOf(5) + Array.from(line(5)).length],
    ]);
    const selected = spans.map(([start, end]) => codePoints.slice(start, end).join(''));
    assert.deepEqual(selected, [line(2), `${line(2)}\n${line(3)}`, line(5)]);
  });

  it('exports coders, attributes as variables, one case per agency, polarity as a second coding, memos as notes', async () => {
    study = await unicodeStudy();
    const { root } = projectOf((await exportQdpxOf(study.root)).bytes);
    const users = all(root, 'User').map((user) => user.attributes['name']);
    assert.deepEqual(users, ['budi', 'rina']);

    const variables = all(root, 'Variable').map((variable) => [variable.attributes['name'], variable.attributes['typeOfVariable']]);
    assert.deepEqual(variables, [
      ['agency', 'Text'],
      ['informant', 'Text'],
      ['role', 'Text'],
      ['date', 'Date'],
      ['source', 'Text'],
      ['wilayah', 'Text'],
    ]);
    const cases = all(root, 'Case').map((element) => [element.attributes['name'], childrenNamed(element, 'SourceRef').length]);
    assert.deepEqual(cases, [
      // The observation's agency comes from its front matter.
      ['Bappeda Kabupaten Hulu Sungai Tengah', 1],
      ['Dinas Kominfo Kabupaten Hulu Sungai Tengah', 1],
    ]);

    const codes = new Map(all(root, 'Code').map((code) => [code.attributes['guid'], code.attributes['name']]));
    const polarityFolder = all(root, 'Code').find((code) => code.attributes['name'] === 'Polarity');
    assert.equal(polarityFolder?.attributes['isCodable'], 'false');
    assert.deepEqual(childrenNamed(polarityFolder as XmlElement, 'Code').map((code) => code.attributes['name']), ['Supporting', 'Inhibiting', 'Effort to overcome', 'Descriptive']);

    const wawancara = all(root, 'TextSource').find((element) => element.attributes['name'] === 'transcripts - dinas - wawancara.txt');
    const [first] = all(wawancara as XmlElement, 'PlainTextSelection');
    assert.ok(first !== undefined);
    assert.equal(first.attributes['name'], 'Tenaga ahli TI masih kurang');
    const coded = childrenNamed(first, 'Coding').map((coding) => codes.get(childNamed(coding, 'CodeRef')?.attributes['targetGUID']));
    assert.deepEqual(coded, ['Apparatus resources', 'Inhibiting']);
    const users_ = new Map(all(root, 'User').map((user) => [user.attributes['guid'], user.attributes['name']]));
    assert.deepEqual(childrenNamed(first, 'Coding').map((coding) => users_.get(coding.attributes['creatingUser'])), ['rina', 'rina']);
    const noteGuid = childNamed(first, 'NoteRef')?.attributes['targetGUID'];
    const note = all(root, 'Note').find((element) => element.attributes['guid'] === noteGuid);
    assert.equal(childNamed(note as XmlElement, 'PlainTextContent')?.text, 'Dikonfirmasi oleh operator; lihat juga catatan observasi.');

    // A code without a factor is named by its quote, so the other tool shows something readable.
    assert.equal(all(wawancara as XmlElement, 'PlainTextSelection')[2]?.attributes['name'], 'Rapat koordinasi rutin di cafe\u0301 🇮🇩 setiap bulan.');
  });

  it('gives the same bytes every time, in any time zone', async () => {
    study = await unicodeStudy();
    const previous = process.env['TZ'];
    try {
      process.env['TZ'] = 'Asia/Jakarta';
      const first = (await exportQdpxOf(study.root)).bytes;
      process.env['TZ'] = 'America/Los_Angeles';
      const second = (await exportQdpxOf(study.root)).bytes;
      assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'two exports differ');
      // Local header: DOS time 00:00:00 and date 1980-01-01 for every entry.
      const view = new DataView(first.buffer, first.byteOffset, first.byteLength);
      assert.equal(view.getUint16(10, true), 0);
      assert.equal(view.getUint16(12, true), (0 << 9) | (1 << 5) | 1);
    } finally {
      if (previous === undefined) delete process.env['TZ'];
      else process.env['TZ'] = previous;
    }
  });

  it('reports what it leaves out or exports under an id, and never invents positions', async () => {
    study = await unicodeStudy();
    const sidecar = await study.read('transcripts/dinas/wawancara.txt.codes.yaml');
    await study.write(
      'transcripts/dinas/wawancara.txt.codes.yaml',
      sidecar +
        '  - id: z9z9z9z9\n    lines: [9, 9]\n    code: jones/organization\n    polarity: effort\n    factor: x\n    quote: x\n    coder: rina\n' +
        '  - id: u1u1u1u1\n    lines: [1, 1]\n    code: edward/resources\n    polarity: effort\n    factor: x\n    quote: "Apa kendala utama di Dinas?"\n    coder: rina\n',
    );
    await study.write('transcripts/rusak.txt', 'Teks.\n');
    await study.write('transcripts/rusak.txt.codes.yaml', 'version: 1\ncodes: [\n');
    const { bytes, problems } = await exportQdpxOf(study.root);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.join('\n'), /code edward\/resources is used in sidecars but not defined in the codebook; exported under its id/u);
    assert.match(problems.join('\n'), /code z9z9z9z9 \(lines 9–9\) lies past the end of the transcript \(5 lines\) and was left out/u);
    assert.match(problems.join('\n'), /rusak\.txt\.codes\.yaml:1:1: error: left out of the export/u);
    const { root } = projectOf(bytes);
    assert.ok(all(root, 'Code').some((code) => code.attributes['name'] === 'resources'));
    assert.equal(codeSelections(root).length, 5);
  });

  describe('the command line', () => {
    it('writes UTF-16 positions with --positions utf16 (NVivo on Windows), saying so per transcript, and refuses an unknown unit', async () => {
      study = await unicodeStudy();
      const written = await study.cli('export', '--format', 'qdpx', '--positions', 'utf16', '-o', 'nvivo.qdpx');
      assert.equal(written.code, 0, written.stderr);
      assert.match(written.stderr, /transcripts\/dinas\/wawancara\.txt:1:1: warning: holds 5 character\(s\) outside the BMP .*UTF-16 code units as asked/u);
      const { root } = projectOf(await study.readBytes('nvivo.qdpx'));
      const source = all(root, 'TextSource').find((element) => element.attributes['name'] === 'transcripts - dinas - wawancara.txt') as XmlElement;
      // Line 2 starts at 41 in code points and in UTF-16 units alike (line 1 has no emoji); it ends 67 code points, 68 units, later.
      assert.deepEqual(codeSelections(root, source).map((selection) => [selection.attributes['startPosition'], selection.attributes['endPosition']])[0], ['41', String(41 + 68)]);
      const refused = await study.cli('export', '--format', 'qdpx', '--positions', 'bytes', '-o', 'x.qdpx');
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /unknown --positions "bytes"/u);
    });

    it('exports with --format qdpx -o FILE and refuses an unknown or missing format', async () => {
      study = await unicodeStudy();
      const written = await study.cli('export', '--format', 'qdpx', '-o', 'out/studi.qdpx');
      assert.equal(written.code, 0, written.stderr);
      assert.match(written.stdout, /wrote .*studi\.qdpx \(qdpx\)/u);
      const { xml } = projectOf(await study.readBytes('out/studi.qdpx'));
      await assertValidAgainst('Project-mrt2019.xsd', xml, 'cli/project.qde');

      const codebook = await study.cli('export', '.', '--format', 'qdc', '-o', 'codebook.qdc');
      assert.equal(codebook.code, 0, codebook.stderr);
      await assertValidAgainst('Codebook.xsd', await study.read('codebook.qdc'), 'cli.qdc');

      const unknown = await study.cli('export', '--format', 'pdf');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown export format "pdf"; formats: qdpx \(REFI-QDA project\), qdc/u);
      assert.match((await study.cli('export')).stderr, /export needs --format/u);
    });
  });
});
