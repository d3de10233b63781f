// Case attributes and filters by them (issue 18, item 4), on the example study's
// hand-written sidecars and on small studies written here.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  caseAttributeOf,
  caseAttributesOf,
  describeAttributeFilters,
  parseAttributeFilters,
  passesAttributeFilters,
  type Study,
  type TranscriptRecord,
} from '../../src/core/study';
import { filesOf, loadMemoryStudy } from './helpers/memory-study';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

function sidecar(attributes: Record<string, string>): string {
  return `version: 1\ntranscript: t.txt\nattributes:\n${Object.entries(attributes)
    .map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`)
    .join('\n')}\ncodes: []\n`;
}

async function recordWith(attributes: Record<string, string>, frontMatter = ''): Promise<TranscriptRecord> {
  const study = await loadMemoryStudy(new Map([['t.txt', `${frontMatter}A: halo\n`], ['t.txt.codes.yaml', sidecar(attributes)]]));
  const record = study.records[0];
  assert.ok(record);
  return record;
}

describe('case attributes (issue 18, item 4)', () => {
  let examples: Study;
  before(async () => {
    examples = await loadMemoryStudy(filesOf(EXAMPLES));
  });

  it("lists every key of the example study's sidecars and front matter with its distinct values", () => {
    const attributes = caseAttributesOf(examples.records);
    assert.deepEqual(attributes.get('role'), ['Informan kunci', 'Informan pendukung', 'Informan utama']);
    assert.deepEqual(attributes.get('date'), ['2023-03-14', '2023-03-16', '2023-03-20', '2023-03-21']);
    assert.deepEqual(attributes.get('source'), ['interview', 'observation']);
    assert.deepEqual(attributes.get('agency'), ['BKPSDM Kabupaten Tanah Laut Selatan', 'Diskominfo Kabupaten Tanah Laut Selatan']);
    assert.ok(!attributes.has('transcript'), "the sidecar's link to its transcript is not a case attribute");
  });

  it('passes a transcript when any value of a key matches, folded, and every key does', () => {
    const passing = (filters: Parameters<typeof passesAttributeFilters>[1]) =>
      examples.records.filter((record) => passesAttributeFilters(record, filters)).map((record) => record.transcriptPath);
    const kunci = passing({ role: { values: ['INFORMAN  kunci'] } });
    assert.equal(kunci.length, 2);
    for (const path of kunci) assert.equal(caseAttributeOf(examples.records.find((r) => r.transcriptPath === path) as TranscriptRecord, 'role'), 'Informan kunci');
    assert.equal(passing({ role: { values: ['Informan kunci', 'Informan utama'] } }).length, 4);
    assert.deepEqual(passing({ role: { values: ['Informan kunci'] }, agency: { values: ['bkpsdm kabupaten tanah laut selatan'] } }).length, 1);
    assert.deepEqual(passing({ role: { values: ['nobody'] } }), []);
    assert.equal(passing({}).length, examples.records.length, 'no condition passes every transcript');
  });

  it('passes a date within an inclusive range, either end open; a transcript without the attribute does not pass', () => {
    const dates = (filters: Parameters<typeof passesAttributeFilters>[1]) =>
      examples.records.filter((record) => passesAttributeFilters(record, filters)).map((record) => caseAttributeOf(record, 'date')).sort();
    assert.deepEqual(dates({ date: { from: '2023-03-16', to: '2023-03-20' } }), ['2023-03-16', '2023-03-16', '2023-03-20', '2023-03-20']);
    assert.deepEqual(dates({ date: { from: '2023-03-21' } }), ['2023-03-21']);
    assert.deepEqual(dates({ date: { to: '2023-03-14' } }), ['2023-03-14']);
    const undated = examples.records.filter((record) => caseAttributeOf(record, 'date') === undefined);
    for (const record of undated) assert.equal(passesAttributeFilters(record, { date: { to: '9999' } }), false, record.transcriptPath);
  });

  it('compares numbers as numbers: age 9 is below 10', async () => {
    const nine = await recordWith({ age: '9' });
    assert.equal(passesAttributeFilters(nine, { age: { from: '10' } }), false);
    assert.equal(passesAttributeFilters(nine, { age: { from: '2', to: '10' } }), true);
  });

  it("takes the sidecar's attribute before the front matter's", async () => {
    const record = await recordWith({ role: 'staf' }, '---\nrole: kepala\nunit: mutasi\n---\n');
    assert.equal(caseAttributeOf(record, 'role'), 'staf');
    assert.equal(caseAttributeOf(record, 'unit'), 'mutasi');
  });

  it('reads KEY=VALUE and KEY=FROM..TO as the CLI takes them, and refuses text without =', () => {
    assert.deepEqual(parseAttributeFilters(['role=Informan kunci', 'role=Informan utama', 'date=2023-03-16..2023-03-20', 'age=..40']), {
      role: { values: ['Informan kunci', 'Informan utama'] },
      date: { from: '2023-03-16', to: '2023-03-20' },
      age: { from: '', to: '40' },
    });
    assert.throws(() => parseAttributeFilters(['role']), /"role" is not KEY=VALUE/u);
    assert.equal(describeAttributeFilters(parseAttributeFilters(['role=a', 'role=b', 'date=2023..2024'])), 'role: a, b · date: 2023…2024');
  });

  it('a range always passes what lies between its ends, and never what lies outside (property)', async () => {
    const record = async (value: number) => recordWith({ score: String(value) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), async (value, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const passes = passesAttributeFilters(await record(value), { score: { from: String(from), to: String(to) } });
        assert.equal(passes, from <= value && value <= to);
      }),
      { numRuns: 60 },
    );
  });
});
