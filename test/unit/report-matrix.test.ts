import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { exportFormat } from '../../src/core/exports/formats';
import { renderMatrixSvg } from '../../src/core/report/matrix-svg';
import { buildStudyMatrix, cellBalance, cellFill, textColorOn } from '../../src/core/report/study-matrix';
import { summarize } from '../../src/core/study/summary';
import { parseXml, type XmlElement } from '../../src/core/xml/xml-reader';
import { COMMAND_LINK, loadExampleStudy, loadReportStudy, SCRIPT_TAG } from './report-fixtures';

async function handBuiltMatrix() {
  const { study } = await loadReportStudy();
  return buildStudyMatrix(summarize(study, { language: 'en' }), study.codebook.codebook, 'en');
}

function allText(element: XmlElement): string {
  return [element.text, ...element.children.map(allText)].join(' ');
}

describe('study matrix', () => {
  it('has a row per agency and a column per codebook dimension, empty ones included', async () => {
    const matrix = await handBuiltMatrix();
    assert.deepEqual(matrix.agencies, ['Dinas A', 'Dinas B']);
    assert.deepEqual(matrix.dimensions.map((d) => [d.path, d.label, d.color]), [
      ['jones/organization', 'Organization', '#4e79a7'],
      ['jones/application', 'Application', '#59a14f'],
    ]);
    assert.deepEqual(matrix.polarities.map((p) => p.id), ['supporting', 'inhibiting', 'effort', 'neutral']);
    assert.equal(matrix.unassignedSegments, 1);
  });

  it('counts segments and distinct informants per polarity in each cell', async () => {
    const matrix = await handBuiltMatrix();
    const organizationA = matrix.cells[0]?.[0];
    assert.deepEqual(organizationA?.total, { segments: 4, informants: 1 });
    assert.deepEqual(organizationA?.byPolarity, {
      supporting: { segments: 1, informants: 1 },
      inhibiting: { segments: 2, informants: 1 },
      effort: { segments: 1, informants: 1 },
      neutral: { segments: 0, informants: 0 },
    });
    assert.deepEqual([...(organizationA?.segments.map((s) => s.id) ?? [])].sort(), ['a1', 'a3', 'a4', 'o1']);
  });

  it('gives comparable colour values: intensity as a share of the fullest cell, balance as (supporting − inhibiting) / total', async () => {
    const matrix = await handBuiltMatrix();
    assert.equal(matrix.maxCellSegments, 4);
    const [organizationA, applicationA] = matrix.cells[0] ?? [];
    const [organizationB, applicationB] = matrix.cells[1] ?? [];
    assert.deepEqual([organizationA?.intensity, applicationA?.intensity, organizationB?.intensity, applicationB?.intensity], [1, 0.25, 0.5, 0.5]);
    assert.deepEqual([organizationA?.balance, applicationA?.balance, organizationB?.balance, applicationB?.balance], [-0.25, -1, 0, -0.5]);
    assert.equal(cellBalance({}, 0), null);
  });

  it('keeps intensity within 0…1 and balance within −1…1, and fills darker for fuller cells (property)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.integer({ min: 1, max: 200 }), (supporting, inhibiting, other, spare) => {
        const total = supporting + inhibiting + other;
        fc.pre(total > 0);
        const balance = cellBalance({ supporting: { segments: supporting, informants: 0 }, inhibiting: { segments: inhibiting, informants: 0 } }, total);
        assert.ok(balance !== null && balance >= -1 && balance <= 1);
        const full = cellFill({ intensity: 1, balance });
        const faint = cellFill({ intensity: total / (total + spare), balance });
        assert.match(full, /^#[0-9a-f]{6}$/u);
        const lightness = (hex: string): number => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
        assert.ok(lightness(full) <= lightness(faint), `${full} is not darker than ${faint}`);
        assert.ok(['#000000', '#ffffff'].includes(textColorOn(full)));
      }),
    );
    assert.equal(cellFill({ intensity: 0, balance: null }), '#ffffff');
    assert.equal(textColorOn('#5e3c99'), '#ffffff');
    assert.equal(textColorOn('#ffffff'), '#000000');
  });

  it('renders a well-formed SVG with every agency and dimension, hostile names escaped', async () => {
    const { study } = await loadReportStudy();
    const hostile = { ...study, records: study.records.map((r) => (r.agency === 'Dinas B' ? { ...r, agency: `${SCRIPT_TAG} & ${COMMAND_LINK}` } : r)) };
    const matrix = buildStudyMatrix(summarize(hostile, { language: 'en' }), study.codebook.codebook, 'en');
    const svg = renderMatrixSvg(matrix, 'en');
    const root = parseXml(svg, 'matrix.svg');
    assert.equal(root.name, 'svg');
    assert.ok(!svg.includes('<script'), 'no script element');
    const text = allText(root);
    for (const expected of ['Dinas A', 'Organization', 'Application', 'Supporting: 1', 'Inhibiting: 2', '<script>alert(1)</script> & [x]']) {
      assert.ok(text.includes(expected), `missing ${expected}`);
    }
    assert.match(svg, /<text [^>]*><title>&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; \[x\]\(command:workbench\.action\.terminal\.new\)<\/title>/u,
      'a name cut to fit keeps its full text as a tooltip');
  });

  it('is the registry format `matrix-svg`, in Indonesian too, saying what it left out', async () => {
    const study = await loadExampleStudy();
    const result = exportFormat('matrix-svg')?.render({ study, name: 'examples', language: 'id' });
    assert.ok(result?.bytes !== undefined);
    const svg = new TextDecoder().decode(result.bytes);
    parseXml(svg, 'matrix.svg');
    assert.match(svg, /Organisasi/u);
    assert.match(svg, /Pendukung: \d+/u);
    assert.deepEqual(result.problems, []);
    const { study: withProblems } = await loadReportStudy();
    assert.deepEqual(exportFormat('matrix-svg')?.render({ study: withProblems, name: 'uji', language: 'en' }).problems.map((p) => p.file),
      ['b/rusak.txt.codes.yaml', 'c/tanpa.txt.codes.yaml']);
  });
});
