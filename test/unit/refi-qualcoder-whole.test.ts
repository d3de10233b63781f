/**
 * An export QualCoder's importer takes whole, checked against src/qualcoder/refi.py and
 * its database schema (ccbogel/QualCoder at c3204641e0a997c08219d2377eb5736cd94504bc):
 * - sub_codes (refi.py ~163–272) inserts each code into code_name, which is unique on
 *   name across the codebook (__main__.py ~1823 `unique(name)`); on a clash the second code
 *   is not registered, so its codings are inserted with no code (run on QualCoder itself:
 *   scripts/check-qualcoder.sh);
 * - load_codings_for_text (~1650–1712) inserts each Coding into code_text, unique on
 *   (cid, fid, pos0, pos1, owner) (__main__.py ~1819): a second one is dropped with
 *   "Duplicated text coding for code and coder. Only one loaded.";
 * - it shows the selection's Description as the coding memo, and sub_codes the code's
 *   Description as the code memo: nothing for machines may be there;
 * - load_text_source (~1474–1600) copies the text to documents/{name}.txt: a `/` in a
 *   source name fails the copy;
 * - parse_cases (~638–740) ignores a named Case's SourceRefs; clean_up_case_codes_and_case_text
 *   (~742–767) turns the codings of a Code sharing a Case's GUID into that case's text.
 * The export stays schema-valid and our own round trip exact (machine-map.ts).
 */
import * as assert from 'node:assert/strict';
import { exportQdpx } from '../../src/core/refi-qda/export-project';
import { importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { emptySidecar, parseSidecar } from '../../src/core/sidecar';
import { parseXml, childrenNamed, childNamed, type XmlElement } from '../../src/core/xml/xml-reader';
import type { Codebook } from '../../src/core/codebook/codebook';
import { assertValidAgainst, text, unzipEntries } from './helpers/refi-qda';

function all(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => all(child, name))];
}

const codebook: Codebook = {
  version: 1,
  frameworks: [
    { id: 'jones', label: 'Jones', dimensions: [{ id: 'budget', label: 'Budget', color: '#4e79a7', indicators: [] }] },
    { id: 'smith', label: 'Smith', dimensions: [{ id: 'budget', label: { en: 'Budget', id: 'Anggaran' }, color: '#f28e2b', indicators: [] }] },
    { id: 'edward', label: 'Edward', dimensions: [{ id: 'staff', label: 'Staff', color: '#e15759', indicators: [{ id: 'budget', label: 'Budget' }] }] },
  ],
  polarities: [
    { id: 'supporting', label: 'Supporting' },
    { id: 'inhibiting', label: 'Inhibiting' },
  ],
};

const TEXT = 'Kaban: Anggaran kurang 😅 tahun ini.\nSekretaris: Staf belum dilatih 🙏🏽.\nKaban: Selesai.\n';
const PATH = 'wawancara/dinas a.txt';

function study(): Parameters<typeof exportQdpx>[0] {
  const sidecar = emptySidecar('dinas a.txt', { agency: 'Dinas Kominfo', date: '2022-01-07' });
  sidecar.codes.push(
    { id: 'aaaa1111', lines: [1, 1], code: 'jones/budget', polarity: 'supporting', factor: 'Dana ada', quote: 'Anggaran kurang 😅 tahun ini.', coder: 'rina', memo: 'Memo satu' },
    // The same code, lines and coder: a real duplicate, with its own factor, polarity and memo.
    { id: 'bbbb2222', lines: [1, 1], code: 'jones/budget', polarity: 'inhibiting', factor: 'Dana kurang', quote: 'Anggaran kurang 😅 tahun ini.', coder: 'rina', memo: 'Memo dua' },
    // Another code on the same lines with the same polarity: its polarity coding would be the duplicate.
    { id: 'cccc3333', lines: [1, 1], code: 'smith/budget', polarity: 'supporting', factor: '', quote: 'Anggaran kurang 😅 tahun ini.', coder: 'rina' },
    { id: 'dddd4444', lines: [2, 2], code: 'edward/staff/budget', polarity: 'inhibiting', factor: 'Pelatihan', quote: 'Staf belum dilatih 🙏🏽.', coder: 'rina' },
  );
  return { name: 'studi', codebook, language: 'en', documents: [{ path: PATH, text: TEXT, sidecar, agency: 'Dinas Kominfo' }] };
}

