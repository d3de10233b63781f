import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { exportFormat } from '../../src/core/exports/formats';
import { csvRecord, encodeCsv, neutralizeFormula } from '../../src/core/report/csv';
import { ALL_POLARITIES, NO_AGENCY_COLUMN } from '../../src/core/report/matrix-csv';
import { SEGMENT_COLUMNS } from '../../src/core/report/segments-csv';
import { placedSegmentsOf } from '../../src/core/study/summary';
import { FORMULA, loadExampleStudy, loadReportStudy } from './report-fixtures';

/** RFC 4180, strictly: CRLF between records, quoted fields with doubled quotes, nothing else accepted. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        assert.ok(quote >= 0, 'unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/u);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      assert.notEqual(text[i + field.length], '"', 'a quote inside an unquoted field');
      i += field.length;
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
    } else {
      assert.equal(text.slice(i, i + 2), '\r\n', `records must end in CRLF (at ${i})`);
      i += 2;
      records.push(record);
      record = [];
    }
  }
  return records;
}

function decodeWithBom(bytes: Uint8Array): string {
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
}

function render(id: string, study: Parameters<NonNullable<ReturnType<typeof exportFormat>>['render']>[0]['study']) {
  const result = exportFormat(id)?.render({ study, name: 'uji', language: 'en' });
  assert.ok(result?.bytes !== undefined);
  return { rows: parseCsv(decodeWithBom(result.bytes)), problems: result.problems };
}

describe('CSV tables', () => {
  it('writes one row per coded segment with every attribute, and parses back to the segments', async () => {
    const study = await loadExampleStudy();
    const [header, ...rows] = render('csv', study).rows;
    assert.deepEqual<string[]>(header, [...SEGMENT_COLUMNS]);
    const column = (name: string): number => header.indexOf(name);
    const expected = study.records.flatMap((record) =>
      placedSegmentsOf(record).segments.map((s) => [record.agency, s.file, String(s.lines[0]), String(s.lines[1]), s.code, s.polarity, s.factor, s.coder, s.memo ?? '', s.quote, s.text, s.id].join('\u0001')),
    );
    const actual = rows.map((row) => {
      const code = [row[column('framework')], row[column('dimension')], row[column('indicator')]].filter((part) => part !== '').join('/');
      return [row[column('agency')], row[column('file')], row[column('first_line')], row[column('last_line')], code, row[column('polarity')],
        row[column('factor')], row[column('coder')], row[column('memo')], row[column('quote')], row[column('text')], row[column('code_id')]].join('\u0001');
    });
    assert.deepEqual([...actual].sort(), [...expected].sort());
    assert.equal(rows.length, 78);
    // kepala-badan.txt gets its agency from its front matter, the other transcripts from their sidecars.
    const kaban = rows.find((row) => row[column('file')] === 'transcripts/bkpsdm/kepala-badan.txt');
    assert.deepEqual([kaban?.[column('agency')], kaban?.[column('informant')], kaban?.[column('role')], kaban?.[column('date')], kaban?.[column('source')]],
      ['BKPSDM Kabupaten Tanah Laut Selatan', 'Kepala Badan', 'Informan kunci', '2023-03-14', 'interview']);
  });

  it('adds other attributes as sorted columns, keeps quotes and commas intact, and neutralises formulas', async () => {
    const { study } = await loadReportStudy();
    const { rows: [header, ...rows], problems } = render('csv', study);
    assert.deepEqual(header?.slice(SEGMENT_COLUMNS.length), ['wilayah']);
    const column = (name: string): number => (header ?? []).indexOf(name);
    const byId = new Map(rows.map((row) => [row[column('code_id')], row]));
    assert.equal(byId.get('b4')?.[column('factor')], `'${FORMULA}`);
    assert.equal(byId.get('b4')?.[column('memo')], "'@SUM(A1:A2)");
    assert.equal(byId.get('b4')?.[column('quote')], "'-5 persen anggaran.");
    assert.equal(byId.get('b4')?.[column('wilayah')], 'Utara');
    assert.equal(byId.get('a4')?.[column('memo')], 'Lihat juga, catatan; ada "kutipan"');
    assert.equal(byId.get('a1')?.[column('wilayah')], '');
    // No agency: the row is kept with an empty agency, after the agencies.
    assert.equal(rows.at(-1)?.[column('code_id')], 'c1');
    assert.equal(rows.at(-1)?.[column('agency')], '');
    assert.ok(!byId.has('x'), 'nothing from the conflicted sidecar');
    assert.deepEqual(problems.map((p) => [p.file, p.severity]), [['b/rusak.txt.codes.yaml', 'error']]);
    assert.match(problems[0]?.message ?? '', /^left out of the table: every code of b\/rusak\.txt/u);
  });

  it('never lets a cell start a formula, and quotes only what must be quoted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer({ min: 0 })), { maxLength: 6 }), (values) => {
        const parsed = parseCsv(csvRecord(values));
        assert.equal(parsed.length, 1);
        parsed[0]?.forEach((cell, index) => {
          const value = values[index];
          assert.ok(!/^[=+\-@\t\r]/u.test(cell), `cell ${JSON.stringify(cell)} starts a formula`);
          assert.equal(cell, typeof value === 'number' ? String(value) : neutralizeFormula(value));
          if (typeof value === 'string' && !/^[=+\-@\t\r]/u.test(value)) assert.equal(cell, value);
          const written = csvRecord([value]);
          assert.equal(written.startsWith('"'), /[",\r\n]/u.test(cell), `quoting of ${JSON.stringify(written)}`);
        });
      }),
    );
    assert.equal(new TextDecoder('utf-8', { ignoreBOM: true }).decode(encodeCsv(['a'], [])), '\ufeffa\r\n');
  });

  it('writes the codes × agencies matrix: a row per code and polarity, a column per agency, counts that add up', async () => {
    const study = await loadExampleStudy();
    const [header, ...rows] = render('matrix-csv', study).rows;
    assert.deepEqual(header, ['code', 'level', 'label', 'polarity', 'BKPSDM Kabupaten Tanah Laut Selatan', 'Diskominfo Kabupaten Tanah Laut Selatan', 'total']);
    assert.equal(rows.length, (3 + 11) * 5, 'three dimensions and eleven indicators, each with all and four polarities');
    const row = (code: string, polarity: string): number[] =>
      (rows.find((r) => r[0] === code && r[3] === polarity) ?? []).slice(4).map(Number);
    const dimensions = rows.filter((r) => r[1] === 'dimension' && r[3] === ALL_POLARITIES);
    assert.equal(dimensions.reduce((sum, r) => sum + Number(r[6]), 0), 78, 'dimension rows add up to every segment');
    assert.deepEqual(row('jones/organization', ALL_POLARITIES), [17, 23, 40]);
    assert.deepEqual(row('jones/organization', 'inhibiting'), [8, 10, 18]);
    const polarities = ['supporting', 'inhibiting', 'effort', 'neutral'].map((p) => row('jones/application', p));
    assert.deepEqual(polarities.reduce((a, b) => a.map((v, i) => v + (b[i] ?? 0))), row('jones/application', ALL_POLARITIES));
    const indicators = rows.filter((r) => r[0]?.startsWith('jones/organization/') && r[3] === ALL_POLARITIES).map((r) => Number(r[6]));
    assert.ok(indicators.reduce((a, b) => a + b, 0) <= 40, 'indicator rows are part of their dimension');
    assert.deepEqual(rows.find((r) => r[0] === 'jones/organization/coordination')?.slice(1, 3), ['indicator', 'Organization › Coordination between parties']);
  });

  it('gives transcripts without an agency their own column and neutralises hostile agency names', async () => {
    const { study } = await loadReportStudy({
      ...(await import('./report-fixtures')).REPORT_STUDY_FILES,
      'd/jahat.txt': 'X: y\n',
      'd/jahat.txt.codes.yaml': 'version: 1\ntranscript: jahat.txt\nattributes:\n  agency: "=HYPERLINK(\\"http://x\\")"\ncodes:\n  - id: d1\n    lines: [1, 1]\n    code: jones/application\n    polarity: supporting\n    factor: f\n    quote: y\n    coder: rina\n',
    });
    const [header, ...rows] = render('matrix-csv', study).rows;
    assert.deepEqual(header?.slice(4), ["'=HYPERLINK(\"http://x\")", 'Dinas A', 'Dinas B', NO_AGENCY_COLUMN, 'total']);
    assert.deepEqual(rows.find((r) => r[0] === 'jones/application' && r[3] === ALL_POLARITIES)?.slice(4), ['1', '1', '2', '1', '5']);
  });
});
