import { strict as assert } from 'node:assert';
import { buildFindingsReport, type FindingsReport } from '../../src/core/report/findings';
import { renderFindingsMarkdown } from '../../src/core/report/findings-markdown';
import { COMMAND_LINK, loadExampleStudy, loadReportStudy, SCRIPT_TAG } from './report-fixtures';

async function handBuiltReport(language = 'en'): Promise<FindingsReport> {
  const { study, memos } = await loadReportStudy();
  return buildFindingsReport({ study, name: 'Studi <uji>', language, exportedOn: '2024-05-01', memos });
}

/** The Markdown headings in order, `#` marks included. */
function headings(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^#{1,6} /u.test(line));
}

describe('findings report', () => {
  it('is shaped like a findings chapter: per agency, per dimension in codebook order, polarities in codebook order, then ranking, co-occurrence and left out', async () => {
    const markdown = renderFindingsMarkdown(await handBuiltReport());
    assert.deepEqual(headings(markdown), [
      '# Findings: Studi &lt;uji>',
      '## Dinas A',
      '### Organization',
      '#### Supporting factors',
      '#### Inhibiting factors',
      '#### Efforts',
      '#### Analytic memo',
      '### Application',
      '#### Inhibiting factors',
      '## Dinas B',
      '### Organization',
      '#### Supporting factors',
      '#### Inhibiting factors',
      '### Application',
      '#### Inhibiting factors',
      '#### Descriptive findings',
      '## Dinas C',
      '### Application',
      '#### Analytic memo',
      '## Inhibiting factors ranked',
      '## Dimensions coded together',
      '### Dinas A',
      '### Dinas B',
      '### Whole study',
      '## Left out',
    ]);
  });

  it('opens with a method paragraph counting transcripts, source types, agencies, informants and coders, dated by the caller', async () => {
    const report = await handBuiltReport();
    assert.deepEqual(report.method, {
      exportedOn: '2024-05-01',
      transcripts: 3,
      sources: [
        { source: 'interview', transcripts: 2 },
        { source: 'observation', transcripts: 1 },
      ],
      agencies: 2,
      informants: 2,
      coders: ['rina'],
      segments: 9,
      frameworks: ['Charles O. Jones'],
    });
    assert.match(renderFindingsMarkdown(report), /3 transcripts \(2 interviews and 1 observation\) from 2 agencies, with 2 informants\..*on 2024-05-01\./u);
  });

  it('gives each factor its triangulation: source types, informants with roles, segments; factors spelled alike are one', async () => {
    const report = await handBuiltReport();
    const organization = report.agencies[0]?.dimensions[0];
    const inhibiting = organization?.polarities.find((p) => p.polarity === 'inhibiting');
    assert.equal(inhibiting?.factors.length, 1, 'the observation note spells the factor with other case and spacing');
    const factor = inhibiting?.factors[0];
    assert.equal(factor?.factor, 'Tenaga ahli TI masih kurang');
    assert.equal(factor?.segments, 2);
    assert.deepEqual(factor?.sources, ['interview', 'observation']);
    assert.deepEqual(factor?.informants, [{ informant: 'Kepala Dinas', role: 'Informan kunci' }]);
    const markdown = renderFindingsMarkdown(report);
    assert.ok(
      markdown.includes('- **Tenaga ahli TI masih kurang** — Kepala Dinas (Informan kunci) · interview, observation — 1 informant, 2 segments'),
      markdown,
    );
  });

  it('quotes one or two passages from different voices, with file and lines', async () => {
    const markdown = renderFindingsMarkdown(await handBuiltReport());
    const bullet = markdown.indexOf('- **Tenaga ahli TI masih kurang**');
    const quotes = markdown.slice(bullet).split('\n').slice(1, 4);
    assert.deepEqual(quotes, [
      '  > “Pegawai yang paham TI masih kurang.” — Kepala Dinas, a/kadis.txt:2',
      '  >',
      '  > “Hanya satu programmer yang bertugas di ruang server.” — observation, a/observasi.txt:1',
    ]);
  });

  it('quotes the full coded lines of the example study, not only the 80-character sidecar quote', async () => {
    const study = await loadExampleStudy();
    const markdown = renderFindingsMarkdown(buildFindingsReport({ study, name: 'examples', language: 'en', exportedOn: '2024-05-01' }));
    // kepala-badan.txt:18-19 is longer than a sidecar quote; the report prints it whole.
    assert.match(markdown, /“Nah, ini kendala utama kami\. .*Yang lain belajar sambil jalan\.” — Kepala Badan, transcripts\/bkpsdm\/kepala-badan\.txt:18-19/u);
  });

  it('orders factors within a polarity by informants, then segments', async () => {
    const study = await loadExampleStudy();
    const report = buildFindingsReport({ study, name: 'examples', language: 'en', exportedOn: '2024-05-01' });
    for (const agency of report.agencies) {
      for (const dimension of agency.dimensions) {
        for (const polarity of dimension.polarities) {
          const weights = polarity.factors.map((f) => [f.informants.length, f.segments] as const);
          const sorted = [...weights].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
          assert.deepEqual(weights, sorted, `${agency.agency} ${dimension.dimension} ${polarity.polarity}`);
        }
      }
    }
  });

  it('includes the analytic memo of each agency × dimension, escaped, with author and date; a memo alone makes its section', async () => {
    const report = await handBuiltReport();
    const markdown = renderFindingsMarkdown(report);
    const memoAt = markdown.indexOf('#### Analytic memo');
    assert.ok(memoAt > markdown.indexOf('## Dinas A') && memoAt < markdown.indexOf('### Application'));
    assert.ok(markdown.includes('\\# Not a heading \\[open\\](command:evil)\n\nSecond paragraph &lt;b>bold&lt;/b>.\n\n*— rina, 2024-05-02*'));
    assert.equal(report.agencies[2]?.agency, 'Dinas C');
    assert.equal(report.agencies[2]?.dimensions[0]?.memos[0]?.text, 'Hanya memo, belum ada kode.');
    assert.ok(markdown.includes('### Application\n\nNo coded segments.\n\n#### Analytic memo\n\nHanya memo, belum ada kode.'));
  });

  it('ranks inhibiting factors by agencies, then informants, across the study, ties sharing a rank', async () => {
    const report = await handBuiltReport();
    assert.deepEqual(
      report.ranking.map((f) => [f.rank, f.factor, f.agencies, f.informants, f.segments, f.sources]),
      [
        [1, 'Tenaga ahli TI masih kurang', ['Dinas A', 'Dinas B'], 2, 3, ['interview', 'observation']],
        [2, SCRIPT_TAG, ['Dinas B'], 1, 1, ['interview']],
        [2, 'Anggaran dialihkan', ['Dinas A'], 1, 1, ['interview']],
      ],
    );
    const markdown = renderFindingsMarkdown(report);
    assert.ok(markdown.includes('| 1 | Tenaga ahli TI masih kurang | Organization | 2 | 2 | 3 | interview, observation |'));
  });

  it('counts the same title in two agencies as two informants in the ranking', async () => {
    const study = await loadExampleStudy();
    const report = buildFindingsReport({ study, name: 'examples', language: 'en', exportedOn: '2024-05-01' });
    const staff = report.ranking.find((f) => f.factor === 'Tenaga ahli TI masih kurang');
    // BKPSDM: Kepala Badan, Kabid Mutasi, Staf Operator; Diskominfo: Kadis, Kabid Aptika.
    assert.deepEqual([staff?.rank, staff?.agencies.length, staff?.informants], [1, 2, 5]);
  });

  it('escapes hostile factor names so they render as text, never as links or HTML', async () => {
    const markdown = renderFindingsMarkdown(await handBuiltReport());
    assert.ok(!markdown.includes(COMMAND_LINK), 'a command link survived');
    assert.ok(!markdown.includes('<script>'), 'a script tag survived');
    assert.ok(markdown.includes('\\[x\\](command:workbench.action.terminal.new)'));
    assert.ok(markdown.includes('&lt;script>alert(1)&lt;/script>'));
    assert.ok(!/(?<!\\)\]\(command:/u.test(markdown), 'no unescaped link target anywhere');
  });

  it('lists what it left out and why: a sidecar with conflict markers and a transcript without an agency', async () => {
    const report = await handBuiltReport();
    assert.deepEqual(
      report.problems.map((p) => [p.file, p.line, p.severity]),
      [
        ['b/rusak.txt.codes.yaml', 3, 'error'],
        ['c/tanpa.txt.codes.yaml', 1, 'error'],
      ],
    );
    const leftOut = renderFindingsMarkdown(report).split('## Left out\n')[1] ?? '';
    assert.match(leftOut, /^- b\/rusak\.txt\.codes\.yaml:3 — every code of b\/rusak\.txt: its sidecar cannot be read \(git merge conflict markers, line 3: /mu);
    assert.match(leftOut, /^- c\/tanpa\.txt\.codes\.yaml:1 — 1 coded segment of c\/tanpa\.txt: the transcript has no agency/mu);
  });

  it('says nothing was left out when every sidecar was read', async () => {
    const study = await loadExampleStudy();
    const report = buildFindingsReport({ study, name: 'examples', language: 'en', exportedOn: '2024-05-01' });
    assert.deepEqual(report.problems, []);
    assert.match(renderFindingsMarkdown(report), /## Left out\n\nNothing was left out: every sidecar of the study was read and every code is on its text\.\n$/u);
  });

  it('leaves the memos out, and says so, when memos.yaml is broken', async () => {
    const { study } = await loadReportStudy();
    const report = buildFindingsReport({
      study,
      name: 'uji',
      language: 'en',
      exportedOn: '2024-05-01',
      memos: { path: 'memos.yaml', memos: [], broken: true, problems: [{ kind: 'memos-invalid', file: 'memos.yaml', line: 4, column: 3, severity: 'error', message: 'bad' }] },
    });
    assert.ok(report.agencies.every((a) => a.dimensions.every((d) => d.memos.length === 0)));
    assert.deepEqual(report.leftOut.at(-1), { file: 'memos.yaml', line: 4, reason: 'the analytic memos: memos.yaml cannot be read (line 4: bad)' });
  });

  it('speaks Indonesian with --lang id: headings, dimension labels, source types', async () => {
    const markdown = renderFindingsMarkdown(await handBuiltReport('id'));
    const found = headings(markdown);
    for (const heading of ['# Hasil penelitian: Studi &lt;uji>', '### Organisasi', '#### Faktor pendukung', '#### Faktor penghambat', '#### Upaya',
      '#### Temuan deskriptif', '#### Memo analitis', '## Peringkat faktor penghambat', '## Tidak disertakan']) {
      assert.ok(found.includes(heading), `missing ${heading}`);
    }
    assert.match(markdown, /wawancara, observasi — 1 informan, 2 segmen/u);
  });
});