describe('REFI-QDA export that QualCoder takes whole', function () {
  this.timeout(30_000);
  const exported = exportQdpx(study());
  const entries = unzipEntries(exported.bytes);
  const qde = text(entries['project.qde']);
  const root = parseXml(qde, 'project.qde');
  const warnings = exported.problems.map((entry) => `${entry.file}:${entry.line}: ${entry.message}`);

  it('is schema-valid', async () => {
    await assertValidAgainst('Project-mrt2019.xsd', qde, 'qualcoder-whole.qde');
  });

  it('shows no machine trailer in any Description', () => {
    assert.doesNotMatch(qde, /transcript-coder/u);
    assert.match(text(entries['transcript-coder.json']), /"aaaa1111"/u);
  });

  it('names every code once across the codebook, readably, and says so', () => {
    const codable = all(root, 'Code').filter((code) => code.attributes['isCodable'] === 'true').map((code) => code.attributes['name'] ?? '');
    assert.equal(new Set(codable.map((name) => name.toLowerCase())).size, codable.length, codable.join(', '));
    assert.ok(['Budget (Jones)', 'Budget (Smith)', 'Budget (Edward)'].every((name) => codable.includes(name)), codable.join(', '));
    assert.ok(warnings.some((warning) => /the code name "Budget" repeats in the codebook; exported as "Budget \(Jones\)"/u.test(warning)), warnings.join('\n'));
  });

  it('writes no two codings of one code, source, place and coder; merges a real duplicate and names it', () => {
    for (const source of all(root, 'TextSource')) {
      const keys = all(source, 'PlainTextSelection').flatMap((selection) =>
        childrenNamed(selection, 'Coding').map(
          (coding) => `${childNamed(coding, 'CodeRef')?.attributes['targetGUID']}|${selection.attributes['startPosition']}|${selection.attributes['endPosition']}|${coding.attributes['creatingUser'] ?? ''}`,
        ),
      );
      assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
    }
    assert.ok(warnings.some((warning) => warning.startsWith(`${PATH}:1: code bbbb2222 has the same code, lines (1–1) and coder as code aaaa1111`)), warnings.join('\n'));
    const descriptions = all(root, 'Description').map((description) => description.text ?? '');
    assert.ok(descriptions.includes('Memo satu\n\nMemo dua'), descriptions.join(' | '));
  });

  it("gives a merged duplicate's own polarity a coding of the selection (QualCoder shows both polarities)", () => {
    const merged = all(root, 'PlainTextSelection').find((selection) => (childNamed(selection, 'Description')?.text ?? '') === 'Memo satu\n\nMemo dua');
    assert.ok(merged !== undefined);
    const polarityGuids = new Map(all(root, 'Code').filter((code) => ['Supporting', 'Inhibiting'].includes(code.attributes['name'] ?? '')).map((code) => [code.attributes['guid'], code.attributes['name']]));
    const targets = childrenNamed(merged, 'Coding').map((coding) => polarityGuids.get(childNamed(coding, 'CodeRef')?.attributes['targetGUID']));
    assert.deepEqual(targets.filter((name) => name !== undefined).sort(), ['Inhibiting', 'Supporting']);
    // The schema's order inside a selection: Description, Codings, NoteRefs.
    assert.deepEqual([...new Set(merged.children.map((child) => child.name))], ['Description', 'Coding', 'NoteRef']);
  });

  it('names sources without a slash (QualCoder copies a source by its name)', () => {
    assert.deepEqual(all(root, 'TextSource').map((source) => source.attributes['name']), ['wawancara - dinas a.txt']);
  });

  it('links the agency case to its source as QualCoder reads it: a code with the Case\'s GUID coding the whole text', () => {
    const [entry] = all(root, 'Case');
    assert.equal(entry?.attributes['name'], 'Dinas Kominfo');
    assert.equal(childrenNamed(entry as XmlElement, 'SourceRef').length, 1);
    const caseCode = all(root, 'Code').find((code) => code.attributes['guid'] === entry?.attributes['guid']);
    assert.equal(caseCode?.attributes['name'], 'Dinas Kominfo');
    const linking = all(root, 'PlainTextSelection').filter((selection) =>
      childrenNamed(selection, 'Coding').some((coding) => childNamed(coding, 'CodeRef')?.attributes['targetGUID'] === entry?.attributes['guid']),
    );
    assert.deepEqual(linking.map((selection) => [selection.attributes['startPosition'], selection.attributes['endPosition']]), [['0', String(Array.from(TEXT).length)]]);
  });

  it('comes back here exactly: ids, factors, polarities, memos, labels, path and agency', () => {
    const back = importQdpx(exported.bytes, 'studi.qdpx');
    assert.equal(back.lostCodings, 0);
    const sidecarFile = back.files.find((file) => file.path === `${PATH}.codes.yaml`);
    assert.ok(sidecarFile !== undefined, back.files.map((file) => file.path).join(', '));
    const read = parseSidecar(sidecarFile.content, sidecarFile.path);
    if (read.status !== 'ok') return assert.fail(JSON.stringify(read));
    const original = study().documents[0]?.sidecar;
    const project = (codes: typeof read.data.codes): unknown[] =>
      [...codes].map(({ id, lines, code, polarity, factor, coder, memo }) => ({ id, lines, code, polarity, factor, coder, memo })).sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(project(read.data.codes), project(original?.codes ?? []));
    assert.equal(read.data.attributes['agency'], 'Dinas Kominfo');
    const codebookYaml = back.files.find((file) => file.path === 'codebook.yaml')?.content ?? '';
    assert.doesNotMatch(codebookYaml, /\(Jones\)|\(Smith\)|\(Edward\)|Dinas Kominfo/u);
    assert.match(codebookYaml, /Anggaran/u);
  });
});

