import { strict as assert } from 'node:assert';
import { exportFormat, renderExport } from '../../src/core/exports/formats';
import { buildFindingsReport } from '../../src/core/report/findings';
import { QUOTE_STYLE_ID, renderFindingsDocx, xmlSafe } from '../../src/core/report/findings-docx';
import { childrenNamed, parseXml, type XmlElement } from '../../src/core/xml/xml-reader';
import { COMMAND_LINK, FORMULA, loadReportStudy, REPORT_STUDY_FILES, SCRIPT_TAG } from './report-fixtures';
import { unzipEntries } from './helpers/refi-qda';

async function docxOf(files = REPORT_STUDY_FILES, language = 'en'): Promise<{ entries: Record<string, Uint8Array>; document: XmlElement; xml: string }> {
  const { study, memos } = await loadReportStudy(files);
  const bytes = await renderFindingsDocx(buildFindingsReport({ study, name: 'uji', language, exportedOn: '2024-05-01', memos }));
  const entries = unzipEntries(bytes);
  const xml = new TextDecoder().decode(entries['word/document.xml']);
  // parseXml throws on anything that is not well-formed XML.
  return { entries, document: parseXml(xml, 'word/document.xml'), xml };
}

/** Each paragraph of the body as [style, text]; the reader names elements by local name (`p` for `w:p`). */
function paragraphs(document: XmlElement): [string, string][] {
  const body = childrenNamed(document, 'body')[0];
  assert.ok(body !== undefined);
  return childrenNamed(body, 'p').map((p) => [styleOf(p), textOf(p)]);
}

function styleOf(paragraph: XmlElement): string {
  const properties = childrenNamed(paragraph, 'pPr')[0];
  if (properties === undefined) return '';
  // A list paragraph has a numbering reference (and the ListParagraph style).
  if (childrenNamed(properties, 'numPr').length > 0) return 'bullet';
  return childrenNamed(properties, 'pStyle')[0]?.attributes['w:val'] ?? '';
}

/** The text of the runs (`w:t`) under an element. */
function textOf(element: XmlElement): string {
  return element.name === 't' ? element.text : element.children.map(textOf).join('');
}

describe('findings report as .docx', () => {
  it('is a zip with a well-formed word/document.xml and the parts Word needs', async () => {
    const { entries } = await docxOf();
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'docProps/core.xml']) {
      assert.ok(entries[part] !== undefined, `missing ${part}`);
      parseXml(new TextDecoder().decode(entries[part]), part);
    }
  });

  it('has the report headings as Word headings, factors as bullets and quotes in the Quote style', async () => {
    const { document } = await docxOf();
    const found = paragraphs(document);
    const headingsFound = found.filter(([style]) => /^(Title|Heading\d)$/u.test(style));
    assert.deepEqual(headingsFound.slice(0, 7), [
      ['Title', 'Findings: uji'],
      ['Heading1', 'Dinas A'],
      ['Heading2', 'Organization'],
      ['Heading3', 'Supporting factors'],
      ['Heading3', 'Inhibiting factors'],
      ['Heading3', 'Efforts'],
      ['Heading3', 'Analytic memo'],
    ]);
    assert.deepEqual(headingsFound.slice(-6), [
      ['Heading1', 'Inhibiting factors ranked'],
      ['Heading1', 'Dimensions coded together'],
      ['Heading2', 'Dinas A'],
      ['Heading2', 'Dinas B'],
      ['Heading2', 'Whole study'],
      ['Heading1', 'Left out'],
    ]);
    const bulletAt = found.findIndex(([style, text]) => style === 'bullet' && text.startsWith('Tenaga ahli TI masih kurang'));
    assert.equal(found[bulletAt]?.[1], 'Tenaga ahli TI masih kurang — Kepala Dinas (Informan kunci) · interview, observation — 1 informant, 2 segments');
    assert.deepEqual(found[bulletAt + 1], [QUOTE_STYLE_ID, '“Pegawai yang paham TI masih kurang.” — Kepala Dinas, a/kadis.txt:2']);
    assert.ok(found.some(([style, text]) => style === 'bullet' && text.startsWith('b/rusak.txt.codes.yaml:3 — every code of b/rusak.txt')));
  });

  it('puts the ranking in a real table with a header row', async () => {
    const { document } = await docxOf();
    const body = childrenNamed(document, 'body')[0] as XmlElement;
    const tables = childrenNamed(body, 'tbl');
    assert.equal(tables.length, 1);
    const rows = childrenNamed(tables[0] as XmlElement, 'tr').map((row) => childrenNamed(row, 'tc').map(textOf));
    assert.deepEqual(rows[0], ['#', 'Inhibiting factor', 'Dimensions', 'Agencies', 'Informants', 'Segments', 'Sources']);
    assert.deepEqual(rows[1], ['1', 'Tenaga ahli TI masih kurang', 'Organization', '2', '2', '3', 'interview, observation']);
    assert.equal(rows.length, 4);
  });

  it('keeps hostile names as plain text and drops characters XML cannot hold', async () => {
    const files = {
      ...REPORT_STUDY_FILES,
      'a/kadis.txt.codes.yaml': (REPORT_STUDY_FILES['a/kadis.txt.codes.yaml'] ?? '').replace('Rapat koordinasi bulanan', 'Rapat\\u0001 koordinasi \\uFFFE bulanan'),
    };
    const { document, xml } = await docxOf(files);
    const text = paragraphs(document).map(([, t]) => t).join('\n');
    for (const hostile of [COMMAND_LINK, SCRIPT_TAG, FORMULA]) assert.ok(text.includes(hostile), `${hostile} is not shown as text`);
    assert.ok(!xml.includes('<script>'), 'the script tag is escaped in the XML');
    assert.ok(text.includes('Rapat koordinasi  bulanan'), 'the control characters are dropped');
    assert.equal(xmlSafe('a\u0000b\uD800c\r\nd\u{1F600}'), 'abc d\u{1F600}');
  });

  it('speaks Indonesian with --lang id', async () => {
    const { document } = await docxOf(REPORT_STUDY_FILES, 'id');
    const texts = paragraphs(document).map(([, t]) => t);
    for (const heading of ['Hasil penelitian: uji', 'Organisasi', 'Faktor penghambat', 'Peringkat faktor penghambat', 'Tidak disertakan']) {
      assert.ok(texts.includes(heading), `missing ${heading}`);
    }
  });

  it('is the registry format `docx`, whose bytes come through renderExport', async () => {
    const { study, memos } = await loadReportStudy();
    const format = exportFormat('docx');
    assert.ok(format !== undefined);
    const { bytes, problems } = await renderExport(format, { study, name: 'uji', language: 'en', memos, exportedOn: '2024-05-01' });
    assert.ok(bytes !== undefined && bytes[0] === 0x50 && bytes[1] === 0x4b, 'a zip file starts with PK');
    assert.deepEqual(problems.map((p) => p.file), ['b/rusak.txt.codes.yaml', 'c/tanpa.txt.codes.yaml']);
  });
});
