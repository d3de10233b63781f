import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseSidecar, serializeSidecar, sidecarDataEqual, type SidecarParse } from '../../src/core/sidecar';
import { compareCodes, type SidecarData } from '../../src/core/sidecar/model';
import { rewriteKeepingLayout } from '../../src/core/sidecar/write';
import { sidecarData, text } from './sidecar-arbitraries';
import { decorate, decoration } from './sidecar-decorations';

const FILE = 'study/interview.txt.codes.yaml';
type Ok = Extract<SidecarParse, { status: 'ok' }>;

function expectOk(text: string): Ok {
  const parsed = parseSidecar(text, FILE);
  assert.equal(parsed.status, 'ok', `${JSON.stringify(parsed.problems, null, 1)}\n--- text ---\n${text}`);
  return parsed as Ok;
}

const sorted = (data: SidecarData): SidecarData => ({ ...data, codes: [...data.codes].sort(compareCodes) });

/** The writer's own layout path, without the canonical fallback. */
const keepingLayout = (data: SidecarData, previous: Ok): string => rewriteKeepingLayout(data, previous.source.text).join('\n') + '\n';

/** Other data reusing some of `data`'s code ids, so existing codes change and others come and go. */
const otherDataFor = (data: SidecarData): fc.Arbitrary<SidecarData> =>
  fc.tuple(sidecarData, fc.boolean(), fc.boolean()).map(([other, keepTranscript, keepAttributes]) => {
    const used = new Set(other.codes.map((c) => c.id));
    const codes = other.codes.map((code, index) => {
      const reused = data.codes[index]?.id;
      if (reused === undefined || used.has(reused)) return code;
      used.add(reused);
      return { ...code, id: reused };
    });
    return {
      ...other,
      transcript: keepTranscript ? data.transcript : other.transcript,
      attributes: keepAttributes ? { ...data.attributes, ...other.attributes } : other.attributes,
      codes,
    };
  });

describe('sidecar properties', function () {
  this.timeout(60_000);

  it('random data: serialize → parse gives the same data; serializing again gives the same bytes', () => {
    fc.assert(
      fc.property(sidecarData, (data) => {
        const written = serializeSidecar(data);
        const parsed = expectOk(written);
        assert.ok(sidecarDataEqual(parsed.data, data), `data differs:\n${written}`);
        assert.deepEqual(parsed.data, sorted(data));
        assert.equal(keepingLayout(parsed.data, parsed), written);
        assert.equal(serializeSidecar(parsed.data, parsed), written);
      }),
      { numRuns: 400 },
    );
  });

  it('a canonical sidecar with comments and blank lines added round-trips byte for byte', () => {
    fc.assert(
      fc.property(sidecarData, fc.array(decoration, { maxLength: 25 }), (data, decorations) => {
        const decorated = decorate(serializeSidecar(data), decorations);
        const parsed = expectOk(decorated);
        assert.ok(sidecarDataEqual(parsed.data, data), 'the decorations changed the data');
        assert.equal(keepingLayout(parsed.data, parsed), decorated);
      }),
      { numRuns: 400 },
    );
  });

  it('changing the data of a commented sidecar: reads back as the new data, and a second write changes nothing', () => {
    fc.assert(
      fc.property(
        sidecarData.chain((data) => fc.tuple(fc.constant(data), otherDataFor(data), fc.array(decoration, { maxLength: 25 }))),
        ([data, next, decorations]) => {
          const decorated = decorate(serializeSidecar(data), decorations);
          const written = keepingLayout(next, expectOk(decorated));
          const reread = expectOk(written);
          assert.ok(sidecarDataEqual(reread.data, next), `reads differently:\n${written}`);
          assert.equal(keepingLayout(reread.data, reread), written);
          assert.equal(serializeSidecar(next, expectOk(decorated)), written);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('parseSidecar never throws, whatever the text', () => {
    const yamlish = fc
      .array(fc.constantFrom('version: 1\n', 'codes:\n', '  - id: a\n', '    lines: [1, 2]\n', 'transcript: x\n', '- ', ': ', '&a ', '*a ', '!t ', '[', ']', '{', '}', '"', "'", '|\n', '>-\n', '\t', '  ', '#', '\n', '<<<<<<< x\n', '---\n', '...\n', '%YAML 1.2\n', '? '), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, text({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (input) => {
        const parsed = parseSidecar(input, FILE);
        if (parsed.status === 'broken') assert.ok(parsed.problems.some((p) => p.severity === 'error'));
        else assert.equal(serializeSidecar(parsed.data, expectOk(serializeSidecar(parsed.data, parsed))), serializeSidecar(parsed.data, parsed));
      }),
      { numRuns: 1000 },
    );
  });
});
