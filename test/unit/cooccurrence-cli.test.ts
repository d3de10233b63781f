import { strict as assert } from 'node:assert';
import { COOCCURRENCE_FILES } from './cooccurrence-fixtures';
import { TempStudy } from './helpers/temp-study';
import { EXAMPLES } from './report-fixtures';

describe('transcript-coder cooccurrence', () => {
  let study: TempStudy;
  beforeEach(async () => {
    study = await TempStudy.create(COOCCURRENCE_FILES);
  });
  afterEach(async () => {
    await study.dispose();
  });

  // The counts are worked out by hand in cooccurrence.test.ts.
  it('prints the study\'s pairs, most shared lines first, names what it left out on stderr and exits 1', async () => {
    const { code, stdout, stderr } = await study.cli('cooccurrence');
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        'Whole study: 3 dimensions in use, 3 pairs sharing lines',
        '  lines  segment pairs  dimensions',
        '      3              3  Organization × Interpretation',
        '      2              3  Organization × Application',
        '      2              1  Interpretation × Application',
        '',
      ].join('\n'),
    );
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, stderr);
    assert.match(lines[0] ?? '', /^c\/rusak\.txt\.codes\.yaml:3:1: error: left out of the co-occurrence: every code of c\/rusak\.txt: its sidecar cannot be read \(git merge conflict markers/u);
    assert.match(lines[1] ?? '', /^a\/satu\.txt:9:1: error: left out of the co-occurrence: the code jones\/application “Hilang” \(“Kalimat ini sudah dihapus/u);
    assert.match(lines[2] ?? '', /^c\/tanpa\.txt\.codes\.yaml:1:1: error: left out of the co-occurrence: 2 coded segments of c\/tanpa\.txt: the transcript has no agency/u);
  });

  it('--by agency prints each agency, then the study; --lang id labels in Indonesian', async () => {
    const { stdout } = await study.cli('cooccurrence', '.', '--by', 'agency', '--lang', 'id');
    assert.deepEqual(
      stdout.split('\n\n').map((block) => block.split('\n')[0]),
      ['Dinas A: 3 dimensions in use, 3 pairs sharing lines', 'Dinas B: 3 dimensions in use, 1 pair sharing lines', 'Whole study: 3 dimensions in use, 3 pairs sharing lines'],
    );
    assert.match(stdout, /Dinas B: .*\n.*\n {6}1 {14}2 {2}Organisasi × Aplikasi\n/u);
  });

  it('--json gives the documented shape, every overlapping pair of codes with its transcript, lines and quote', async () => {
    const { code, stdout } = await study.cli('cooccurrence', '--json', '--level', 'indicator', '--by', 'agency');
    assert.equal(code, 1);
    const json = JSON.parse(stdout) as {
      version: number;
      level: string;
      units: { key: string; label: string; dimension: string; inCodebook: boolean }[];
      tables: { agency: string | null; units: { unit: string; lines: number; segments: number }[]; pairs: { a: string; b: string; lines: number; segmentPairs: number; overlaps: { file: string; a: { id: string; lines: number[]; quote: string }; b: { id: string } }[] }[] }[];
      leftOut: { file: string; line: number; reason: string }[];
    };
    assert.deepEqual([json.version, json.level], [1, 'indicator']);
    assert.deepEqual(json.units[1], { key: 'jones/organization/coordination', label: 'Organization › Coordination between parties', dimension: 'jones/organization', inCodebook: true });
    assert.deepEqual(json.tables.map((t) => t.agency), ['Dinas A', 'Dinas B', null]);
    const whole = json.tables[2];
    const pair = whole?.pairs.find((p) => p.a === 'jones/organization/coordination' && p.b === 'jones/application');
    assert.deepEqual([pair?.lines, pair?.segmentPairs], [2, 3]);
    assert.deepEqual(pair?.overlaps[0], {
      file: 'a/satu.txt',
      a: { id: 's1', lines: [1, 3], code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Rapat rutin', quote: 'Baris 1 dari satu.txt tentang pelaksanaan.', coder: 'rina' },
      b: { id: 's2', lines: [2, 2], code: 'jones/application', polarity: 'inhibiting', factor: 'Anggaran kurang', quote: 'Baris 2 dari satu.txt tentang pelaksanaan.', coder: 'rina' },
    });
    assert.deepEqual(whole?.units.find((u) => u.unit === 'jones/interpretation'), { unit: 'jones/interpretation', lines: 7, segments: 3 });
    assert.deepEqual(json.leftOut.map((item) => item.file), ['c/rusak.txt.codes.yaml', 'a/satu.txt', 'c/tanpa.txt.codes.yaml']);
  });

  it('exits 2 on a bad --level or --by, naming the value', async () => {
    for (const args of [['--level', 'framework'], ['--by', 'informant']]) {
      const { code, stdout, stderr } = await study.cli('cooccurrence', ...args);
      assert.deepEqual([code, stdout], [2, '']);
      assert.match(stderr, new RegExp(`^transcript-coder: cooccurrence --${args[0]?.slice(2) ?? ''} takes .*got "${args[1] ?? ''}"`, 'u'));
    }
  });

  it('gives the example study\'s exact counts and exits 0: nothing left out', async () => {
    // Worked out in cooccurrence.test.ts: kadis-kominfo.txt line 14 is the only line with two dimensions.
    const { code, stdout, stderr } = await study.cli('cooccurrence', EXAMPLES, '--level', 'factor');
    assert.deepEqual([code, stderr], [0, '']);
    assert.equal(
      stdout,
      [
        'Whole study: 44 factors in use, 2 pairs sharing lines',
        '  lines  segment pairs  factors',
        '      1              1  Organization: Rapat koordinasi BKPSDM dan Diskominfo (Supporting) × Organization: Server SIMPEG di ruang data Diskominfo (Supporting)',
        '      1              1  Application: Komitmen Kepala Badan (Supporting) × Application: Pemantauan kelengkapan data bulanan (Supporting)',
        '',
      ].join('\n'),
    );
    const dimensions = await study.cli('cooccurrence', EXAMPLES);
    assert.equal(dimensions.stdout, 'Whole study: 3 dimensions in use, 1 pair sharing lines\n  lines  segment pairs  dimensions\n      1              1  Organization × Application\n');
  });
});
