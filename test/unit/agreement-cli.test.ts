/**
 * `transcript-coder agreement` (issue 8): on a small study whose figures are worked out
 * by hand below, and on the example study, checked against an independent count made
 * here straight from the files.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../../src/cli/main';
import { SMALL_CODEBOOK, TempStudy } from './helpers/temp-study';

const TRANSCRIPT = `---
agency: BKPSDMD
---
Kaban: Satu.

Kaban: Dua.
Kaban: Tiga.
Kaban: Empat.
`;

function codeText(id: string, lines: string, path: string, polarity: string, coder: string): string {
  return `  - id: ${id}\n    lines: ${lines}\n    code: ${path}\n    polarity: ${polarity}\n    factor: f\n    quote: "q"\n    coder: ${coder}\n`;
}

/**
 * Units: lines 4, 6, 7, 8 (1-3 are front matter, 5 is blank).
 * jones/organization — rina covers 4-6, budi 6-7: rina C C N N, budi N C C N.
 *   agreement 2/4 = 0.5; kappa: pe = .5·.5 + .5·.5 = .5, so 0; alpha: o(CC)=2, o(NN)=2,
 *   o(CN)+o(NC)=4, n=8, n_C=n_N=4: Do = 4/8, De = 2·4·4/(8·7) = 4/7, alpha = 1 − 7/8 = 0.125.
 * jones/application — both cover line 8 only: agreement 1, kappa 1, alpha 1.
 * Pooled (8 units): agreement 6/8; rina and budi each code 3 of 8, pe = (3/8)² + (5/8)² =
 *   34/64, kappa = (48/64 − 34/64)/(30/64) = 7/15; alpha: o(CC)=4, o(NN)=8, o(CN)+o(NC)=4,
 *   n=16, n_C=6, n_N=10: Do = 1/4, De = 2·6·10/(16·15) = 1/2, alpha = 0.5.
 */
const SIDECAR = `version: 1
transcript: kaban.txt
codes:
${codeText('r1', '[4, 6]', 'jones/organization/coordination', 'inhibiting', 'rina')}${codeText('r2', '[8, 8]', 'jones/application', 'supporting', 'rina')}${codeText('b1', '[6, 7]', 'jones/organization', 'supporting', 'budi')}${codeText('b2', '[8, 8]', 'jones/application', 'supporting', 'budi')}`;

const ONLY_RINA = `version: 1
transcript: solo.txt
codes:
${codeText('r9', '[1, 1]', 'jones/organization', 'inhibiting', 'rina')}`;

async function study(extra: Record<string, string> = {}): Promise<TempStudy> {
  return TempStudy.create({
    'codebook.yaml': SMALL_CODEBOOK,
    'kaban.txt': TRANSCRIPT,
    'kaban.txt.codes.yaml': SIDECAR,
    'solo.txt': 'Kaban: Sendiri.\n',
    'solo.txt.codes.yaml': ONLY_RINA,
    ...extra,
  });
}

