/**
 * CodingSession — the state machine behind one open transcript (src/core/session/session.ts):
 * what the researcher sees (live positions) and what lands in the sidecar (saved
 * positions until the transcript is saved), the coding operations, undo/redo, broken
 * sidecars, re-anchoring after outside changes.
 */
import { strict as assert } from 'node:assert';
import { CodingSession, ReadOnlySidecarError, type CodeFields } from '../../src/core/session';
import { parseSidecar, sidecarDataEqual, type SidecarParseOk } from '../../src/core/sidecar';
import type { TextEdit } from '../../src/core/anchoring';
import { seededRandom } from '../../src/core/text/seeded-random';

const SIDECAR = 'transcripts/bkpsdmd/kaban.txt.codes.yaml';
const FILE_NAME = 'kaban.txt';

const lines = (...all: string[]): string => all.join('\n') + '\n';

/** Seven lines; line 3 is blank. */
const TRANSCRIPT = lines(
  'Interviewer: Selamat pagi, Pak. Bisa ceritakan tentang sumber daya aparatur?',
  'Kepala Badan: Masih   kurangnya pegawai yang memiliki basis keilmuan dan skill teknologi informasi, terutama di kecamatan yang jauh.',
  '',
  'Interviewer: Bagaimana dengan anggaran untuk pelatihan?',
  'Kepala Badan: [00:12:34] Anggaran kami terbatas.',
  '**Sekretaris:** Koordinasi belum jalan.',
  'Interviewer: Terima kasih atas waktunya.',
);

/** Line 2's quote: the body after the speaker, whitespace collapsed, cut at 80 characters. */
const QUOTE_2 = 'Masih kurangnya pegawai yang memiliki basis keilmuan dan skill teknologi informa';

/** Two codes on TRANSCRIPT, in canonical layout. */
const SIDECAR_TEXT = lines(
  'version: 1',
  'transcript: kaban.txt',
  'attributes:',
  '  agency: BKPSDMD Kabupaten Hulu Sungai Tengah',
  '  informant: Kepala Badan',
  'codes:',
  '  - id: aaaa1111',
  '    lines: [2, 2]',
  '    code: jones/organization/apparatus-resources',
  '    polarity: inhibiting',
  '    factor: Tenaga ahli TI masih kurang',
  `    quote: "${QUOTE_2}"`,
  '    coder: rina',
  '  - id: bbbb2222',
  '    lines: [5, 6]',
  '    code: jones/organization/budget',
  '    polarity: inhibiting',
  '    factor: Anggaran terbatas',
  '    quote: "Anggaran kami terbatas. Koordinasi belum jalan."',
  '    coder: rina',
);