describe('REFI-QDA export and quotes', () => {
  it('takes a quote the quote rule places (speaker label included) without a warning, and warns on one that moved', () => {
    const withLabel = study();
    const sidecar = withLabel.documents[0]?.sidecar;
    if (sidecar === undefined) return assert.fail('no sidecar');
    sidecar.codes = [
      { ...(sidecar.codes[3] as (typeof sidecar.codes)[number]), quote: 'Sekretaris: Staf belum dilatih 🙏🏽.' },
      { ...(sidecar.codes[2] as (typeof sidecar.codes)[number]), lines: [3, 3] },
    ];
    const messages = exportQdpx(withLabel).problems.map((entry) => entry.message);
    assert.ok(!messages.some((message) => message.startsWith('code dddd4444: its quote no longer matches')), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('code cccc3333: its quote no longer matches lines 3–3')), messages.join('\n'));
  });
});

describe('REFI-QDA export positions', () => {
  it('writes code points by default and UTF-16 units when asked, warning with the transcript named', () => {
    const spans = (positions?: 'utf16'): string[][] => {
      const result = exportQdpx({ ...study(), ...(positions === undefined ? {} : { positions }) });
      const source = all(parseXml(text(unzipEntries(result.bytes)['project.qde']), 'project.qde'), 'TextSource')[0] as XmlElement;
      return [
        ...all(source, 'PlainTextSelection').map((selection) => [selection.attributes['startPosition'] ?? '', selection.attributes['endPosition'] ?? '']),
        result.problems.filter((entry) => entry.file === PATH && /outside the BMP/u.test(entry.message)).map((entry) => entry.message).join(''),
      ].flat().map(String).join(',').split(';').map((part) => part.split(','));
    };
    const lineTwo = TEXT.split('\n')[1] ?? '';
    const lineOneUnits = (TEXT.split('\n')[0] ?? '').length;
    const lineOnePoints = Array.from(TEXT.split('\n')[0] ?? '').length;
    const points = spans().flat();
    const units = spans('utf16').flat();
    // Line 2 starts after line 1: one emoji is one code point and two UTF-16 units.
    assert.ok(points.includes(String(lineOnePoints + 1)) && points.includes(String(lineOnePoints + 1 + Array.from(lineTwo).length)), points.join(','));
    assert.ok(units.includes(String(lineOneUnits + 1)) && units.includes(String(lineOneUnits + 1 + lineTwo.length)), units.join(','));
    assert.match(points.join(','), /holds 3 character\(s\) outside the BMP.*code points as REFI-QDA says.*--positions utf16/u);
    assert.match(units.join(','), /holds 3 character\(s\) outside the BMP.*UTF-16 code units as asked/u);
  });

  it('a UTF-16 export comes back on the same lines (the import detects the unit)', () => {
    const back = importQdpx(exportQdpx({ ...study(), positions: 'utf16' }).bytes, 'studi.qdpx');
    const read = parseSidecar(back.files.find((file) => file.path === `${PATH}.codes.yaml`)?.content ?? '', 'x');
    if (read.status !== 'ok') return assert.fail(JSON.stringify(read));
    assert.deepEqual(read.data.codes.map((code) => code.lines).sort(), [[1, 1], [1, 1], [1, 1], [2, 2]]);
    assert.ok(back.positionReadings.some((reading) => reading.unit === 'utf16'));
  });
});
