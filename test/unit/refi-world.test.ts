/**
 * Files other tools wrote (test/fixtures/refi-qda-world, origins in its README): each is
 * imported, and what it holds is counted in its original XML, independently of our
 * reader (plain element counts), so a kind the importer drops without a word fails here.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { importQdc, importQde, importQdpx, type ImportResult } from '../../src/core/refi-qda/import-qdpx';
import { COUNTED_KINDS } from '../../src/core/refi-qda/import-summary';

const WORLD = join(__dirname, '..', 'fixtures', 'refi-qda-world');

function count(xml: string, element: string): number {
  return (xml.match(new RegExp(`<${element}[\\s/>]`, 'gu')) ?? []).length;
}

/** Children of <Sources>: every element directly inside it whose name ends in Source. */
function sourceCount(xml: string): number {
  return (xml.match(/<(?:Text|PDF|Picture|Audio|Video)Source[\s/>]/gu) ?? []).length;
}

interface Expected {
  file: string;
  read(bytes: Uint8Array, file: string): ImportResult;
  xml(bytes: Uint8Array): string;
  arrived: { sources: number; codes: number; codings: number; memos: number; cases: number; sets: number };
}

const projectXml = (bytes: Uint8Array): string => {
  const entries = unzipSync(bytes);
  const name = Object.keys(entries).find((entry) => entry.toLowerCase() === 'project.qde') ?? '';
  return new TextDecoder().decode(entries[name]);
};
const plain = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

const FIXTURES: Expected[] = [
  { file: 'qc-1.3.2-demo.qdpx', read: (b, f) => importQdpx(b, f), xml: projectXml, arrived: { sources: 2, codes: 262, codings: 205, memos: 0, cases: 0, sets: 0 } },
  { file: 'nvivo-win-12.6-oltas.qdpx', read: (b, f) => importQdpx(b, f), xml: projectXml, arrived: { sources: 1, codes: 60, codings: 97, memos: 0, cases: 0, sets: 0 } },
  // QualCoder's export of our example study (its round trip: refi-qualcoder-roundtrip.test.ts). Its two cases link to no source.
  { file: 'qualcoder-4.0b-example-study.qdpx', read: (b, f) => importQdpx(b, f), xml: projectXml, arrived: { sources: 6, codes: 20, codings: 155, memos: 0, cases: 0, sets: 0 } },
  { file: 'nvivo-mac-15.0.0.qdpx', read: (b, f) => importQdpx(b, f), xml: projectXml, arrived: { sources: 2, codes: 262, codings: 0, memos: 0, cases: 0, sets: 0 } },
  // Its source texts are not published with it: sources, their codings and sets are named as left out.
  { file: 'atlas-ti-8.4-mac-standard-project.qde', read: (b, f) => importQde(b, f), xml: plain, arrived: { sources: 0, codes: 14, codings: 0, memos: 2, cases: 0, sets: 0 } },
  { file: 'atlas-ti-win-23.4.0.qdc', read: (b, f) => importQdc(b, f), xml: plain, arrived: { sources: 0, codes: 1, codings: 0, memos: 0, cases: 0, sets: 0 } },
  { file: 'taguette-1.5.2.qdc', read: (b, f) => importQdc(b, f), xml: plain, arrived: { sources: 0, codes: 3, codings: 0, memos: 0, cases: 0, sets: 0 } },
];