describe('transcript-coder agreement', () => {
  let temp: TempStudy;
  afterEach(async () => temp?.dispose());

  it('gives the hand-computed figures as JSON in the documented shape', async () => {
    temp = await study();
    const { code, stdout } = await temp.cli('agreement', '--coders', 'rina,budi', '--json');
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.unit, 'line');
    assert.deepEqual(report.coders, ['rina', 'budi']);
    const [application, organization] = report.dimensions;
    assert.equal(organization.dimension, 'jones/organization');
    assert.equal(organization.units, 4);
    assert.equal(organization.percentAgreement, 0.5);
    assert.equal(organization.cohenKappa, 0);
    assert.ok(Math.abs(organization.krippendorffAlpha - 0.125) < 1e-12);
    assert.deepEqual(
      organization.disagreements.map((d: { file: string; line: number; codes: object }) => [d.file, d.line, d.codes]),
      [
        ['kaban.txt', 4, { rina: ['jones/organization/coordination'], budi: [] }],
        ['kaban.txt', 7, { rina: [], budi: ['jones/organization'] }],
      ],
    );
    assert.deepEqual([application.dimension, application.units, application.percentAgreement, application.cohenKappa, application.krippendorffAlpha], ['jones/application', 4, 1, 1, 1]);
    assert.equal(report.pooled.units, 8);
    assert.equal(report.pooled.percentAgreement, 0.75);
    assert.ok(Math.abs(report.pooled.cohenKappa - 7 / 15) < 1e-12);
    assert.ok(Math.abs(report.pooled.krippendorffAlpha - 0.5) < 1e-12);
    assert.deepEqual(report.transcripts.excluded, [{ file: 'solo.txt', codersWithoutCodes: ['budi'] }]);
  });

  it('compares polarities with --polarity', async () => {
    temp = await study();
    const report = JSON.parse((await temp.cli('agreement', '--coders', 'rina,budi', '--json', '--polarity')).stdout);
    // Line 4: inhibiting vs none; 6: inhibiting vs supporting; 7: none vs supporting; 8: none both.
    assert.equal(report.dimensions[1].percentAgreement, 0.25);
    assert.equal(report.value, 'polarity');
  });

  it('prints the table with interpretation bands', async () => {
    temp = await study();
    const { code, stdout } = await temp.cli('agreement', '--coders', 'rina,budi');
    assert.equal(code, 0);
    assert.match(stdout, /^jones\/organization +4 +0\.500 +0\.000 slight +0\.125 unreliable$/mu);
    assert.match(stdout, /^ {2}kaban\.txt:7 {2}rina: \(not coded\); budi: jones\/organization$/mu);
  });

  it('leaves out a broken sidecar, says so in the notes, and exits 1', async () => {
    temp = await study({ 'rusak.txt': 'x\n', 'rusak.txt.codes.yaml': 'version: 1\ncodes: [\n' });
    const { code, stdout } = await temp.cli('agreement', '--coders', 'rina,budi', '--json');
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.pooled.units, 8, 'the other transcripts still count');
    assert.ok(report.notes.some((note: string) => /^Not counted: rusak\.txt\.codes\.yaml cannot be read \(syntax\)/u.test(note)), report.notes.join('\n'));
  });

  /**
   * Unitized, lines as unit of length: the continuum is lines 4, 6, 7, 8 at 0..4; in
   * jones/organization rina marks [0, 2) (coordination), budi [1, 3) (the dimension).
   * 2016: coincidences v∅ = ∅v = vv' = v'v = ∅v' = v'∅ = 1, ∅∅ = 2 (total 8); self-pairs
   * ∅ 2 + 2 (gap lengths), v 4, v' 4; e = 8(n_c n_k − δ S_c) / (64 − 12). |uα: Do = 2·(4 − 2),
   * De = 2·(8·8 + 8·8)/52, so 1 − 208/256 = 0.1875. cuα: only v·v' intersect, Do = De = 2
   * (self-pairs 1 + 1, denominator 2 − 2/2), so 0, coverage 2/4.
   * 2004: Σδ² = (0−1)² + (2−3)² = 2, Do = 2·2/(2·16) = 0.125; De = (2/4)·2·(⅓·6 + 4·1)/(56 − 4)
   * = 6/52, so uα = 1 − 0.125·52/6 = −1/12.
   */
  it('gives unitized alpha per dimension beside the line figures, worked out by hand', async () => {
    temp = await study();
    const report = JSON.parse((await temp.cli('agreement', '--coders', 'rina,budi', '--json')).stdout);
    const organization = report.unitized.dimensions.find((d: { dimension: string }) => d.dimension === 'jones/organization');
    assert.equal(report.unitized.unitOfLength, 'line');
    assert.equal(report.unitized.continuumLength, 4);
    assert.deepEqual(organization.unitsByCoder, { rina: 1, budi: 1 });
    assert.ok(Math.abs(organization.family.binary.alpha - 0.1875) < 1e-12, String(organization.family.binary.alpha));
    assert.ok(Math.abs(organization.family.cu.alpha) < 1e-12, String(organization.family.cu.alpha));
    assert.equal(organization.family.cu.coverage, 0.5);
    assert.ok(Math.abs(organization.categoryAlpha.alpha + 1 / 12) < 1e-12, String(organization.categoryAlpha.alpha));
    assert.deepEqual(report.blindCoding, { blind: [], notBlind: ['kaban.txt'] });
  });

  it('says in the table which measure to report, and why a figure is undefined', async () => {
    temp = await study();
    const { stdout } = await temp.cli('agreement', '--coders', 'rina,budi');
    assert.match(stdout, /What to report: .*\|uα .*cuα .*Cu-α/u);
    // jones/application: both coders mark line 8 with the same code, so cuα has one value only.
    assert.match(stdout, /^Undefined: jones\/application, cuα: n\/a because only one value was used where coders overlap/mu);
    assert.match(stdout, /^Blind coding: 0 of 1 counted transcripts/mu);
  });

  it('reads blind double-coding from the sidecar attributes', async () => {
    const blindSidecar = SIDECAR.replace('codes:\n', 'attributes:\n  done-by-rina: blind 2025-01-07\n  done-by-budi: blind 2025-01-08\ncodes:\n');
    temp = await study({ 'kaban.txt.codes.yaml': blindSidecar });
    const report = JSON.parse((await temp.cli('agreement', '--coders', 'rina,budi', '--json')).stdout);
    assert.deepEqual(report.blindCoding, { blind: ['kaban.txt'], notBlind: [] });
  });

  it('writes the agreement report as Markdown and as docx', async () => {
    temp = await study();
    const md = await temp.cli('agreement', '--coders', 'rina,budi', '--report', 'md', '--out', 'out/agreement.md');
    assert.equal(md.code, 0, md.stderr);
    const text = readFileSync(join(temp.root, 'out', 'agreement.md'), 'utf8');
    assert.match(text, /^# Inter-coder agreement: rina, budi$/mu);
    assert.match(text, /^\| jones\/organization \| 1\/1 \| 0\.188 unreliable \| 0\.000 unreliable \| 50% \|/mu);
    assert.match(text, /^- kaban\.txt:7 — rina: \(not coded\); budi: jones\/organization {2}\n {2}> Kaban: Tiga\.$/mu);
    const docx = await temp.cli('agreement', '--coders', 'rina,budi', '--report', 'docx', '--out', 'agreement.docx');
    assert.equal(docx.code, 0, docx.stderr);
    assert.equal(readFileSync(join(temp.root, 'agreement.docx')).subarray(0, 2).toString('latin1'), 'PK');
    const bad = await temp.cli('agreement', '--coders', 'rina,budi', '--report', 'pdf');
    assert.equal(bad.code, 2);
  });

  it('needs two distinct coders', async () => {
    temp = await study();
    for (const args of [[], ['--coders', 'rina'], ['--coders', 'rina,rina']]) {
      const { code, stderr } = await temp.cli('agreement', ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /coder/u);
    }
  });
});

