/**
 * Reports cite only what is there (issue 12, item 4). An orphaned code (its quote is no
 * longer in the transcript; its old line 9 is now blank), a code whose text moved to
 * another line, and the codes of a sidecar whose transcript is gone are never given as
 * evidence — not in the Markdown or .docx findings, the segments CSV, the code matrix,
 * the study matrix, `summary --json` or the sidebar's model — and each is named with its
 * reason where the export says what it left out. Codes on their text are retrieved with
 * the whole coded text of their lines, not the 80-character quote.
 */
import { strict as assert } from 'node:assert';
import { buildFindingsReport } from '../../src/core/report/findings';
import { renderFindingsDocx } from '../../src/core/report/findings-docx';
import { renderFindingsMarkdown } from '../../src/core/report/findings-markdown';
import { codeMatrixTable } from '../../src/core/report/matrix-csv';
import { segmentTable } from '../../src/core/report/segments-csv';
import { buildStudyMatrix } from '../../src/core/report/study-matrix';
import { quoteOfLines } from '../../src/core/transcript/quote';
import { loadStudy, type Study } from '../../src/core/study/study';
import { summarize, summaryToJson } from '../../src/core/study/summary';
import { FactorModel, NO_FILTERS } from '../../src/extension/sidebar/study-view';
import { SMALL_CODEBOOK } from './helpers/temp-study';
import { unzipEntries } from './helpers/refi-qda';
import { memoryReader } from './report-fixtures';

const LONG_LINE =
  'Jaringan internet di kantor masih sering putus, kalau ada aduan tidak langsung dijawab, sehingga layanan daring kami sering tertunda berhari-hari.';

const code = (id: string, lines: [number, number], polarity: string, factor: string, quote: string): string =>
  `  - id: ${id}\n    lines: [${lines[0]}, ${lines[1]}]\n    code: jones/organization\n    polarity: ${polarity}\n    factor: ${JSON.stringify(factor)}\n    quote: ${JSON.stringify(quote)}\n    coder: rina\n`;

const FILES: Record<string, string> = {
  'codebook.yaml': SMALL_CODEBOOK,
  'kominfo/kadis.txt': [
    'Pewawancara: Apa kendalanya?',
    `Kadis: ${LONG_LINE}`,
    'Kadis: Anggaran dialihkan untuk banjir.',
    '',
    'Kadis: Kami melatih operator setiap bulan.',
    'Pewawancara: Ada lagi?',
    'Kadis: Itu saja.',
    'Pewawancara: Terima kasih.',
    '',
    'Kadis: Sama-sama.',
    '',
  ].join('\n'),
  'kominfo/kadis.txt.codes.yaml':
    'version: 1\ntranscript: kadis.txt\nattributes:\n  agency: Diskominfo\n  informant: Kepala Dinas\n  source: interview\ncodes:\n' +
    code('k1', [2, 2], 'inhibiting', 'Jaringan sering putus', quoteOfLines([LONG_LINE], 1, 1)) +
    code('k2', [9, 9], 'inhibiting', 'Server sering mati', 'Server sering mati karena listrik padam.') +
    code('k3', [3, 3], 'effort', 'Pelatihan operator', 'Kami melatih operator setiap bulan.'),
  // The transcript of this sidecar was renamed away: nothing of it can be checked.
  'kominfo/hilang.txt.codes.yaml':
    'version: 1\ntranscript: hilang.txt\nattributes:\n  agency: Diskominfo\n  informant: Sekretaris\n  source: interview\ncodes:\n' +
    code('h1', [1, 1], 'supporting', 'Dukungan pimpinan', 'Pimpinan mendukung penuh.'),
};

async function study(): Promise<Study> {
  return loadStudy(memoryReader(FILES), { transcripts: 'all' });
}

const REASONS = {
  k2: 'its quote is no longer in the transcript',
  k3: 'its quote is now at line 5, not where the code says',
  h1: 'its transcript is missing or cannot be read',
};

