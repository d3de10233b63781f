import { strict as assert } from 'node:assert';
import { TempStudy } from './helpers/temp-study';
import { unzipEntries } from './helpers/refi-qda';
import { EXAMPLES, REPORT_STUDY_FILES } from './report-fixtures';

describe('transcript-coder export: reports and tables', () => {
  let study: TempStudy;
  beforeEach(async () => {
    study = await TempStudy.create(REPORT_STUDY_FILES);
  });
  afterEach(async () => {
    await study.dispose();
  });

  it('writes the Markdown report with the memos, lists what it left out on stderr and exits 1', async () => {
    const { code, stdout, stderr } = await study.cli('export', '.', '--format', 'md', '-o', 'out/report.md');
    assert.equal(code, 1);
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, stderr);
    assert.match(lines[0] ?? '', /^b\/rusak\.txt\.codes\.yaml:3:1: error: left out of the report: every code of b\/rusak\.txt/u);
    assert.match(lines[1] ?? '', /^c\/tanpa\.txt\.codes\.yaml:1:1: error: left out of the report: 1 coded segment of c\/tanpa\.txt/u);
    assert.match(stdout, /wrote .*report\.md \(md\); 2 left out \(unreadable sidecars, codes not on their text\), see above/u);
    const report = await study.read('out/report.md');
    assert.match(report, /^# Findings: tc-study-/u);
    assert.match(report, /Exported with Transcript Coder on \d{4}-\d{2}-\d{2}\./u);
    assert.ok(report.includes('#### Analytic memo\n\n\\# Not a heading'));
    assert.ok(report.includes('## Left out\n\n- b/rusak'));
  });

  it('exits 0 when nothing was left out', async () => {
    await study.write('b/rusak.txt.codes.yaml', 'version: 1\ntranscript: rusak.txt\nattributes:\n  agency: Dinas B\ncodes: []\n');
    await study.write('c/tanpa.txt.codes.yaml', (REPORT_STUDY_FILES['c/tanpa.txt.codes.yaml'] ?? '').replace('attributes:\n', 'attributes:\n  agency: Dinas C\n'));
    const { code, stderr } = await study.cli('export', '.', '--format', 'md', '-o', 'report.md', '--lang', 'id');
    assert.deepEqual([code, stderr], [0, '']);
    assert.match(await study.read('report.md'), /## Tidak disertakan\n\nTidak ada yang ditinggalkan/u);
  });

  it('says so when memos.yaml is broken, and still writes the report', async () => {
    await study.write('memos.yaml', 'version: 1\nmemos:\n  - agency: [\n');
    const { code, stderr } = await study.cli('export', '.', '--format', 'md', '-o', 'report.md');
    assert.equal(code, 1);
    assert.match(stderr, /^memos\.yaml:\d+:1: error: left out of the report: the analytic memos: memos\.yaml cannot be read/mu);
    assert.ok(!(await study.read('report.md')).includes('Analytic memo'));
  });

  it('writes every format of the example study, nothing left out', async () => {
    for (const [format, file] of [['md', 'r.md'], ['docx', 'r.docx'], ['csv', 'segments.csv'], ['matrix-csv', 'matrix.csv'], ['matrix-svg', 'matrix.svg']] as const) {
      const { code, stdout, stderr } = await study.cli('export', EXAMPLES, '--format', format, '-o', file, '--lang', 'id');
      assert.deepEqual([code, stderr], [0, ''], format);
      assert.match(stdout, new RegExp(`wrote .*${file.replace('.', '\\.')} \\(${format}\\)\\n$`, 'u'));
    }
    const entries = unzipEntries(await study.readBytes('r.docx'));
    assert.match(new TextDecoder().decode(entries['word/document.xml']), /Hasil penelitian: examples/u);
    const csv = await study.readBytes('segments.csv');
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match((await study.read('matrix.csv')).split('\r\n')[1] ?? '', /^jones\/organization,dimension,Organisasi,all,17,23,40$/u);
    assert.match(await study.read('matrix.svg'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/u);
  });
});
