import { strict as assert } from 'node:assert';
import { buildFindingsReport } from '../../src/core/report/findings';
import { renderFindingsDocx } from '../../src/core/report/findings-docx';
import { renderFindingsMarkdown } from '../../src/core/report/findings-markdown';
import { childrenNamed, parseXml, type XmlElement } from '../../src/core/xml/xml-reader';
import { COOCCURRENCE_FILES, loadCooccurrenceStudy } from './cooccurrence-fixtures';
import { unzipEntries } from './helpers/refi-qda';

async function handMadeReport(language = 'en') {
  return buildFindingsReport({ study: await loadCooccurrenceStudy(), name: 'uji', language, exportedOn: '2024-05-01' });
}

function textOf(element: XmlElement): string {
  return element.name === 't' ? element.text : element.children.map(textOf).join('');
}

describe('findings report: co-occurrence section', () => {
  // The counts are worked out by hand in cooccurrence.test.ts.
  it('gives a table per agency and one for the study in Markdown, the most shared lines first, before what was left out', async () => {
    const markdown = renderFindingsMarkdown(await handMadeReport());
    const section = markdown.slice(markdown.indexOf('## Dimensions coded together'), markdown.indexOf('## Left out'));
    assert.equal(
      section,
      [
        '## Dimensions coded together',
        '',
        'Pairs of dimensions coded on the same lines of a transcript: the number of lines coded with both, and the number of pairs of segments ' +
          'whose lines overlap. The codes counted are those of the findings above; what the report lists at its end as left out is not counted.',
        '',
        '### Dinas A',
        '',
        '| Dimension | Coded together with | Lines | Segment pairs |',
        '| --- | --- | ---: | ---: |',
        '| Organization | Interpretation | 3 | 3 |',
        '| Interpretation | Application | 2 | 1 |',
        '| Organization | Application | 1 | 1 |',
        '',
        '### Dinas B',
        '',
        '| Dimension | Coded together with | Lines | Segment pairs |',
        '| --- | --- | ---: | ---: |',
        '| Organization | Application | 1 | 2 |',
        '',
        '### Whole study',
        '',
        '| Dimension | Coded together with | Lines | Segment pairs |',
        '| --- | --- | ---: | ---: |',
        '| Organization | Interpretation | 3 | 3 |',
        '| Organization | Application | 2 | 3 |',
        '| Interpretation | Application | 2 | 1 |',
        '',
        '',
      ].join('\n'),
    );
    // What the counts leave out is in the report's last section, with the reason.
    const leftOut = markdown.slice(markdown.indexOf('## Left out'));
    for (const file of ['c/rusak.txt.codes.yaml:3', 'a/satu.txt:9', 'c/tanpa.txt.codes.yaml:1']) assert.ok(leftOut.includes(file), file);
  });

  it('says so where no two dimensions share a line, in the report\'s language', async () => {
    const files = { ...COOCCURRENCE_FILES };
    delete files['a/satu.txt.codes.yaml'];
    const report = buildFindingsReport({ study: await loadCooccurrenceStudy(files), name: 'uji', language: 'id', exportedOn: '' });
    const markdown = renderFindingsMarkdown(report);
    const section = markdown.slice(markdown.indexOf('## Dimensi yang dikodekan bersama'), markdown.indexOf('## Tidak disertakan'));
    assert.match(section, /### Dinas B\n\n\| Dimensi \| Dikodekan bersama dengan \| Baris \| Pasangan segmen \|\n\| --- \| --- \| ---: \| ---: \|\n\| Organisasi \| Aplikasi \| 1 \| 2 \|/u);
    const noPairs = buildFindingsReport({ study: await loadCooccurrenceStudy({ 'codebook.yaml': files['codebook.yaml'] ?? '' }), name: 'uji', language: 'id', exportedOn: '' });
    assert.match(renderFindingsMarkdown(noPairs), /### Seluruh penelitian\n\nTidak ada dua dimensi yang dikodekan pada baris yang sama\.\n/u);
  });

  it('gives the same tables as real Word tables under Word headings', async () => {
    const xml = new TextDecoder().decode(unzipEntries(await renderFindingsDocx(await handMadeReport()))['word/document.xml']);
    const body = childrenNamed(parseXml(xml, 'word/document.xml'), 'body')[0] as XmlElement;
    const tables = childrenNamed(body, 'tbl').map((table) => childrenNamed(table, 'tr').map((row) => childrenNamed(row, 'tc').map(textOf)));
    // The ranking of inhibiting factors, then Dinas A, Dinas B and the study.
    assert.equal(tables.length, 4);
    assert.deepEqual(tables[3], [
      ['Dimension', 'Coded together with', 'Lines', 'Segment pairs'],
      ['Organization', 'Interpretation', '3', '3'],
      ['Organization', 'Application', '2', '3'],
      ['Interpretation', 'Application', '2', '1'],
    ]);
    assert.deepEqual(tables[2], [
      ['Dimension', 'Coded together with', 'Lines', 'Segment pairs'],
      ['Organization', 'Application', '1', '2'],
    ]);
  });
});
