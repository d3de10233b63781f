import { strict as assert } from 'node:assert';
import { SMALL_CODEBOOK, TempStudy } from './helpers/temp-study';

const KABAN = `Pewawancara: Apa kendala utama?
Kepala Badan: Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI.
Pewawancara: Bagaimana koordinasi dengan dinas lain?
Kepala Badan: Koordinasi berjalan baik melalui rapat bulanan.
Kepala Badan: Anggaran juga terbatas karena banjir.
`;

const kabanSidecar = (extra = '') => `version: 1
transcript: kaban.txt
attributes:
  agency: BKPSDMD Kabupaten Hulu Sungai Tengah
  informant: Kepala Badan
  date: 2022-01-07
  source: interview
codes:
  - id: k3x9a2mq
    lines: [2, 2]
    code: jones/organization/apparatus-resources
    polarity: inhibiting
    factor: Tenaga ahli TI masih kurang
    quote: "Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI."
    coder: rina
  - id: p7q2m4zz
    lines: [4, 4]
    code: jones/organization/coordination
    polarity: supporting
    factor: Rapat koordinasi bulanan
    quote: "Koordinasi berjalan baik melalui rapat bulanan."
    coder: rina
${extra}`;

const OPERATOR = `---
agency: Diskominfo Kabupaten Hulu Sungai Tengah
---
Operator: Pegawai yang paham TI sedikit sekali.
`;

const operatorSidecar = `version: 1
transcript: operator.txt
attributes:
  informant: Operator
  source: interview
codes:
  - id: a1b2c3d4
    lines: [4, 4]
    code: jones/organization
    polarity: inhibiting
    factor: tenaga ahli  TI masih kurang
    quote: "Pegawai yang paham TI sedikit sekali."
    coder: budi
`;

async function exampleStudy(): Promise<TempStudy> {
  return TempStudy.create({
    'codebook.yaml': SMALL_CODEBOOK,
    'bkpsdmd/kaban.txt': KABAN,
    'bkpsdmd/kaban.txt.codes.yaml': kabanSidecar(),
    'kominfo/operator.txt': OPERATOR,
    'kominfo/operator.txt.codes.yaml': operatorSidecar,
  });
}

