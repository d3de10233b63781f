// `--where KEY=VALUE | KEY=FROM..TO` (issue 18, item 4) on summary, cooccurrence and
// export, on the example study: which transcripts pass is read here from the sidecars'
// text with a regular expression, not through the core's filter.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesOf } from './helpers/memory-study';
import { TempStudy } from './helpers/temp-study';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Transcript paths whose sidecar on disk says `key: value` (as written, trimmed). */
function transcriptsWhere(key: string, test: (value: string) => boolean): string[] {
  return [...filesOf(EXAMPLES).entries()]
    .filter(([path]) => path.endsWith('.codes.yaml'))
    .filter(([, text]) => {
      const value = new RegExp(`^  ${key}: (.+)$`, 'mu').exec(text)?.[1]?.trim();
      return value !== undefined && test(value);
    })
    .map(([path]) => path.replace(/\.codes\.yaml$/u, ''))
    .sort();
}

describe('transcript-coder --where (case attribute filters)', () => {
  let study: TempStudy;
  before(async () => {
    study = await TempStudy.create(Object.fromEntries([...filesOf(EXAMPLES).keys()].map((path) => [path, readFileSync(join(EXAMPLES, path))])));
  });
  after(async () => study.dispose());

  it('summary counts only the transcripts of one role, and says how many of how many on stderr', async () => {
    const kunci = transcriptsWhere('role', (value) => value === 'Informan kunci');
    assert.equal(kunci.length, 2);
    const { code, stdout, stderr } = await study.cli('summary', '--json', '--where', 'role=informan KUNCI');
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^only 2 of 6 transcript\(s\), where role: informan KUNCI\n$/u);
    const files = new Set<string>();
    for (const agency of JSON.parse(stdout).agencies) for (const dimension of agency.dimensions) for (const factor of dimension.factors) for (const segment of factor.segments) files.add(segment.file);
    assert.deepEqual([...files].sort(), kunci, 'every segment is from a transcript of that role, and each such transcript has some');
  });

  it('cooccurrence and export take a date range, either end open; values of one key add up', async () => {
    const early = transcriptsWhere('date', (value) => value <= '2023-03-16');
    const { stderr } = await study.cli('cooccurrence', '--json', '--where', 'date=..2023-03-16');
    assert.match(stderr, new RegExp(`^only ${early.length} of 6 transcript\\(s\\), where date: …2023-03-16\\n`, 'u'));
    const either = await study.cli('summary', '--where', 'role=Informan kunci', '--where', 'role=Informan utama');
    assert.match(either.stderr, /^only 4 of 6 transcript\(s\), where role: Informan kunci, Informan utama\n/u);
    const exported = await study.cli('export', '--format', 'md', '-o', 'early.md', '--where', 'date=2023-03-01..2023-03-16');
    assert.equal(exported.code, 0, exported.stderr);
    const report = await study.read('early.md');
    const inRange = transcriptsWhere('date', (value) => value >= '2023-03-01' && value <= '2023-03-16');
    assert.ok(inRange.length > 0);
    for (const path of inRange) assert.ok(report.includes(path), `${path} is cited in the report`);
    const late = transcriptsWhere('date', (value) => value > '2023-03-16');
    assert.ok(late.length > 0);
    for (const path of late) assert.ok(!report.includes(path), `${path} (later) is not in the report`);
  });

  it('refuses --where without = with exit 2, naming the flag', async () => {
    const { code, stderr } = await study.cli('summary', '--where', 'role');
    assert.equal(code, 2);
    assert.match(stderr, /--where: "role" is not KEY=VALUE or KEY=FROM\.\.TO/u);
  });
});