const FIELDS: CodeFields = { code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Rapat rutin', coder: 'adi' };

/** Reproducible ids. */
const seeded = seededRandom;

/** A session and the live text it should be tracking, edited together like the editor does. */
class Doc {
  readonly session: CodingSession;
  constructor(
    public text: string,
    sidecarText: string | undefined,
  ) {
    this.session = CodingSession.open(text, sidecarText, SIDECAR, FILE_NAME);
  }

  /** Applies LF edits (each relative to the text the previous one left) to both. */
  edit(...edits: TextEdit[]): void {
    for (const edit of edits) this.text = this.text.slice(0, edit.offset) + edit.text + this.text.slice(edit.offset + edit.length);
    this.session.applyEdits(edits);
  }

  /** Inserts whole lines before line `line` (1-based). */
  insertLines(line: number, ...inserted: string[]): void {
    this.edit({ offset: offsetOfLine(this.text, line), length: 0, text: inserted.map((text) => text + '\n').join('') });
  }

  /** Types `typed` at the end of line `line`. */
  typeAtEnd(line: number, typed: string): void {
    const start = offsetOfLine(this.text, line);
    const end = this.text.indexOf('\n', start);
    this.edit({ offset: end === -1 ? this.text.length : end, length: 0, text: typed });
  }

  deleteLines(first: number, last: number): void {
    const start = offsetOfLine(this.text, first);
    const end = offsetOfLine(this.text, last + 1);
    this.edit({ offset: start, length: end - start, text: '' });
  }

  save(): string | undefined {
    return this.session.sidecarText({ savedText: this.text });
  }

  /** Live lines of each code, by id. */
  positions(): Record<string, [number, number]> {
    return Object.fromEntries(this.session.codes().map((code) => [code.entry.id, code.entry.lines]));
  }

  detached(): string[] {
    return this.session.codes().filter((code) => code.detached).map((code) => code.entry.id);
  }
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

function parsed(text: string | undefined): SidecarParseOk {
  assert.ok(text !== undefined, 'expected sidecar text');
  const result = parseSidecar(text, SIDECAR);
  assert.equal(result.status, 'ok', JSON.stringify(result.problems));
  return result as SidecarParseOk;
}

function codeIn(text: string | undefined, id: string): Record<string, unknown> {
  const found = parsed(text).data.codes.find((code) => code.id === id);
  assert.ok(found !== undefined, `code ${id} not in\n${text}`);
  return { ...found };
}

/** Lines in `after` that are not in `before` and the reverse, as `+line` / `-line`. */
function lineDiff(before: string | undefined, after: string | undefined): string[] {
  const a = (before ?? '').split('\n');
  const b = (after ?? '').split('\n');
  return [...a.filter((line) => !b.includes(line)).map((line) => `-${line}`), ...b.filter((line) => !a.includes(line)).map((line) => `+${line}`)];
}

describe('CodingSession', () => {
  describe('a transcript without a sidecar', () => {
    it('has nothing to write until the first code', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      assert.equal(doc.session.readOnly, false);
      assert.deepEqual(doc.session.codes(), []);
      assert.equal(doc.session.sidecarText(), undefined);
      assert.equal(doc.save(), undefined, 'saving the transcript writes no empty sidecar');
      assert.equal(doc.session.undoInfo(), undefined);
    });

    it('writes the first code in canonical YAML with lines, quote and coder', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      const [id] = doc.session.addCodes([[2, 2]], { ...FIELDS, memo: 'Kata kunci: "skill"' }, seeded(1));
      assert.ok(id !== undefined);
      assert.match(id, /^[a-z][a-z0-9]{7}$/u);
      assert.equal(
        doc.session.sidecarText(),
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes: {}',
          'codes:',
          `  - id: ${id}`,
          '    lines: [2, 2]',
          '    code: jones/organization/coordination',
          '    polarity: supporting',
          '    factor: Rapat rutin',
          `    quote: "${QUOTE_2}"`,
          `    memo: 'Kata kunci: "skill"'`,
          '    coder: adi',
        ),
      );
      assert.ok(QUOTE_2.length <= 80);
    });

    it('quotes the body of the line: no speaker label, no timestamp, no bold markers', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      const [a, b, c] = doc.session.addCodes([[5, 5], [6, 6], [5, 6]], FIELDS, seeded(2));
      const text = doc.session.sidecarText();
      assert.equal(codeIn(text, a as string)['quote'], 'Anggaran kami terbatas.');
      assert.equal(codeIn(text, b as string)['quote'], 'Koordinasi belum jalan.');
      assert.equal(codeIn(text, c as string)['quote'], 'Anggaran kami terbatas. Koordinasi belum jalan.');
    });

    it('codes several ranges at once, with distinct ids, sorted in the file', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      const ids = doc.session.addCodes([[6, 6], [2, 2], [4, 5]], FIELDS, seeded(3));
      assert.equal(ids.length, 3);
      assert.equal(new Set(ids).size, 3);
      const written = parsed(doc.session.sidecarText()).data.codes;
      assert.deepEqual(written.map((code) => code.lines), [[2, 2], [4, 5], [6, 6]]);
      assert.deepEqual(written.map((code) => code.id), [ids[1], ids[2], ids[0]]);
      assert.deepEqual(doc.positions(), { [ids[0] as string]: [6, 6], [ids[1] as string]: [2, 2], [ids[2] as string]: [4, 5] });
      // One undo step for the whole batch.
      assert.equal(doc.session.undo(), true);
      assert.equal(doc.session.undo(), false);
      assert.deepEqual(doc.session.codes(), []);
    });

    it('draws ids from the random source it is given', () => {
      const first = new Doc(TRANSCRIPT, undefined).session.addCodes([[1, 1], [2, 2]], FIELDS, seeded(42));
      const again = new Doc(TRANSCRIPT, undefined).session.addCodes([[1, 1], [2, 2]], FIELDS, seeded(42));
      const other = new Doc(TRANSCRIPT, undefined).session.addCodes([[1, 1], [2, 2]], FIELDS, seeded(43));
      assert.deepEqual(first, again);
      assert.notDeepEqual(first, other);
    });

    it('gives a new code an id that no code in the file has, even with a constant random source', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      let calls = 0;
      // The first eight draws spell the id an existing code has, then others follow.
      const [first] = doc.session.addCodes([[1, 1]], FIELDS, () => 0);
      const [second] = doc.session.addCodes([[2, 2]], FIELDS, () => (calls++ < 8 ? 0 : 0.5));
      assert.equal(first, 'aaaaaaaa');
      assert.notEqual(second, first);
    });

    it('does not reuse the id of a removed code that undo can still bring back', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      const [removed] = doc.session.addCodes([[1, 1]], FIELDS, () => 0);
      doc.session.removeCodes([removed as string]);
      const [added] = doc.session.addCodes([[2, 2]], FIELDS, (() => {
        let calls = 0;
        return () => (calls++ < 8 ? 0 : 0.5);
      })());
      assert.notEqual(added, removed);
    });

    it('refuses lines that are not in the transcript, and changes nothing', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      for (const range of [[0, 1], [3, 2], [8, 9], [1.5, 2]] as const) {
        assert.throws(() => doc.session.addCodes([[1, 1], range], FIELDS, seeded(4)), RangeError);
      }
      assert.deepEqual(doc.session.codes(), []);
      assert.equal(doc.session.undoInfo(), undefined);
      assert.equal(doc.session.sidecarText(), undefined);
    });

    it('does not code the empty line an editor shows after the final line break', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      assert.equal(doc.session.lineCount(), 8, 'the editor shows 8 lines');
      const [id] = doc.session.addCodes([[7, 8]], FIELDS, seeded(12));
      assert.deepEqual(codeIn(doc.session.sidecarText(), id as string)['lines'], [7, 7]);
      assert.throws(() => doc.session.addCodes([[8, 8]], FIELDS, seeded(12)), RangeError);
    });

    it('takes the same quote for a long code of short turns as a save would', () => {
      const turns = Array.from({ length: 40 }, (_, index) => `P${index % 3}: Ya.`);
      const doc = new Doc(lines(...turns), undefined);
      const [id] = doc.session.addCodes([[1, 40]], FIELDS, seeded(5));
      const before = doc.session.sidecarText();
      assert.equal(codeIn(before, id as string)['quote'], Array.from({ length: 20 }, () => 'Ya.').join(' '));
      assert.equal(doc.save(), before, 'saving an untouched transcript changes nothing in the sidecar');
    });
  });

  describe('typing and saving', () => {
    it('moves codes with the text while sidecarText keeps the saved positions', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT, 'an unchanged sidecar reads and writes to the same bytes');
      doc.insertLines(1, 'Catatan: rekaman dimulai.', '');
      assert.deepEqual(doc.positions(), { aaaa1111: [4, 4], bbbb2222: [7, 8] });
      assert.deepEqual(doc.session.codesAt(7).map((code) => code.entry.id), ['bbbb2222']);
      assert.equal(doc.session.lineBody(4).startsWith('Masih'), true);
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT, 'unsaved typing moves nothing on disk');
    });

    it('answers codes() and codesAt() with the live positions after every kind of keystroke', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      const first = doc.session.codes();
      first.reverse(); // a caller's copy: changing it changes nothing in the session
      assert.deepEqual(doc.positions(), { aaaa1111: [2, 2], bbbb2222: [5, 6] });
      doc.typeAtEnd(5, ' Sangat'); // inside a line: no code moves
      assert.deepEqual(doc.session.codesAt(5).map((code) => code.entry.id), ['bbbb2222']);
      assert.deepEqual(doc.positions(), { aaaa1111: [2, 2], bbbb2222: [5, 6] });
      doc.insertLines(1, 'Catatan: rekaman dimulai.'); // codes move before codes() is asked again
      assert.deepEqual(doc.session.codesAt(3).map((code) => code.entry.id), ['aaaa1111']);
      assert.deepEqual(doc.session.codesAt(2), []);
      assert.deepEqual(doc.positions(), { aaaa1111: [3, 3], bbbb2222: [6, 7] });
      doc.deleteLines(3, 3); // aaaa1111's only line: it is detached, where its text was
      assert.deepEqual(doc.detached(), ['aaaa1111']);
      assert.deepEqual(doc.session.codesAt(3).map((code) => [code.entry.id, code.detached]), [['aaaa1111', true]]);
    });

    it('answers codes() with the fields of the latest coding change, undo and reload', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      const factorOf = () => doc.session.codes().find((code) => code.entry.id === 'bbbb2222')?.entry.factor;
      assert.equal(factorOf(), 'Anggaran terbatas');
      doc.session.updateCode('bbbb2222', { factor: 'Anggaran pelatihan dipotong' });
      assert.equal(factorOf(), 'Anggaran pelatihan dipotong');
      assert.equal(doc.session.codesAt(6)[0]?.entry.factor, 'Anggaran pelatihan dipotong');
      doc.session.undo();
      assert.equal(factorOf(), 'Anggaran terbatas');
      doc.session.reloadSidecar(SIDECAR_TEXT.replace('factor: Anggaran terbatas', 'factor: Dari disk'), doc.text);
      assert.equal(factorOf(), 'Dari disk');
    });

    it('adopts live positions and fresh quotes when the transcript is saved, and then is stable', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.insertLines(1, 'Catatan: rekaman dimulai.', '');
      doc.typeAtEnd(7, ' Sangat');
      const saved = doc.save();
      assert.deepEqual(lineDiff(SIDECAR_TEXT, saved), [
        '-    lines: [2, 2]',
        '-    lines: [5, 6]',
        '-    quote: "Anggaran kami terbatas. Koordinasi belum jalan."',
        '+    lines: [4, 4]',
        '+    lines: [7, 8]',
        '+    quote: "Anggaran kami terbatas. Sangat Koordinasi belum jalan."',
      ]);
      assert.equal(doc.save(), saved, 'a second save with nothing new gives the same text');
      assert.equal(doc.session.sidecarText(), saved);
      doc.session.markWritten(saved as string);
      assert.equal(doc.session.sidecarText(), saved);
    });

    it('writes a factor edit at the saved position while lines are inserted and unsaved', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.insertLines(1, 'Catatan: rekaman dimulai.', 'Catatan: dua orang hadir.', '');
      assert.deepEqual(doc.positions()['bbbb2222'], [8, 9]);
      doc.session.updateCode('bbbb2222', { factor: 'Anggaran pelatihan dipotong' });
      const written = doc.session.sidecarText();
      assert.deepEqual(lineDiff(SIDECAR_TEXT, written), ['-    factor: Anggaran terbatas', '+    factor: Anggaran pelatihan dipotong']);
      assert.deepEqual(doc.positions()['bbbb2222'], [8, 9], 'the code stays on its live lines');
      // The save then writes the move.
      assert.deepEqual(codeIn(doc.save(), 'bbbb2222')['lines'], [8, 9]);
    });

    it('writes a new code made on unsaved text where it is in the live text', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.insertLines(1, 'Catatan: rekaman dimulai.');
      const [id] = doc.session.addCodes([[8, 8]], FIELDS, seeded(6));
      const written = doc.session.sidecarText();
      assert.deepEqual(codeIn(written, id as string)['lines'], [8, 8]);
      assert.equal(codeIn(written, id as string)['quote'], 'Terima kasih atas waktunya.');
      assert.deepEqual(codeIn(written, 'aaaa1111')['lines'], [2, 2], 'the other codes stay at their saved lines');
    });

    it('never writes a code onto the empty line after the final line break', () => {
      // A line replaced by a pasted line with its line break: the code spans the editor's empty last line.
      const doc = new Doc('A: x\nB: y', undefined);
      const [id] = doc.session.addCodes([[2, 2]], FIELDS, seeded(13));
      doc.edit({ offset: 5, length: 4, text: 'B: z\n' });
      assert.equal(doc.text, 'A: x\nB: z\n');
      assert.deepEqual(codeIn(doc.save(), id as string)['lines'], [2, 2]);
    });

    it('keeps a code whose lines were all deleted as an orphan at its last written place', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.deleteLines(5, 6);
      assert.deepEqual(doc.detached(), ['bbbb2222']);
      const saved = doc.save();
      assert.deepEqual(codeIn(saved, 'bbbb2222')['lines'], [5, 6]);
      assert.equal(codeIn(saved, 'bbbb2222')['quote'], 'Anggaran kami terbatas. Koordinasi belum jalan.');
      assert.equal(doc.save(), saved);
    });
  });

  describe('coding operations', () => {
    it('removeCodes drops the codes from the file', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.removeCodes(['aaaa1111']);
      assert.deepEqual(parsed(doc.session.sidecarText()).data.codes.map((code) => code.id), ['bbbb2222']);
      assert.deepEqual(Object.keys(doc.positions()), ['bbbb2222']);
      assert.equal(doc.session.undoInfo()?.label, 'remove code');
    });

    it('removeCodes of ids it does not know is no undo step', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.removeCodes(['nosuchid']);
      doc.session.addCodes([], FIELDS, seeded(7));
      assert.equal(doc.session.undoInfo(), undefined);
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT);
    });

    it('updateCode sets and clears a memo and changes the code, polarity and factor', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('aaaa1111', { memo: 'Lihat juga wawancara Kadis.' });
      const withMemo = doc.session.sidecarText();
      assert.deepEqual(lineDiff(SIDECAR_TEXT, withMemo), ['+    memo: Lihat juga wawancara Kadis.']);
      doc.session.updateCode('aaaa1111', { memo: '' });
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT, 'an empty memo is removed');
      doc.session.updateCode('aaaa1111', { memo: 'x' });
      doc.session.updateCode('aaaa1111', { memo: undefined });
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT, 'an undefined memo is removed');
      doc.session.updateCode('aaaa1111', { code: 'jones/organization/coordination', polarity: 'effort', factor: 'Pelatihan TI' });
      const code = codeIn(doc.session.sidecarText(), 'aaaa1111');
      assert.deepEqual([code['code'], code['polarity'], code['factor'], code['quote'], code['coder']], [
        'jones/organization/coordination',
        'effort',
        'Pelatihan TI',
        QUOTE_2,
        'rina',
      ]);
      assert.equal(doc.session.undoInfo()?.label, 'edit code');
    });

    it('updateCode of an unknown code throws and records nothing', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      assert.throws(() => doc.session.updateCode('nosuchid', { factor: 'x' }), /nosuchid/u);
      assert.equal(doc.session.undoInfo(), undefined);
    });

    it('setAttributes writes the case and drops empty values', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.setAttributes({ source: 'interview', informant: '', agency: 'BKPSDMD Kabupaten Hulu Sungai Tengah', date: '  ', role: 'Kepala' });
      assert.deepEqual(doc.session.attributes, { source: 'interview', agency: 'BKPSDMD Kabupaten Hulu Sungai Tengah', role: 'Kepala' });
      assert.deepEqual(lineDiff(SIDECAR_TEXT, doc.session.sidecarText()), ['-  informant: Kepala Badan', '+  role: Kepala', '+  source: interview']);
      assert.equal(doc.session.undoInfo()?.label, 'attributes');
    });

    it('setAttributes on a transcript without a sidecar starts one', () => {
      const doc = new Doc(TRANSCRIPT, undefined);
      doc.session.setAttributes({ agency: 'Dinas Kominfo', informant: '' });
      assert.equal(doc.session.sidecarText(), lines('version: 1', 'transcript: kaban.txt', 'attributes:', '  agency: Dinas Kominfo', 'codes: []'));
    });

    it('placeCode puts an orphan on the chosen lines with a fresh quote', () => {
      // Lines 5 and 6 were rewritten outside the editor: code bbbb2222 is an orphan.
      const changed = TRANSCRIPT.replace('Anggaran kami terbatas.', 'Dana tidak ada.').replace('Koordinasi belum jalan.', 'Rapat jarang.');
      const doc = new Doc(changed, SIDECAR_TEXT);
      assert.deepEqual(doc.detached(), ['bbbb2222']);
      doc.session.placeCode('bbbb2222', [4, 5]);
      assert.deepEqual(doc.detached(), []);
      assert.deepEqual(doc.positions()['bbbb2222'], [4, 5]);
      const code = codeIn(doc.session.sidecarText(), 'bbbb2222');
      assert.deepEqual(code['lines'], [4, 5]);
      assert.equal(code['quote'], 'Bagaimana dengan anggaran untuk pelatihan? Dana tidak ada.');
      assert.equal(code['factor'], 'Anggaran terbatas');
      assert.equal(doc.session.undoInfo()?.label, 're-anchor code');
      assert.throws(() => doc.session.placeCode('bbbb2222', [7, 99]), RangeError);
    });
  });

  describe('undo and redo', () => {
    type Step = { name: string; run: (doc: Doc) => void };
    const orphanText = TRANSCRIPT.replace('Anggaran kami terbatas.', 'Dana tidak ada.').replace('Koordinasi belum jalan.', 'Rapat jarang.');
    const steps: Array<Step & { transcript?: string }> = [
      { name: 'addCodes', run: (doc) => void doc.session.addCodes([[4, 4], [7, 7]], FIELDS, seeded(8)) },
      { name: 'updateCode', run: (doc) => doc.session.updateCode('bbbb2222', { factor: 'Lain', memo: 'baru' }) },
      { name: 'removeCodes', run: (doc) => doc.session.removeCodes(['aaaa1111', 'bbbb2222']) },
      { name: 'setAttributes', run: (doc) => doc.session.setAttributes({ agency: 'Dinas Kominfo', source: 'interview' }) },
      { name: 'placeCode', run: (doc) => doc.session.placeCode('aaaa1111', [1, 2]) },
      { name: 'placeCode of an orphan', transcript: orphanText, run: (doc) => doc.session.placeCode('bbbb2222', [4, 5]) },
    ];

    for (const step of steps) {
      it(`${step.name}: undo restores exactly the previous sidecar text, redo the next`, () => {
        const doc = new Doc(step.transcript ?? TRANSCRIPT, SIDECAR_TEXT);
        const before = doc.session.sidecarText();
        const positions = doc.positions();
        const detached = doc.detached();
        step.run(doc);
        const after = doc.session.sidecarText();
        assert.notEqual(after, before);
        assert.equal(doc.session.undoInfo()?.isNewest, true);
        assert.equal(doc.session.undo(), true);
        assert.equal(doc.session.sidecarText(), before);
        assert.deepEqual(doc.positions(), positions);
        assert.deepEqual(doc.detached(), detached);
        assert.equal(doc.session.redoInfo()?.isNewest, true);
        assert.equal(doc.session.redo(), true);
        assert.equal(doc.session.sidecarText(), after);
        assert.equal(doc.session.undo(), true);
        assert.equal(doc.session.sidecarText(), before);
      });

      it(`${step.name}: undo after unsaved typing still restores exactly the previous sidecar text`, () => {
        const doc = new Doc(step.transcript ?? TRANSCRIPT, SIDECAR_TEXT);
        const before = doc.session.sidecarText();
        step.run(doc);
        const after = doc.session.sidecarText();
        doc.insertLines(1, 'Catatan: rekaman dimulai.');
        assert.equal(doc.session.undoInfo()?.isNewest, false);
        doc.session.undo();
        assert.equal(doc.session.sidecarText(), before);
        doc.session.redo();
        assert.equal(doc.session.sidecarText(), after);
      });
    }

    it('knows whether the operation is still the newest change', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      assert.equal(doc.session.undoInfo(), undefined);
      assert.equal(doc.session.redoInfo(), undefined);
      doc.session.updateCode('aaaa1111', { factor: 'x' });
      assert.deepEqual(doc.session.undoInfo(), { label: 'edit code', isNewest: true });
      doc.typeAtEnd(7, '!');
      assert.deepEqual(doc.session.undoInfo(), { label: 'edit code', isNewest: false });
      doc.session.undo();
      assert.equal(doc.session.undoInfo(), undefined);
      assert.deepEqual(doc.session.redoInfo(), { label: 'edit code', isNewest: true });
      doc.typeAtEnd(7, '!');
      assert.deepEqual(doc.session.redoInfo(), { label: 'edit code', isNewest: false });
    });

    it('a new operation clears the redo stack', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('aaaa1111', { factor: 'x' });
      doc.session.undo();
      assert.notEqual(doc.session.redoInfo(), undefined);
      doc.session.updateCode('bbbb2222', { factor: 'y' });
      assert.equal(doc.session.redoInfo(), undefined);
      assert.equal(doc.session.redo(), false);
      assert.equal(codeIn(doc.session.sidecarText(), 'aaaa1111')['factor'], 'Tenaga ahli TI masih kurang');
    });

    it('undo and redo with nothing to do return false', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      assert.equal(doc.session.undo(), false);
      assert.equal(doc.session.redo(), false);
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT);
    });

    it('undo of an edit after typing keeps the code on its live lines', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('bbbb2222', { factor: 'x' });
      doc.insertLines(1, 'a', 'b');
      doc.session.undo();
      assert.deepEqual(doc.positions(), { aaaa1111: [4, 4], bbbb2222: [7, 8] });
      doc.session.redo();
      assert.deepEqual(doc.positions(), { aaaa1111: [4, 4], bbbb2222: [7, 8] });
    });

    it('undo of a removal after typing brings the code back where its text went', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.removeCodes(['bbbb2222']);
      doc.insertLines(1, 'a', 'b');
      doc.session.undo();
      assert.deepEqual(doc.positions(), { aaaa1111: [4, 4], bbbb2222: [7, 8] });
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT, 'and it is written at its saved lines');
      assert.deepEqual(codeIn(doc.save(), 'bbbb2222')['lines'], [7, 8]);
    });

    it('redo of an addition after typing puts the code where its text went', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      const [id] = doc.session.addCodes([[7, 7]], FIELDS, seeded(9));
      doc.session.undo();
      doc.insertLines(1, 'a');
      doc.session.redo();
      assert.deepEqual(doc.positions()[id as string], [8, 8]);
      assert.equal(doc.session.lineBody(8), 'Terima kasih atas waktunya.');
    });

    it('undo of a removal after a save brings the code back at the saved position', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.removeCodes(['bbbb2222']);
      doc.insertLines(1, 'a', 'b');
      doc.typeAtEnd(7, ' Sangat');
      doc.save();
      doc.session.undo();
      const code = codeIn(doc.session.sidecarText(), 'bbbb2222');
      assert.deepEqual(code['lines'], [7, 8]);
      assert.equal(code['quote'], 'Anggaran kami terbatas. Sangat Koordinasi belum jalan.');
    });

    it('undo of an edit after a save keeps the fresh quote', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('bbbb2222', { factor: 'x' });
      doc.typeAtEnd(5, ' Sangat');
      const saved = doc.save();
      doc.session.undo();
      assert.deepEqual(lineDiff(saved, doc.session.sidecarText()), ['-    factor: x', '+    factor: Anggaran terbatas']);
    });

    it('undo of placeCode restores the old place, even after typing', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.placeCode('aaaa1111', [6, 7]);
      doc.insertLines(1, 'a');
      assert.deepEqual(doc.positions()['aaaa1111'], [7, 8]);
      doc.session.undo();
      assert.deepEqual(doc.positions()['aaaa1111'], [2, 2]);
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT);
    });

    it('undo and redo of a placement after a save write it on the saved text, with the quote of its lines now', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.placeCode('aaaa1111', [7, 7]);
      doc.typeAtEnd(7, ' Sampai jumpa.');
      const saved = doc.save();
      assert.equal(codeIn(saved, 'aaaa1111')['quote'], 'Terima kasih atas waktunya. Sampai jumpa.');
      doc.session.undo();
      assert.deepEqual(codeIn(doc.session.sidecarText(), 'aaaa1111'), codeIn(SIDECAR_TEXT, 'aaaa1111'));
      doc.session.redo();
      assert.equal(doc.session.sidecarText(), saved);
    });

    it('undo of placing an orphan makes it an orphan again, written with its old lines', () => {
      const changed = TRANSCRIPT.replace('Anggaran kami terbatas.', 'Dana tidak ada.').replace('Koordinasi belum jalan.', 'Rapat jarang.');
      const doc = new Doc(changed, SIDECAR_TEXT);
      doc.session.updateCode('bbbb2222', { memo: 'cek' });
      const before = doc.session.sidecarText();
      doc.session.placeCode('bbbb2222', [7, 7]);
      doc.session.undo();
      assert.deepEqual(doc.detached(), ['bbbb2222']);
      assert.equal(doc.session.sidecarText(), before);
      assert.deepEqual(codeIn(doc.save(), 'bbbb2222')['lines'], [5, 6], 'a save leaves an orphan where it was written');
    });
  });

  describe('a broken sidecar', () => {
    const conflicted = SIDECAR_TEXT.replace(
      '    factor: Anggaran terbatas\n',
      '<<<<<<< HEAD\n    factor: Anggaran terbatas\n=======\n    factor: Anggaran kurang\n>>>>>>> theirs\n',
    );
    const cases = [
      { name: 'with git conflict markers', text: conflicted, line: conflicted.split('\n').indexOf('<<<<<<< HEAD') + 1 },
      { name: 'of an unknown version', text: SIDECAR_TEXT.replace('version: 1', 'version: 2'), line: 1 },
      { name: 'that is not YAML', text: SIDECAR_TEXT.replace('    lines: [5, 6]', '    lines: [5, 6'), line: undefined },
    ];
    for (const { name, text, line } of cases) {
      it(`a sidecar ${name} is read-only and never written`, () => {
        const doc = new Doc(TRANSCRIPT, text);
        assert.equal(doc.session.readOnly, true);
        assert.ok(doc.session.brokenProblems.length > 0);
        const problem = doc.session.brokenProblems[0];
        assert.equal(problem?.file, SIDECAR);
        if (line !== undefined) assert.equal(problem?.line, line);
        const operations: Array<() => unknown> = [
          () => doc.session.addCodes([[1, 1]], FIELDS, seeded(10)),
          () => doc.session.updateCode('aaaa1111', { factor: 'x' }),
          () => doc.session.removeCodes(['aaaa1111']),
          () => doc.session.setAttributes({ agency: 'x' }),
          () => doc.session.placeCode('aaaa1111', [1, 1]),
        ];
        for (const operation of operations) {
          assert.throws(operation, (error: unknown) => {
            assert.ok(error instanceof ReadOnlySidecarError, String(error));
            assert.ok(error.message.includes(SIDECAR), error.message);
            assert.ok(error.message.includes(`line ${problem?.line}:`), error.message);
            return true;
          });
        }
        doc.insertLines(1, 'a');
        assert.equal(doc.session.sidecarText(), undefined);
        assert.equal(doc.save(), undefined);
        assert.equal(doc.session.undoInfo(), undefined);
      });
    }

    it('a sidecar that breaks on disk makes the session read-only, undo included, until it is fixed', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('aaaa1111', { factor: 'x' });
      const result = doc.session.reloadSidecar(conflicted, doc.text);
      assert.equal(result.status, 'broken');
      assert.equal(doc.session.readOnly, true);
      assert.equal(doc.session.sidecarText(), undefined);
      assert.throws(() => doc.session.undo(), ReadOnlySidecarError);
      assert.throws(() => doc.session.updateCode('aaaa1111', { factor: 'y' }), ReadOnlySidecarError);
      assert.equal(doc.session.reloadSidecar(SIDECAR_TEXT, doc.text).status, 'ok');
      assert.equal(doc.session.readOnly, false);
      assert.equal(doc.session.sidecarText(), SIDECAR_TEXT);
      doc.session.updateCode('aaaa1111', { factor: 'y' });
      assert.equal(codeIn(doc.session.sidecarText(), 'aaaa1111')['factor'], 'y');
    });
  });

  describe('what the user wrote in the sidecar', () => {
    const decorated = lines(
      '# Kode wawancara Kepala Badan — dikode ganda oleh rina dan adi.',
      'version: 1',
      'transcript: kaban.txt',
      'attributes:',
      '  agency: BKPSDMD Kabupaten Hulu Sungai Tengah   # kabupaten, bukan provinsi',
      '  informant: Kepala Badan',
      '  interviewer: Rina',
      'codes:',
      '  # SDM dulu.',
      '  - id: aaaa1111',
      '    lines: [2, 2]',
      '    code: jones/organization/apparatus-resources',
      '    polarity: inhibiting',
      '    factor: Tenaga ahli TI masih kurang',
      `    quote: "${QUOTE_2}"`,
      '    coder: rina',
      '    confidence: high   # unknown key, kept',
      '  - id: bbbb2222',
      '    lines: [5, 6]',
      '    code: jones/organization/budget',
      '    polarity: inhibiting',
      '    factor: Anggaran terbatas',
      '    quote: "Anggaran kami terbatas. Koordinasi belum jalan."',
      '    coder: rina',
      'reviewed-by: adi',
    );

    it('comments and unknown keys survive coding operations and saves', () => {
      const doc = new Doc(TRANSCRIPT, decorated);
      assert.equal(doc.session.sidecarText(), decorated);
      doc.session.updateCode('aaaa1111', { factor: 'Tenaga ahli TI kurang' });
      assert.deepEqual(lineDiff(decorated, doc.session.sidecarText()), ['-    factor: Tenaga ahli TI masih kurang', '+    factor: Tenaga ahli TI kurang']);
      doc.session.setAttributes({ ...doc.session.attributes, date: '2022-01-07' });
      const [id] = doc.session.addCodes([[7, 7]], FIELDS, seeded(11));
      doc.insertLines(1, 'a');
      const saved = doc.save() as string;
      for (const kept of ['# Kode wawancara', '# kabupaten, bukan provinsi', '  interviewer: Rina', '  # SDM dulu.', '    confidence: high   # unknown key, kept', 'reviewed-by: adi']) {
        assert.ok(saved.includes(kept), `${kept} lost:\n${saved}`);
      }
      assert.deepEqual(codeIn(saved, id as string)['lines'], [8, 8]);
    });

    it('markWritten makes the written text the base for the next write', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('aaaa1111', { factor: 'x' });
      // The user added a comment to the file, and the extension read it back as written.
      const edited = (doc.session.sidecarText() as string).replace('codes:\n', 'codes:   # ditinjau\n');
      doc.session.markWritten(edited);
      assert.equal(doc.session.sidecarText(), edited);
      doc.session.updateCode('bbbb2222', { factor: 'y' });
      assert.ok(doc.session.sidecarText()?.includes('codes:   # ditinjau\n'));
    });
  });

  describe('changes outside the editor', () => {
    /** Two lines inserted at the top, and code bbbb2222's text rewritten. */
    const outside = lines(
      'Lokasi: Barabai',
      'Tanggal: 7 Januari 2022',
      ...TRANSCRIPT.replace('Anggaran kami terbatas.', 'Dana tidak ada.').replace('Koordinasi belum jalan.', 'Rapat jarang.').split('\n').slice(0, -1),
    );

    it('on open, codes move to their quotes and a code whose text vanished is an orphan kept in the file', () => {
      const doc = new Doc(outside, SIDECAR_TEXT);
      assert.deepEqual(doc.positions()['aaaa1111'], [4, 4]);
      assert.deepEqual(doc.detached(), ['bbbb2222']);
      const written = doc.session.sidecarText();
      assert.equal(written, SIDECAR_TEXT, 'nothing on disk changes until the transcript is saved');
      doc.session.updateCode('aaaa1111', { memo: 'm' });
      assert.deepEqual(codeIn(doc.session.sidecarText(), 'bbbb2222'), codeIn(SIDECAR_TEXT, 'bbbb2222'));
      const saved = doc.save();
      assert.deepEqual(codeIn(saved, 'aaaa1111')['lines'], [4, 4]);
      assert.deepEqual(codeIn(saved, 'bbbb2222'), codeIn(SIDECAR_TEXT, 'bbbb2222'), 'the orphan keeps its old lines and quote');
      assert.deepEqual(doc.detached(), ['bbbb2222']);
    });

    it('reconcileWithText takes the new text and re-places codes by quote', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.text = outside;
      const moved = doc.session.reconcileWithText(outside);
      assert.deepEqual(moved, ['aaaa1111']);
      assert.deepEqual(doc.positions()['aaaa1111'], [4, 4]);
      assert.deepEqual(doc.detached(), ['bbbb2222']);
      assert.equal(doc.session.lineCount(), 10);
      assert.equal(doc.session.lineBody(7), 'Dana tidak ada.');
      assert.deepEqual(doc.session.reconcileWithText(outside), [], 'a second call moves nothing');
      // Typing continues on the new text.
      doc.insertLines(1, 'x');
      assert.deepEqual(doc.positions()['aaaa1111'], [5, 5]);
      assert.deepEqual(codeIn(doc.save(), 'aaaa1111')['lines'], [5, 5]);
    });

    it('a code whose text comes back is placed again', () => {
      const doc = new Doc(outside, SIDECAR_TEXT);
      assert.deepEqual(doc.detached(), ['bbbb2222']);
      doc.text = TRANSCRIPT;
      doc.session.reconcileWithText(TRANSCRIPT);
      assert.deepEqual(doc.detached(), []);
      assert.deepEqual(doc.positions(), { aaaa1111: [2, 2], bbbb2222: [5, 6] });
      assert.equal(doc.save(), SIDECAR_TEXT);
    });

    it('reloadSidecarKeepingLocalChanges keeps their edits of codes this session only moved by typing', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.insertLines(1, 'a');
      doc.session.updateCode('aaaa1111', { factor: 'ours' });
      const theirs = SIDECAR_TEXT.replace('factor: Anggaran terbatas', 'factor: theirs');
      doc.session.reloadSidecarKeepingLocalChanges(theirs, SIDECAR_TEXT, doc.text);
      const merged = doc.session.sidecarText();
      assert.equal(codeIn(merged, 'aaaa1111')['factor'], 'ours');
      assert.equal(codeIn(merged, 'bbbb2222')['factor'], 'theirs');
      assert.deepEqual(codeIn(merged, 'bbbb2222')['lines'], [5, 6]);
      assert.deepEqual(codeIn(merged, 'aaaa1111')['lines'], [2, 2], 'unsaved typing is still not written');
      assert.deepEqual(doc.positions(), { aaaa1111: [3, 3], bbbb2222: [6, 7] });
    });

    it('reloadSidecar takes the new disk version and places its codes in the live text by quote', () => {
      const doc = new Doc(TRANSCRIPT, SIDECAR_TEXT);
      doc.session.updateCode('aaaa1111', { factor: 'lokal' });
      doc.insertLines(1, 'a', 'b', 'c');
      // Someone else (git pull) changed a factor, removed one code and added one.
      const disk = SIDECAR_TEXT.replace('factor: Anggaran terbatas', 'factor: Anggaran dipangkas')
        .replace(/ {2}- id: aaaa1111[\s\S]*?coder: rina\n/u, '')
        .replace(
          'codes:\n',
          lines(
            'codes:',
            '  - id: cccc3333',
            '    lines: [7, 7]',
            '    code: jones/organization/coordination',
            '    polarity: neutral',
            '    factor: Penutup',
            '    quote: "Terima kasih atas waktunya."',
            '    coder: adi',
          ),
        );
      const result = doc.session.reloadSidecar(disk, doc.text);
      assert.equal(result.status, 'ok');
      assert.deepEqual(doc.positions(), { bbbb2222: [8, 9], cccc3333: [10, 10] });
      assert.ok(sidecarDataEqual(parsed(doc.session.sidecarText()).data, parsed(disk).data), 'written as on disk until the transcript is saved');
      assert.equal(doc.session.undoInfo(), undefined, 'the undo history belonged to the old version');
      assert.equal(doc.session.undo(), false);
      const saved = doc.save();
      assert.deepEqual(codeIn(saved, 'cccc3333')['lines'], [10, 10]);
      assert.equal(codeIn(saved, 'bbbb2222')['factor'], 'Anggaran dipangkas');
    });
  });
});