describe('study index, summary and the command line', () => {
  let study: TempStudy;
  afterEach(async () => study?.dispose());

  describe('summary', () => {
    it('groups by agency with the sidecar first and front matter second, rolling indicators into dimensions', async () => {
      study = await exampleStudy();
      const { code, stdout } = await study.cli('summary', '--json');
      assert.equal(code, 0);
      const summary = JSON.parse(stdout);
      assert.deepEqual(
        summary.agencies.map((a: { agency: string }) => a.agency),
        ['BKPSDMD Kabupaten Hulu Sungai Tengah', 'Diskominfo Kabupaten Hulu Sungai Tengah'],
      );
      const [bkpsdmd, kominfo] = summary.agencies;
      assert.deepEqual(bkpsdmd.dimensions.map((d: { dimension: string }) => d.dimension), ['jones/organization']);
      const organization = bkpsdmd.dimensions[0];
      assert.equal(organization.label, 'Organization');
      // Polarity order follows the codebook's (default) polarities: supporting before inhibiting.
      assert.deepEqual(
        organization.factors.map((f: { polarity: string; factor: string }) => [f.polarity, f.factor]),
        [
          ['supporting', 'Rapat koordinasi bulanan'],
          ['inhibiting', 'Tenaga ahli TI masih kurang'],
        ],
      );
      assert.deepEqual(organization.factors[1].segments, [
        {
          file: 'bkpsdmd/kaban.txt',
          lines: [2, 2],
          code: 'jones/organization/apparatus-resources',
          quote: 'Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI.',
          text: 'Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI.',
          coder: 'rina',
          informant: 'Kepala Badan',
          source: 'interview',
        },
      ]);
      // The factor spelled with other spacing/case groups under its first spelling.
      assert.equal(kominfo.dimensions[0].factors[0].factor, 'tenaga ahli TI masih kurang');
      assert.deepEqual(summary.unassigned, []);
      assert.deepEqual(summary.leftOut, []);
      assert.deepEqual(summary.problems, []);
      assert.deepEqual(Object.keys(summary), ['version', 'agencies', 'unassigned', 'leftOut', 'problems']);
    });

    it('lists segments without any agency as unassigned', async () => {
      study = await exampleStudy();
      await study.write('kominfo/operator.txt', 'Operator: Pegawai yang paham TI sedikit sekali.\n');
      await study.write('kominfo/operator.txt.codes.yaml', operatorSidecar.replace('lines: [4, 4]', 'lines: [1, 1]'));
      const summary = JSON.parse((await study.cli('summary', '--json')).stdout);
      assert.equal(summary.agencies.length, 1);
      assert.deepEqual(summary.unassigned.map((s: { file: string }) => s.file), ['kominfo/operator.txt']);
    });

    it('summarises the rest when one sidecar is broken, lists it in problems and exits 1', async () => {
      study = await exampleStudy();
      await study.write('kominfo/operator.txt.codes.yaml', operatorSidecar.replace('version: 1', 'version: 7'));
      const { code, stdout } = await study.cli('summary', '--json');
      assert.equal(code, 1);
      const summary = JSON.parse(stdout);
      assert.deepEqual(summary.agencies.map((a: { agency: string }) => a.agency), ['BKPSDMD Kabupaten Hulu Sungai Tengah']);
      assert.ok(summary.problems.some((p: { file: string; severity: string }) => p.file === 'kominfo/operator.txt.codes.yaml' && p.severity === 'error'));
    });

    it('prints a readable table with labels in the chosen language', async () => {
      study = await exampleStudy();
      const { code, stdout } = await study.cli('summary', '--lang', 'id');
      assert.equal(code, 0);
      assert.match(stdout, /^Study summary: 2 agencies, 2 transcripts, 3 coded segments/);
      assert.match(stdout, /\n {2}Organisasi \(jones\/organization\)\n/);
      assert.match(stdout, /Penghambat {2}Tenaga ahli TI masih kurang {2}\(1 segment · 1 informant · interview\)/);
    });

    it('filters by coder', async () => {
      study = await exampleStudy();
      const summary = JSON.parse((await study.cli('summary', '--json', '--coder', 'budi')).stdout);
      type Json = { dimensions: Array<{ factors: Array<{ segments: Array<{ coder: string }> }> }> };
      const coders = (summary.agencies as Json[]).flatMap((a) => a.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments.map((s) => s.coder))));
      assert.deepEqual(coders, ['budi']);
    });
  });

  describe('validate', () => {
    it('accepts a clean study with exit 0 and no output lines', async () => {
      study = await exampleStudy();
      const { code, stdout } = await study.cli('validate');
      assert.equal(stdout, '');
      assert.equal(code, 0);
    });

    it('reports unknown code paths, unknown polarities and lines past the end at the code in the sidecar', async () => {
      study = await exampleStudy();
      const extra = `  - id: zz000001
    lines: [9, 9]
    code: jones/organisation
    polarity: hindering
    factor: x
    quote: "nothing"
    coder: rina
`;
      await study.write('bkpsdmd/kaban.txt.codes.yaml', kabanSidecar(extra));
      const { code, stdout } = await study.cli('validate');
      assert.equal(code, 1);
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 3, stdout);
      for (const line of lines) assert.match(line, /^bkpsdmd\/kaban\.txt\.codes\.yaml:23:5: error: .*\[code zz000001\]$/);
      assert.match(stdout, /unknown code path "jones\/organisation"/);
      assert.match(stdout, /unknown polarity "hindering"/);
      assert.match(stdout, /orphan: lines 9 of bkpsdmd\/kaban\.txt run past the end \(the transcript has 5 lines\)/);
    });

    it('reports a code that is not on its quote and where the quote went', async () => {
      study = await exampleStudy();
      await study.write('bkpsdmd/kaban.txt', 'Pewawancara: Selamat pagi.\n' + KABAN);
      const { code, stdout } = await study.cli('validate');
      assert.equal(code, 1);
      assert.match(stdout, /^bkpsdmd\/kaban\.txt\.codes\.yaml:9:5: error: not on its quote at lines 2 of bkpsdmd\/kaban\.txt; the quote is at lines 3: run `transcript-coder reanchor --write` \[code k3x9a2mq\]$/m);
    });

    it('reports a conflicted sidecar on its marker lines and a missing transcript', async () => {
      study = await exampleStudy();
      const conflicted = kabanSidecar().replace(
        '    factor: Rapat koordinasi bulanan\n',
        '<<<<<<< HEAD\n    factor: Rapat koordinasi bulanan\n=======\n    factor: Rapat rutin\n>>>>>>> budi\n',
      );
      await study.write('bkpsdmd/kaban.txt.codes.yaml', conflicted);
      await study.write('lost.txt.codes.yaml', operatorSidecar.replace('operator.txt', 'lost.txt'));
      const { code, stdout } = await study.cli('validate');
      assert.equal(code, 1);
      assert.match(stdout, /^bkpsdmd\/kaban\.txt\.codes\.yaml:20:1: error: .*conflict/m);
      assert.match(stdout, /^bkpsdmd\/kaban\.txt\.codes\.yaml:22:1: error: /m);
      assert.match(stdout, /^bkpsdmd\/kaban\.txt\.codes\.yaml:24:1: error: /m);
      assert.match(stdout, /^lost\.txt\.codes\.yaml:1:1: error: its transcript lost\.txt does not exist/m);
    });

    it('prints paths relative to where it was run when given a folder', async () => {
      study = await exampleStudy();
      await study.write('bkpsdmd/kaban.txt', 'x\n');
      const { stdout } = await study.cli('validate', '.');
      assert.match(stdout, /^bkpsdmd\/kaban\.txt\.codes\.yaml:/m);
    });
  });

  describe('reanchor', () => {
    it('reports moves, writes them with --write, and a second --write changes no byte', async () => {
      study = await exampleStudy();
      await study.write('bkpsdmd/kaban.txt', 'Pewawancara: Selamat pagi.\nPewawancara: Terima kasih.\n' + KABAN);
      const dry = await study.cli('reanchor');
      assert.equal(dry.code, 1);
      assert.match(dry.stdout, /bkpsdmd\/kaban\.txt\.codes\.yaml: code k3x9a2mq: lines 2 -> 4/);
      assert.match(dry.stdout, /code p7q2m4zz: lines 4 -> 6/);
      assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), kabanSidecar(), 'a dry run writes nothing');

      const first = await study.cli('reanchor', '--write');
      assert.equal(first.code, 0, first.stdout + first.stderr);
      const written = await study.read('bkpsdmd/kaban.txt.codes.yaml');
      assert.equal(written, kabanSidecar().replace('lines: [2, 2]', 'lines: [4, 4]').replace('lines: [4, 4]\n    code: jones/organization/coordination', 'lines: [6, 6]\n    code: jones/organization/coordination'));
      assert.equal((await study.cli('validate')).code, 0);

      const second = await study.cli('reanchor', '--write');
      assert.equal(second.code, 0);
      assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), written);
    });

    it('never writes a broken sidecar', async () => {
      study = await exampleStudy();
      const broken = kabanSidecar() + '  - id: [oops\n';
      await study.write('bkpsdmd/kaban.txt.codes.yaml', broken);
      await study.write('bkpsdmd/kaban.txt', 'Pewawancara: Selamat pagi.\n' + KABAN);
      const { code, stdout } = await study.cli('reanchor', '--write');
      assert.equal(code, 1);
      assert.match(stdout, /bkpsdmd\/kaban\.txt\.codes\.yaml: skipped, the sidecar is broken/);
      assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), broken);
    });
  });

  describe('init', () => {
    it('writes a codebook that validates, and refuses to overwrite one', async () => {
      study = await TempStudy.create({});
      const made = await study.cli('init', '--framework', 'jones', '--framework', 'edward3');
      assert.equal(made.code, 0, made.stderr);
      const codebook = await study.read('codebook.yaml');
      assert.match(codebook, /^version: 1$/m);
      assert.match(codebook, /id: edward3/);
      assert.equal((await study.cli('validate')).code, 0);

      await study.write('codebook.yaml', '# mine\n' + codebook);
      const again = await study.cli('init', '--framework', 'jones');
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already exists; it was left as it is/);
      assert.equal(await study.read('codebook.yaml'), '# mine\n' + codebook);
    });

    it('explains unknown frameworks and a missing --framework with exit 2', async () => {
      study = await TempStudy.create({});
      const none = await study.cli('init');
      assert.equal(none.code, 2);
      assert.match(none.stderr, /init needs at least one --framework; built-in frameworks: .*jones/);
      const unknown = await study.cli('init', '--framework', 'nope');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown framework nope/);
    });
  });

  it('rejects unknown commands and options with usage and exit 2', async () => {
    study = await TempStudy.create({});
    assert.equal((await study.cli('frobnicate')).code, 2);
    assert.equal((await study.cli('summary', '--nope')).code, 2);
    assert.equal((await study.cli('summary', 'a', 'b')).code, 2);
    assert.equal((await study.cli('summary', 'missing-folder')).code, 2);
  });
});