describe('reports cite only codes on their text', () => {
  it('the summary counts only codes on their text and lists the others with their reason', async () => {
    const summary = summarize(await study(), { language: 'en' });
    const segments = summary.agencies.flatMap((a) => a.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)));
    assert.deepEqual(segments.map((s) => s.id), ['k1']);
    assert.equal(segments[0]?.text, LONG_LINE, 'the whole coded line, not the 80-character quote');
    assert.deepEqual(
      summary.leftOut.map((item) => [item.segment.id, item.offText.kind]),
      [['h1', 'no-transcript'], ['k3', 'moved'], ['k2', 'orphan']],
    );
    const json = summaryToJson(summary) as { leftOut: { file: string; lines: number[]; factor: string; reason: string }[] };
    assert.deepEqual(
      json.leftOut.map((item) => [item.file, item.lines[0], item.factor, item.reason.split(':')[0]]),
      [
        ['kominfo/hilang.txt', 1, 'Dukungan pimpinan', REASONS.h1],
        ['kominfo/kadis.txt', 3, 'Pelatihan operator', REASONS.k3.split(':')[0]],
        ['kominfo/kadis.txt', 9, 'Server sering mati', REASONS.k2],
      ],
    );
  });

  it('the Markdown findings quote no orphan and name each code left out with its reason', async () => {
    const report = buildFindingsReport({ study: await study(), name: 'uji', language: 'en', exportedOn: '2026-12-04' });
    const markdown = renderFindingsMarkdown(report);
    const [body, leftOut = ''] = markdown.split('## Left out');
    assert.ok(!body?.includes('kadis.txt:9'), 'no citation of the blank line 9');
    assert.ok(!body?.includes('Server sering mati'), 'the orphan is no factor of the findings');
    assert.ok(!body?.includes('Pelatihan operator'), 'the moved code is not cited at its old line');
    assert.ok(!body?.includes('Dukungan pimpinan'), 'a code of a missing transcript is not cited');
    assert.ok(body?.includes(`“${LONG_LINE}” — Kepala Dinas, kominfo/kadis.txt:2`), 'the code on its text is quoted in full');
    assert.doesNotMatch(leftOut, /Nothing was left out/u);
    assert.match(leftOut, new RegExp(`^- kominfo/kadis\\.txt:9 — the code jones/organization “Server sering mati” \\(“Server sering mati karena listrik padam\\.”\\): ${REASONS.k2}$`, 'mu'));
    assert.match(leftOut, new RegExp(`^- kominfo/kadis\\.txt:3 — the code jones/organization “Pelatihan operator” .*: ${REASONS.k3}`, 'mu'));
    assert.match(leftOut, new RegExp(`^- kominfo/hilang\\.txt:1 — the code jones/organization “Dukungan pimpinan” .*: ${REASONS.h1}$`, 'mu'));
    assert.deepEqual(
      report.problems.filter((p) => p.message.includes('the code')).map((p) => [p.file, p.line, p.severity]),
      [['kominfo/hilang.txt', 1, 'error'], ['kominfo/kadis.txt', 3, 'error'], ['kominfo/kadis.txt', 9, 'error']],
    );
  });

  it('the Indonesian findings give the reasons in Indonesian', async () => {
    const report = buildFindingsReport({ study: await study(), name: 'uji', language: 'id', exportedOn: '' });
    const leftOut = renderFindingsMarkdown(report).split('## Tidak disertakan')[1] ?? '';
    assert.match(leftOut, /kutipannya tidak lagi ada di transkrip/u);
    assert.match(leftOut, /kutipannya kini ada di baris 5/u);
    assert.match(leftOut, /transkripnya tidak ada atau tidak dapat dibaca/u);
  });

  it('the .docx findings name the codes left out, and quote none of them', async () => {
    const report = buildFindingsReport({ study: await study(), name: 'uji', language: 'en', exportedOn: '2026-12-04' });
    const entries = unzipEntries(await renderFindingsDocx(report));
    const xml = new TextDecoder().decode(entries['word/document.xml']);
    const [body, leftOut = ''] = xml.split('Left out');
    assert.ok(!body?.includes('Server sering mati') && !body?.includes('kadis.txt:9'));
    assert.ok(body?.includes(LONG_LINE));
    for (const reason of Object.values(REASONS)) assert.ok(leftOut.includes(reason), reason);
    assert.ok(!leftOut.includes('Nothing was left out'));
  });

  it('the segments CSV has rows only for codes on their text, with the whole text, and names the others', async () => {
    const table = segmentTable(await study(), 'en');
    const column = (name: string): number => table.header.indexOf(name);
    assert.deepEqual(table.rows.map((row) => row[column('code_id')]), ['k1']);
    assert.equal(table.rows[0]?.[column('text')], LONG_LINE);
    assert.equal(table.rows[0]?.[column('quote')], quoteOfLines([LONG_LINE], 1, 1));
    assert.deepEqual(
      table.problems.map((p) => [p.file, p.line, p.message.replace(/^.*: /u, '')]),
      [
        ['kominfo/hilang.txt', 1, REASONS.h1],
        ['kominfo/kadis.txt', 3, 're-anchor it'],
        ['kominfo/kadis.txt', 9, REASONS.k2],
      ],
    );
  });

  it('the code matrix counts only codes on their text and names the others', async () => {
    const table = codeMatrixTable(await study(), 'en');
    const row = table.rows.find((r) => r[0] === 'jones/organization' && r[3] === 'all');
    assert.deepEqual(row?.slice(4), [1, 1]);
    assert.equal(table.problems.length, 3);
  });

  it('the study matrix (webview and SVG) counts only codes on their text; its cell lists the others flagged', async () => {
    const summary = summarize(await study(), { language: 'en' });
    const matrix = buildStudyMatrix(summary, (await study()).codebook.codebook, 'en');
    const column = matrix.dimensions.findIndex((d) => d.path === 'jones/organization');
    const cell = matrix.cells[0]?.[column];
    assert.equal(cell?.total.segments, 1);
    assert.deepEqual(cell?.segments.map((s) => [s.id, s.text]), [['k1', LONG_LINE]]);
    assert.deepEqual(cell?.leftOut.map((item) => item.segment.id), ['h1', 'k3', 'k2']);
    assert.equal(matrix.leftOutCodes, 3);
  });

  it("the sidebar's model counts only codes on their text, and knows the others", async () => {
    const loaded = await study();
    const model = new FactorModel();
    model.rebuild(loaded.records, { codebook: loaded.codebook, filters: NO_FILTERS, language: 'en' });
    assert.deepEqual(model.agencyCounts('Diskominfo'), { segments: 1, informants: 1 });
    assert.equal(model.codeCounts().get('jones/organization'), 1);
    const segments = model.agency('Diskominfo')?.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)) ?? [];
    assert.deepEqual(segments.map((s) => s.id), ['k1']);
    assert.deepEqual(model.summary().leftOut.map((item) => item.segment.id), ['h1', 'k3', 'k2']);
    // The same answer as the CLI's summary.
    assert.deepEqual(model.summary().agencies, summarize(loaded, { language: 'en' }).agencies);
  });

  it('says nothing was left out only when every code is on its text', async () => {
    const files = { ...FILES };
    delete files['kominfo/hilang.txt.codes.yaml'];
    files['kominfo/kadis.txt.codes.yaml'] = (files['kominfo/kadis.txt.codes.yaml'] ?? '').split('  - id: k2')[0] ?? '';
    const report = buildFindingsReport({ study: await loadStudy(memoryReader(files), { transcripts: 'all' }), name: 'uji', language: 'en', exportedOn: '' });
    assert.deepEqual(report.leftOut, []);
    assert.match(renderFindingsMarkdown(report), /Nothing was left out: every sidecar of the study was read and every code is on its text\./u);
  });
});