describe('REFI-QDA files written by other tools', () => {
  for (const fixture of FIXTURES) {
    describe(fixture.file, () => {
      const bytes = new Uint8Array(readFileSync(join(WORLD, fixture.file)));
      const xml = fixture.xml(bytes);
      const result = fixture.read(bytes, fixture.file);
      const { tallies } = result.summary;

      it('finds every source, code, coding, note, case and set the XML holds', () => {
        assert.equal(tallies.sources.found, sourceCount(xml));
        assert.equal(tallies.codes.found, count(xml, 'Code'));
        assert.equal(tallies.codings.found, count(xml, 'Coding'));
        assert.equal(tallies.memos.found, count(xml, 'Note'));
        assert.equal(tallies.cases.found, count(xml, 'Case'));
        assert.equal(tallies.sets.found, count(xml, 'Set'));
      });

      it('brings in what it can, and everything else is counted as left out', () => {
        for (const kind of COUNTED_KINDS) {
          assert.equal(tallies[kind].arrived, fixture.arrived[kind], `${kind} arrived`);
          assert.equal(tallies[kind].arrived + tallies[kind].leftOut, tallies[kind].found, `${kind} add up`);
        }
        assert.equal(result.lostCodings, tallies.codings.leftOut);
      });

      it('names each left-out source, set and note in a notice at its own line', () => {
        const leftOutNotices = result.notices.filter((notice) => / left out/u.test(notice.message));
        const namedSources = leftOutNotices.filter((notice) => /^(?:text source|PDFSource|PictureSource|AudioSource|VideoSource) /u.test(notice.message)).length;
        assert.equal(namedSources, tallies.sources.leftOut);
        assert.equal(leftOutNotices.filter((notice) => /^set "/u.test(notice.message)).length, tallies.sets.leftOut);
        assert.equal(leftOutNotices.filter((notice) => /^note "/u.test(notice.message)).length, tallies.memos.leftOut);
        for (const notice of result.notices) assert.ok(notice.line >= 1 && notice.column >= 1, JSON.stringify(notice));
      });

      it('names every other kind it leaves out (links, graphs, media) by count', () => {
        const others = result.summary.otherLeftOut;
        assert.equal(others['link'] ?? 0, count(xml, 'Link'));
        assert.equal(others['graph'] ?? 0, count(xml, 'Graph'));
        for (const media of ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource']) assert.equal(others[media] ?? 0, count(xml, media), media);
      });
    });
  }

  it('points notices from one-line XML at the element, not all at 1:1 (qc writes its project on one line)', () => {
    const result = importQdpx(new Uint8Array(readFileSync(join(WORLD, 'nvivo-mac-15.0.0.qdpx'))), 'n.qdpx');
    const columns = new Set(result.notices.map((notice) => `${notice.line}:${notice.column}`));
    assert.ok(columns.size > 100, `${columns.size} distinct positions`);
    const xml = projectXml(new Uint8Array(readFileSync(join(WORLD, 'nvivo-mac-15.0.0.qdpx'))));
    const first = result.notices.find((notice) => notice.message.includes('"competencies › programming"'));
    assert.ok(first !== undefined);
    const lines = xml.split('\n');
    assert.ok((lines[first.line - 1] ?? '').slice(first.column - 1).startsWith('<Code guid="36636563-3863-6264-3638-303637613863"'));
  });

  it('reads qc\'s bare plainTextPath from the archive\'s sources/ folder: all 205 codings arrive', () => {
    const result = importQdpx(new Uint8Array(readFileSync(join(WORLD, 'qc-1.3.2-demo.qdpx'))), 'qc.qdpx');
    assert.equal(result.summary.tallies.codings.arrived, 205);
    assert.ok(!result.notices.some((notice) => /external file|left out: .*board_2017/u.test(notice.message)));
  });

  it("places NVivo for Windows' selections on the lines they mark: positions counted in UTF-16 units, as NVivo counts, said in a notice", () => {
    const bytes = new Uint8Array(readFileSync(join(WORLD, 'nvivo-win-12.6-oltas.qdpx')));
    const entries = unzipSync(bytes);
    const xml = projectXml(bytes);
    const sourceName = Object.keys(entries).find((name) => name.endsWith('.txt')) ?? '';
    const source = new TextDecoder().decode(entries[sourceName]);
    // Independently of our reader: the line each selection starts on, counting positions as
    // JavaScript strings index (UTF-16 units) in the source as NVivo stored it (CRLF).
    const expected = [...xml.matchAll(/<PlainTextSelection [^>]*startPosition="(\d+)"/gu)].map((match) => source.slice(0, Number(match[1])).split('\n').length);
    assert.equal(expected.length, 97);
    assert.ok(/[\u{10000}-\u{10FFFF}]/u.test(source), 'the source holds characters outside the BMP, where the two readings differ');
    const result = importQdpx(bytes, 'oltas.qdpx');
    const sidecar = result.files.find((file) => file.path.endsWith('.codes.yaml'));
    const codes = (parseYaml(sidecar?.content ?? '') as { codes: Array<{ lines: [number, number] }> }).codes;
    const sorted = (lines: number[]) => [...lines].sort((a, b) => a - b);
    assert.deepEqual(sorted(codes.map((code) => code.lines[0])), sorted(expected));
    assert.deepEqual(
      result.positionReadings.map(({ unit }) => unit),
      ['utf16'],
    );
    assert.ok(result.notices.some((notice) => /read as UTF-16 code units.*97 of 97 selections/u.test(notice.message)));
  });
});