describe('transcript-coder agreement on the example study', () => {
  const root = join(__dirname, '..', '..', 'examples');

  /** Per dimension, the two coders' coverage of every non-blank, non-front-matter line: counted here without the core. */
  function independentCount(): Map<string, { units: number; agree: number; rinaCoded: number; budiCoded: number }> {
    const sidecars: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(folder, entry.name));
        else if (entry.name.endsWith('.codes.yaml')) sidecars.push(join(folder, entry.name));
      }
    };
    walk(root);
    const perTranscript = sidecars.map((path) => {
      const lines = readFileSync(path.slice(0, -'.codes.yaml'.length), 'utf8').replace(/^\ufeff/u, '').replace(/\r\n/gu, '\n').replace(/\n$/u, '').split('\n');
      const frontMatterEnd = lines[0] === '---' ? lines.indexOf('---', 1) + 1 : 0;
      const units = lines.flatMap((line, index) => (index >= frontMatterEnd && line.trim() !== '' ? [index + 1] : []));
      const codes = [...readFileSync(path, 'utf8').matchAll(/lines: \[(\d+), (\d+)\]\n\s+code: (\w+\/[\w-]+)[^\n]*\n(?:.*\n)*?\s+coder: (\w+)/gu)].map((m) => ({
        first: Number(m[1]),
        last: Number(m[2]),
        dimension: m[3] as string,
        coder: m[4] as string,
      }));
      return { units, codes };
    });
    const dimensions = new Set(perTranscript.flatMap(({ codes }) => codes.map((c) => c.dimension)));
    const counts = new Map<string, { units: number; agree: number; rinaCoded: number; budiCoded: number }>();
    for (const dimension of dimensions) {
      const count = { units: 0, agree: 0, rinaCoded: 0, budiCoded: 0 };
      for (const { units, codes } of perTranscript) {
        const covers = (coder: string, line: number) =>
          codes.some((c) => c.coder === coder && c.dimension === dimension && c.first <= line && line <= c.last);
        for (const line of units) {
          const rina = covers('rina', line);
          const budi = covers('budi', line);
          count.units++;
          if (rina === budi) count.agree++;
          if (rina) count.rinaCoded++;
          if (budi) count.budiCoded++;
        }
      }
      counts.set(dimension, count);
    }
    return counts;
  }

  it('matches an independent count of units, agreement and kappa per dimension', async () => {
    let stdout = '';
    const code = await runCli(['agreement', relative(process.cwd(), root) || '.', '--coders', 'rina,budi', '--json'], {
      cwd: process.cwd(),
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
    });
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.transcripts.included.length, 6);
    const expected = independentCount();
    assert.deepEqual(report.dimensions.map((d: { dimension: string }) => d.dimension), [...expected.keys()].sort());
    for (const dimension of report.dimensions) {
      const count = expected.get(dimension.dimension);
      assert.ok(count !== undefined);
      assert.equal(dimension.units, count.units, dimension.dimension);
      assert.ok(Math.abs(dimension.percentAgreement - count.agree / count.units) < 1e-12, dimension.dimension);
      const po = count.agree / count.units;
      const pr = count.rinaCoded / count.units;
      const pb = count.budiCoded / count.units;
      const pe = pr * pb + (1 - pr) * (1 - pb);
      assert.ok(Math.abs(dimension.cohenKappa - (po - pe) / (1 - pe)) < 1e-12, dimension.dimension);
      assert.ok(dimension.disagreements.length === count.units - count.agree);
    }
  });
});
