import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { safeTranscriptPath, slugify } from '../../src/core/refi-qda/names';
import { sha1, toHex, uuidV5 } from '../../src/core/refi-qda/stable-guid';
import { codePointLength, layoutLines, linesOfSelection, selectionOfLines } from '../../src/core/refi-qda/text-positions';
import { describeWithTrailer, splitTrailer } from '../../src/core/refi-qda/trailer';
import { parseXml, XmlError } from '../../src/core/xml/xml-reader';
import { renderXmlDocument, textElement } from '../../src/core/xml/xml-writer';
import { crc32 } from '../../src/core/zip/zip-reader';

describe('REFI-QDA building blocks', () => {
  describe('stable GUIDs', () => {
    it('computes SHA-1 as Node does, across block boundaries', () => {
      for (const length of [0, 1, 55, 56, 63, 64, 65, 1000]) {
        const data = new Uint8Array(length).map((_, index) => (index * 31 + 7) & 0xff);
        assert.equal(toHex(sha1(data)), createHash('sha1').update(data).digest('hex'), `length ${length}`);
      }
    });

    it('derives RFC 4122 version-5 UUIDs (the RFC example: www.example.com in the DNS namespace)', () => {
      assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
      assert.equal(uuidV5('source:a.txt'), uuidV5('source:a.txt'));
      assert.notEqual(uuidV5('source:a.txt'), uuidV5('source:b.txt'));
    });

    it('computes the zip CRC-32 of the check string', () => {
      assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    });
  });

  describe('code point positions', () => {
    it('counts an emoji as one code point and a combining accent as its own', () => {
      assert.equal(codePointLength('a😀b'), 3);
      assert.equal(codePointLength('e\u0301'), 2);
      assert.equal(codePointLength('é'), 1);
    });

    it('puts a code on lines a..b from the start of line a to the end of line b, newline excluded', () => {
      const layout = layoutLines('Ibu Siti: Kami 😀 senang.\nPak Budi: Anggaran terbatas.\n');
      assert.deepEqual(selectionOfLines(layout, 1, 1), { start: 0, end: 24 });
      assert.deepEqual(selectionOfLines(layout, 2, 2), { start: 25, end: 53 });
      assert.deepEqual(selectionOfLines(layout, 1, 2), { start: 0, end: 53 });
      assert.equal(selectionOfLines(layout, 2, 3), undefined);
    });

    it('counts CR LF as two code points and CR alone as one when reading another tool\'s source', () => {
      const layout = layoutLines('ab\r\ncd\ref\n');
      assert.deepEqual(
        layout.map((line) => [line.start, line.end, line.text]),
        [
          [0, 2, 'ab'],
          [4, 6, 'cd'],
          [7, 9, 'ef'],
        ],
      );
    });

    it('maps selections to the lines whose text they touch, reporting what widening adds', () => {
      const source = 'satu dua\ntiga empat\n\nlima\n';
      const layout = layoutLines(source);
      const total = codePointLength(source);
      assert.deepEqual(linesOfSelection(layout, 0, 8, total), { status: 'lines', first: 1, last: 1, addedBefore: '', addedAfter: '' });
      // Ending just after a line break still means the line before it.
      assert.deepEqual(linesOfSelection(layout, 0, 9, total), { status: 'lines', first: 1, last: 1, addedBefore: '', addedAfter: '' });
      // Starting on a line break means the next line.
      assert.deepEqual(linesOfSelection(layout, 8, 13, total), { status: 'lines', first: 2, last: 2, addedBefore: '', addedAfter: ' empat' });
      assert.deepEqual(linesOfSelection(layout, 5, 21, total), { status: 'lines', first: 1, last: 2, addedBefore: 'satu ', addedAfter: '' });
      assert.deepEqual(linesOfSelection(layout, 5, 22, total), { status: 'lines', first: 1, last: 4, addedBefore: 'satu ', addedAfter: 'ima' });
      assert.deepEqual(linesOfSelection(layout, 19, 21, total), { status: 'empty' });
      assert.deepEqual(linesOfSelection(layout, 3, 200, total), { status: 'out-of-range' });
      assert.deepEqual(linesOfSelection(layout, 5, 4, total), { status: 'out-of-range' });
    });
  });

  describe('description trailer', () => {
    it('round-trips ids and bilingual labels and keeps what a person wrote around it', () => {
      const description = describeWithTrailer('Koordinasi: "rapat" & surat.', { id: 'coordination', label: { en: 'Coordination', id: 'Koordinasi' } });
      assert.deepEqual(splitTrailer(description), {
        human: 'Koordinasi: "rapat" & surat.',
        fields: { id: 'coordination', label: { en: 'Coordination', id: 'Koordinasi' } },
      });
      assert.deepEqual(splitTrailer(`${description}\nadded in ATLAS.ti`).human, 'Koordinasi: "rapat" & surat.\n\nadded in ATLAS.ti');
      assert.deepEqual(splitTrailer('transcript-coder: [not, a, map]'), { human: 'transcript-coder: [not, a, map]' });
      assert.deepEqual(splitTrailer('plain text'), { human: 'plain text' });
    });
  });

  describe('names from other tools', () => {
    it('slugifies code names, dropping diacritics', () => {
      assert.equal(slugify('Sumber Daya Aparatur & Unit Kerja'), 'sumber-daya-aparatur-unit-kerja');
      assert.equal(slugify('Pengaruh lingkungan sosial–ekonomi'), 'pengaruh-lingkungan-sosial-ekonomi');
      assert.equal(slugify('Koordinasi café'), 'koordinasi-cafe');
      assert.equal(slugify('😀'), 'code');
    });

    it('never lets a source name leave the folder, hide, or clash', () => {
      const taken = new Set<string>();
      assert.equal(safeTranscriptPath('../../etc/passwd', taken, 'x.txt'), 'etc/passwd.txt');
      assert.equal(safeTranscriptPath('/abs/..\\..\\win.txt', taken, 'x.txt'), 'abs/win.txt');
      assert.equal(safeTranscriptPath('.hidden.md', taken, 'x.txt'), 'hidden.md');
      assert.equal(safeTranscriptPath('Simon.docx', taken, 'x.txt'), 'Simon.txt');
      assert.equal(safeTranscriptPath('simon.DOCX', taken, 'x.txt'), 'simon (2).txt');
      assert.equal(safeTranscriptPath('CON', taken, 'x.txt'), '_CON.txt');
      assert.equal(safeTranscriptPath('a:b?.txt', taken, 'x.txt'), 'a-b-.txt');
      assert.equal(safeTranscriptPath('..', taken, 'source-3.txt'), 'source-3.txt');
    });
  });

  describe('XML', () => {
    it('writes text that parses back exactly, including CR, tabs and characters XML cannot hold', () => {
      const value = 'a < b & "c"\r\n\td\u0001e 😀';
      const xml = renderXmlDocument({ name: 'Root', attributes: [['name', value]], children: [textElement('Description', value)] });
      const root = parseXml(xml, 'x.xml');
      assert.equal(root.attributes['name'], 'a < b & "c"\r\n\td\ufffde 😀');
      assert.equal(root.children[0]?.text, 'a < b & "c"\r\n\td\ufffde 😀');
    });

    it('refuses any DOCTYPE, naming file, line and column', () => {
      assert.throws(
        () => parseXml('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<r>&x;</r>', 'p.qde'),
        (error: unknown) => error instanceof XmlError && /^p\.qde:2:\d+: a DOCTYPE declaration is not allowed/u.test(error.message),
      );
    });

    it('refuses undefined entities and elements nested past the limit', () => {
      assert.throws(() => parseXml('<r>&lol;</r>', 'p.qde'), /p\.qde:1:\d+: undefined entity/u);
      assert.throws(() => parseXml('<a>'.repeat(300) + '</a>'.repeat(300), 'deep.xml'), /nest more than 256 levels/u);
    });
  });
});
