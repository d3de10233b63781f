/**
 * Word interview transcripts that people and transcription services wrote
 * (test/fixtures/word-transcripts, origins in its README). Each test reads the original's
 * word/document.xml on its own — paragraphs, their runs' text, tabs and breaks — counts
 * the paragraphs and the speaker labels in it, and checks that the import keeps every
 * paragraph as a line in order, letter for letter, with the same speakers, and names what
 * it leaves out (page headers and footers).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { importTranscript } from '../../src/core/transcript-import/import-transcript';
import { parseTranscript } from '../../src/core/transcript/transcript';
import { makeDocx, paragraph } from './helpers/refi-qda';

const FIXTURES = join(__dirname, '..', 'fixtures', 'word-transcripts');

const decodeEntities = (text: string): string =>
  text.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');

/** Its own reading of the body: each <w:p>'s <w:t> text, <w:tab/> as a tab, <w:br/> as a new line. */
function originalLines(name: string): { paragraphsWithText: number; lines: string[] } {
  const entries = unzipSync(new Uint8Array(readFileSync(join(FIXTURES, name))));
  const xml = strFromU8(entries['word/document.xml'] ?? new Uint8Array());
  const paragraphs = [...xml.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/gu)].map((match) =>
    [...match[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/gu)]
      .map((piece) => (piece[0] === '<w:tab/>' ? '\t' : piece[0] === '<w:br/>' ? '\n' : decodeEntities(piece[1] ?? '')))
      .join(''),
  );
  const withText = paragraphs.filter((text) => text.trim() !== '');
  return { paragraphsWithText: withText.length, lines: withText.flatMap((text) => text.split('\n')).filter((line) => line.trim() !== '') };
}

/** Letters and digits only: what must survive, whatever happens to spacing and label separators. */
const lettersOf = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

interface ImportedLine {
  text: string;
  speaker?: string;
}

function imported(name: string): { lines: ImportedLine[]; notices: string[] } {
  const result = importTranscript(name, readFileSync(join(FIXTURES, name)), {});
  const lines = parseTranscript(result.text, name)
    .transcript.lines.filter((line) => line.kind !== 'blank')
    .map((line) => (line.speaker === undefined ? { text: line.text } : { text: line.text, speaker: line.speaker.name }));
  return { lines, notices: result.notices };
}

/** Every original line arrives as one line, in order, with the same letters and digits. */
function assertEveryLineArrives(name: string, original: string[], lines: ImportedLine[]): void {
  assert.equal(lines.length, original.length, `${name}: ${original.length} lines in the original, ${lines.length} imported`);
  for (const [index, line] of original.entries()) {
    assert.equal(lettersOf(lines[index]?.text ?? ''), lettersOf(line), `${name}: line ${index + 1}`);
  }
}

describe('Word transcripts written by people and transcription services (test/fixtures/word-transcripts)', () => {
  for (const [name, separator] of [
    ['qdap-trans1-verbalink.docx', ':'],
    ['qdap-trans3-dash-labels.docx', '-'],
  ] as const) {
    it(`${name}: 7 paragraphs, the 4 "Name${separator}<tab>" labels become speakers, the header and footer are named as left out`, () => {
      const original = originalLines(name);
      assert.equal(original.paragraphsWithText, 7);
      // Its own reading of the labels: the text before the tab, less its separator.
      const labelled = original.lines.flatMap((line, index) => {
        const match = /^([^\t]+?)[:-]\t(.*)$/u.exec(line);
        return match === null ? [] : [{ index, name: match[1] ?? '', said: match[2] ?? '' }];
      });
      assert.deepEqual(
        labelled.map((label) => label.name),
        ['Researcher 2', 'Teacher 4', 'Multiple Students', 'Teacher 4'],
      );
      const result = imported(name);
      assertEveryLineArrives(name, original.lines, result.lines);
      for (const label of labelled) {
        assert.equal(result.lines[label.index]?.speaker, label.name, `${name}: line ${label.index + 1}`);
        assert.equal(result.lines[label.index]?.text, `${label.name}: ${label.said.trim()}`);
      }
      // Bracketed transcriber notes stay lines of their own, with no speaker.
      assert.deepEqual(
        result.lines.filter((line) => line.text.startsWith('[')).map((line) => [line.text, line.speaker]),
        [
          ['[Student discussion; unintelligible]', undefined],
          ['[Cross Talk 3:00]', undefined],
        ],
      );
      // The transcription service's header and footer: not spoken, not imported, but named.
      assert.equal(result.notices.length, 1);
      assert.match(result.notices[0] ?? '', /^page header\/footer text left out .*"Teacher # 4, 10-12-1892 Page 1 of 1"; "www\.verbalink\.com Page 1 of 1"$/u);
    });
  }

  it('oral-history interview (AUC student project, hard-wrapped lines): 87 paragraphs and a line break, 15 turns of the two people present', () => {
    const name = 'textreadr-oral-history-interview.docx';
    const original = originalLines(name);
    assert.equal(original.paragraphsWithText, 87);
    assert.equal(original.lines.length, 88);
    // The interview's turns: paragraphs opening with one of the two names the cover page lists as present.
    const turns = original.lines.flatMap((line, index) => {
      const match = /^\s*(Hassan|Abd Rabou):\s/u.exec(line);
      return match === null ? [] : [{ index, name: match[1] ?? '' }];
    });
    assert.equal(turns.length, 15);
    const result = imported(name);
    assertEveryLineArrives(name, original.lines, result.lines);
    assert.deepEqual(
      turns.map((turn) => result.lines[turn.index]?.speaker),
      turns.map((turn) => turn.name),
    );
    // Lines the transcriber wrapped by hand carry no speaker; neither do the cover page's date and place.
    const turnLines = new Set(turns.map((turn) => turn.index));
    const otherSpeakers = new Set(result.lines.filter((line, index) => !turnLines.has(index) && line.speaker !== undefined).map((line) => line.speaker));
    for (const field of ['Date', 'Place', 'Date completed']) assert.ok(!otherSpeakers.has(field), field);
    assert.ok(result.lines.filter((line, index) => !turnLines.has(index) && line.speaker !== undefined).length <= 4, 'only cover-page labels besides the turns');
    assert.deepEqual(result.notices, ['page header/footer text left out (Word prints it on every page): "Yasmine Hassan Ahmad Abd Rabou Interview 1/6"']);
  });

  it('presidential debate transcript (capitalised "NAME:" labels): 214 paragraphs, every labelled one a turn of its speaker, nothing left out', () => {
    const name = 'textreadr-presidential-debate.docx';
    const original = originalLines(name);
    assert.equal(original.paragraphsWithText, 214);
    const turns = original.lines.flatMap((line, index) => {
      const match = /^([A-Z]+): /u.exec(line);
      return match === null ? [] : [{ index, name: match[1] ?? '' }];
    });
    assert.equal(turns.length, 109);
    assert.deepEqual([...new Set(turns.map((turn) => turn.name))].sort(), ['LEHRER', 'OBAMA', 'ROMNEY']);
    const result = imported(name);
    assertEveryLineArrives(name, original.lines, result.lines);
    assert.deepEqual(
      result.lines.map((line) => line.speaker),
      original.lines.map((_line, index) => turns.find((turn) => turn.index === index)?.name),
    );
    assert.deepEqual(result.notices, []);
  });
});

describe('Word parts outside the body are named, never dropped in silence', () => {
  const W_P = (text: string): string => paragraph(text);

  it('counts footnotes, endnotes and comments with text, skipping Word\'s separator notes, and quotes headers and footers', () => {
    const docx = makeDocx(W_P('P1: Kami kekurangan pegawai.'), {
      header: `<w:hdr>${W_P('Wawancara 3 — Dinas Kominfo')}</w:hdr>`,
      footer: `<w:ftr>${W_P('')}</w:ftr>`,
      footnotes:
        '<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
        `<w:footnote w:id="1">${W_P('Nama disamarkan.')}</w:footnote><w:footnote w:id="2">${W_P('Rekaman terputus.')}</w:footnote></w:footnotes>`,
      endnotes: '<w:endnotes><w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote></w:endnotes>',
      comments: `<w:comments><w:comment w:id="0" w:author="Ana">${W_P('cek lagi')}</w:comment></w:comments>`,
    });
    const result = importTranscript('wawancara.docx', docx, {});
    assert.equal(result.text, 'P1: Kami kekurangan pegawai.\n');
    assert.deepEqual(result.notices, [
      'page header/footer text left out (Word prints it on every page): "Wawancara 3 — Dinas Kominfo"',
      '2 footnote(s) left out',
      '1 comment(s) left out',
    ]);
  });

  it('says nothing when the side parts hold no text', () => {
    const docx = makeDocx(W_P('P1: Ya.'), { header: `<w:hdr>${W_P(' ')}</w:hdr>`, footnotes: '<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote></w:footnotes>' });
    assert.deepEqual(importTranscript('w.docx', docx, {}).notices, []);
  });
});
