/**
 * The live rules one at a time, on small texts, with the edits VS Code really sends.
 * Positions are written "first-last", or "detached@line".
 */
import { strict as assert } from 'node:assert';
import { LiveAnchors, type TextEdit } from '../../src/core/anchoring';
import {
  applyToText,
  changeEvent,
  cutLine,
  deleteLines,
  insertAt,
  lineAt,
  moveLinesDown,
  moveLinesUp,
  offsetAt,
  pasteLinesAbove,
  replaceRange,
  swapAsOneReplace,
} from './anchoring-edit-shapes';

/** A document and its tracker, edited together so every test also checks the text. */
class Session {
  readonly anchors: LiveAnchors;

  constructor(
    public text: string,
    codes: Record<string, [number, number]>,
  ) {
    this.anchors = new LiveAnchors(
      text,
      Object.entries(codes).map(([id, lines]) => ({ id, lines })),
    );
  }

  apply(edits: TextEdit[]): this {
    this.text = applyToText(this.text, edits);
    this.anchors.applyEdits(edits);
    assert.equal(this.anchors.text(), this.text, 'the tracker holds the same text as the editor');
    return this;
  }

  /** Apply the edits a shape builder makes for the current text. */
  do(shape: (text: string) => TextEdit[]): this {
    return this.apply(shape(this.text));
  }

  get positions(): Record<string, string> {
    return Object.fromEntries(
      this.anchors.codes().map((code) => [code.id, code.detached ? `detached@${code.first}` : `${code.first}-${code.last}`]),
    );
  }
}

const FIVE = 'L1 satu\nL2 dua\nL3 tiga\nL4 empat\nL5 lima';

describe('anchoring: typing inside a line moves nothing', () => {
  it('inserting and deleting characters keeps every code where it is', () => {
    const session = new Session(FIVE, { a: [2, 2], b: [3, 4] });
    session.do((text) => insertAt(text, 2, 3, 'kata '));
    session.do((text) => replaceRange(text, [3, 0], [3, 2], ''));
    session.do((text) => insertAt(text, 4, lineAt(text, 4).length, '!'));
    assert.deepEqual(session.positions, { a: '2-2', b: '3-4' });
  });

  it('replacing the whole text of a coded line keeps the code on it', () => {
    const session = new Session(FIVE, { a: [2, 2] });
    session.do((text) => replaceRange(text, [2, 0], [2, lineAt(text, 2).length], 'sesuatu yang lain'));
    assert.deepEqual(session.positions, { a: '2-2' });
  });

  it('several cursors typing at once (one event) move nothing', () => {
    const session = new Session(FIVE, { a: [2, 2], b: [4, 5] });
    session.do((text) =>
      changeEvent(text, [
        { start: offsetAt(text, 2, 0), end: offsetAt(text, 2, 0), text: '> ' },
        { start: offsetAt(text, 4, 0), end: offsetAt(text, 4, 0), text: '> ' },
        { start: offsetAt(text, 5, 0), end: offsetAt(text, 5, 0), text: '> ' },
      ]),
    );
    assert.deepEqual(session.positions, { a: '2-2', b: '4-5' });
  });
});

describe('anchoring: lines before an edit stay, lines after it shift', () => {
  it('Enter above a code shifts it down; deleting a line above shifts it up', () => {
    const session = new Session(FIVE, { a: [4, 5] });
    session.do((text) => insertAt(text, 1, 2, '\n'));
    assert.deepEqual(session.positions, { a: '5-6' });
    session.do((text) => deleteLines(text, 2, 2));
    session.do((text) => deleteLines(text, 1, 1));
    assert.deepEqual(session.positions, { a: '3-4' });
  });

  it('an edit below a code leaves it alone', () => {
    const session = new Session(FIVE, { a: [1, 2] });
    session.do((text) => insertAt(text, 4, 0, 'baru\nbaru\n'));
    session.do((text) => deleteLines(text, 3, 5));
    assert.deepEqual(session.positions, { a: '1-2' });
  });
});

describe('anchoring: inserting line breaks', () => {
  it('at column 0 of a code’s first line pushes the code down; the new lines are not coded', () => {
    const session = new Session(FIVE, { single: [3, 3], multi: [3, 4] });
    session.do((text) => insertAt(text, 3, 0, '\n'));
    assert.deepEqual(session.positions, { single: '4-4', multi: '4-5' });
    session.do((text) => insertAt(text, 4, 0, 'tempel satu\ntempel dua\n'));
    assert.deepEqual(session.positions, { single: '6-6', multi: '6-7' });
  });

  it('Enter at the end of a code’s last line does not extend it', () => {
    const session = new Session(FIVE, { single: [3, 3], multi: [2, 3] });
    session.do((text) => insertAt(text, 3, lineAt(text, 3).length, '\n'));
    assert.deepEqual(session.positions, { single: '3-3', multi: '2-3' });
  });

  it('between two lines of one code extends it, whichever side the break is typed on', () => {
    const session = new Session(FIVE, { a: [2, 4] });
    session.do((text) => insertAt(text, 2, lineAt(text, 2).length, '\n')); // end of its first line
    assert.deepEqual(session.positions, { a: '2-5' });
    session.do((text) => insertAt(text, 5, 0, 'sisipan\n')); // column 0 of its last line
    assert.deepEqual(session.positions, { a: '2-6' });
  });

  it('strictly inside a coded line extends the code over both pieces', () => {
    const session = new Session(FIVE, { single: [3, 3], startsThere: [3, 4], endsThere: [2, 3], below: [4, 5] });
    session.do((text) => insertAt(text, 3, 3, '\n'));
    assert.deepEqual(session.positions, { single: '3-4', startsThere: '3-5', endsThere: '2-4', below: '5-6' });
  });

  it('a paste of several lines inside a coded line extends the code over all of them', () => {
    const session = new Session(FIVE, { a: [2, 2] });
    session.do((text) => insertAt(text, 2, 2, ' x\ny\nz '));
    assert.deepEqual(session.positions, { a: '2-4' });
  });

  it('replacing a coded line’s whole text with several lines keeps the code over them', () => {
    const session = new Session(FIVE, { a: [2, 2] });
    session.do((text) => replaceRange(text, [2, 0], [2, lineAt(text, 2).length], 'satu\ndua'));
    assert.deepEqual(session.positions, { a: '2-3' });
  });
});

describe('anchoring: deleting lines', () => {
  it('deleting lines inside a code shrinks it', () => {
    const session = new Session(FIVE, { a: [1, 5] });
    session.do((text) => deleteLines(text, 2, 3));
    assert.deepEqual(session.positions, { a: '1-3' });
  });

  it('deleting a code’s first line moves its start to the next surviving line', () => {
    const session = new Session(FIVE, { a: [2, 4] });
    session.do((text) => deleteLines(text, 2, 2));
    assert.deepEqual(session.positions, { a: '2-3' });
  });

  it('deleting a code’s last line (the last of the file) moves its end up', () => {
    const session = new Session(FIVE, { a: [3, 5] });
    session.do((text) => deleteLines(text, 5, 5));
    assert.deepEqual(session.positions, { a: '3-4' });
  });

  it('deleting all of a code’s lines detaches it where its text was; it is never dropped', () => {
    const session = new Session(FIVE, { gone: [2, 3], partly: [3, 4], other: [5, 5] });
    session.do((text) => deleteLines(text, 2, 3));
    assert.deepEqual(session.positions, { gone: 'detached@2', partly: '2-2', other: '3-3' });
    session.do((text) => insertAt(text, 1, 0, 'judul\n'));
    assert.deepEqual(session.positions, { gone: 'detached@3', partly: '3-3', other: '4-4' });
  });

  it('a selection from the middle of one line to the middle of another joins them: the codes of both ends meet on one line', () => {
    const session = new Session(FIVE, { upper: [2, 2], middle: [3, 3], lower: [4, 4] });
    session.do((text) => replaceRange(text, [2, 3], [4, 3], ''));
    assert.deepEqual(session.positions, { upper: '2-2', middle: 'detached@2', lower: '2-2' });
  });

  it('Backspace at column 0 joins a coded line into the one above', () => {
    const session = new Session(FIVE, { joined: [3, 3], span: [3, 5] });
    session.do((text) => replaceRange(text, [2, lineAt(text, 2).length], [3, 0], ''));
    assert.deepEqual(session.positions, { joined: '2-2', span: '2-4' });
  });
});

describe('anchoring: moving lines (VS Code Alt+Up / Alt+Down)', () => {
  it('sends a deletion and an insertion in one event, from the end of the document up', () => {
    const edits = moveLinesDown(FIVE, 2, 2);
    assert.equal(edits.length, 2);
    assert.ok((edits[0] as TextEdit).offset > (edits[1] as TextEdit).offset);
  });

  it('Alt+Down carries a single-line code with its line, and the code of the line it passed', () => {
    const session = new Session(FIVE, { moved: [2, 2], passed: [3, 3] });
    session.do((text) => moveLinesDown(text, 2, 2));
    assert.equal(session.text, 'L1 satu\nL3 tiga\nL2 dua\nL4 empat\nL5 lima');
    assert.deepEqual(session.positions, { moved: '3-3', passed: '2-2' });
  });

  it('Alt+Up carries it back', () => {
    const session = new Session(FIVE, { moved: [3, 3], passed: [2, 2] });
    session.do((text) => moveLinesUp(text, 3, 3));
    assert.deepEqual(session.positions, { moved: '2-2', passed: '3-3' });
    session.do((text) => moveLinesUp(text, 2, 2));
    assert.deepEqual(session.positions, { moved: '1-1', passed: '3-3' });
  });

  it('moving a selected block moves its codes, and the line that moved around the block keeps its code', () => {
    const session = new Session(FIVE, { block: [2, 3], around: [4, 4], first: [1, 1] });
    session.do((text) => moveLinesDown(text, 2, 3));
    assert.equal(session.text, 'L1 satu\nL4 empat\nL2 dua\nL3 tiga\nL5 lima');
    assert.deepEqual(session.positions, { block: '3-4', around: '2-2', first: '1-1' });
  });

  it('swapping two lines of one code keeps the code over both', () => {
    const session = new Session(FIVE, { both: [2, 3] });
    session.do((text) => moveLinesDown(text, 2, 2));
    assert.deepEqual(session.positions, { both: '2-3' });
  });

  it('moving a code’s last line out of it keeps that line coded: the range widens over the line that came between', () => {
    const session = new Session(FIVE, { a: [2, 3] });
    session.do((text) => moveLinesDown(text, 3, 3));
    assert.equal(session.text, 'L1 satu\nL2 dua\nL4 empat\nL3 tiga\nL5 lima');
    assert.deepEqual(session.positions, { a: '2-4' });
  });

  it('another editor’s shape, one replace over both lines, carries the codes the same way', () => {
    const session = new Session(FIVE, { upper: [2, 2], lower: [3, 3] });
    session.do((text) => swapAsOneReplace(text, 2));
    assert.deepEqual(session.positions, { upper: '3-3', lower: '2-2' });
  });

  it('the same two edits sent first-to-last (each relative to the text after the previous) work too', () => {
    const session = new Session(FIVE, { moved: [2, 2], passed: [3, 3] });
    session.do((text) => {
      const [deletion, insertion] = moveLinesDown(text, 2, 2) as [TextEdit, TextEdit];
      return [insertion, { ...deletion, offset: deletion.offset + insertion.text.length }];
    });
    assert.deepEqual(session.positions, { moved: '3-3', passed: '2-2' });
  });

  it('a moved line that VS Code re-indented is still recognised', () => {
    const session = new Session(FIVE, { moved: [3, 3] });
    session.do((text) => [
      { offset: offsetAt(text, 3, 0) - 1, length: lineAt(text, 3).length + 1, text: '' },
      { offset: offsetAt(text, 2, 0), length: 0, text: '    ' + lineAt(text, 3) + '\n' },
    ]);
    assert.equal(session.text, 'L1 satu\n    L3 tiga\nL2 dua\nL4 empat\nL5 lima');
    assert.deepEqual(session.positions, { moved: '2-2' });
  });
});

describe('anchoring: moving lines next to empty lines', () => {
  const WITH_BLANK = 'L1 satu\n\nL3 tiga\nL4 empat';

  it('Alt+Down on an empty line rewrites two lines in place; the code on the other line follows its text', () => {
    const edits = moveLinesDown(WITH_BLANK, 2, 2);
    assert.ok(edits.every((edit) => !edit.text.includes('\n') && !WITH_BLANK.slice(edit.offset, edit.offset + edit.length).includes('\n')));
    const session = new Session(WITH_BLANK, { text: [3, 3], blank: [2, 2], span: [3, 4] });
    session.apply(edits);
    assert.equal(session.text, 'L1 satu\nL3 tiga\n\nL4 empat');
    assert.deepEqual(session.positions, { text: '2-2', blank: '3-3', span: '2-4' });
  });

  it('Alt+Up on an empty line likewise', () => {
    const session = new Session(WITH_BLANK, { text: [1, 1] });
    session.do((text) => moveLinesUp(text, 2, 2));
    assert.equal(session.text, '\nL1 satu\nL3 tiga\nL4 empat');
    assert.deepEqual(session.positions, { text: '2-2' });
  });

  it('moving a line over an empty line carries its code, and the empty line’s code', () => {
    const session = new Session(WITH_BLANK, { text: [3, 3], blank: [2, 2] });
    session.do((text) => moveLinesUp(text, 3, 3));
    assert.equal(session.text, 'L1 satu\nL3 tiga\n\nL4 empat');
    assert.deepEqual(session.positions, { text: '2-2', blank: '3-3' });
    session.do((text) => moveLinesDown(text, 2, 2));
    assert.deepEqual(session.positions, { text: '3-3', blank: '2-2' });
  });
});

describe('anchoring: cut and paste, undo', () => {
  it('a cut line’s code is detached, and follows the line when it is pasted elsewhere', () => {
    const session = new Session(FIVE, { cut: [2, 2], stays: [4, 4] });
    const { edits, clipboard } = cutLine(session.text, 2);
    session.apply(edits);
    assert.deepEqual(session.positions, { cut: 'detached@2', stays: '3-3' });
    session.do((text) => pasteLinesAbove(text, 4, clipboard));
    assert.equal(session.text, 'L1 satu\nL3 tiga\nL4 empat\nL2 dua\nL5 lima');
    assert.deepEqual(session.positions, { cut: '4-4', stays: '3-3' });
  });

  it('a cut multi-line code comes back whole when its lines are pasted', () => {
    const session = new Session(FIVE, { block: [2, 3] });
    const removed = session.text.slice(offsetAt(session.text, 2, 0), offsetAt(session.text, 4, 0));
    session.do((text) => deleteLines(text, 2, 3));
    assert.deepEqual(session.positions, { block: 'detached@2' });
    session.do((text) => insertAt(text, 3, lineAt(text, 3).length, '\n' + removed.slice(0, -1)));
    assert.deepEqual(session.positions, { block: '4-5' });
  });

  it('undo of a deletion (the same text put back) puts codes back on their lines', () => {
    const session = new Session(FIVE, { first: [2, 2], second: [3, 3], around: [1, 4] });
    const removed = session.text.slice(offsetAt(session.text, 2, 0), offsetAt(session.text, 4, 0));
    session.do((text) => deleteLines(text, 2, 3));
    assert.deepEqual(session.positions, { first: 'detached@2', second: 'detached@2', around: '1-2' });
    session.do((text) => insertAt(text, 2, 0, removed));
    assert.equal(session.text, FIVE);
    // The surrounding code spans the restored lines again because they lie between its lines.
    assert.deepEqual(session.positions, { first: '2-2', second: '3-3', around: '1-4' });
  });

  it('undo of an insertion (its reverse edit) restores every position', () => {
    const session = new Session(FIVE, { a: [2, 3], b: [4, 4] });
    session.do((text) => insertAt(text, 3, 0, 'baru\nbaru lagi\n'));
    assert.deepEqual(session.positions, { a: '2-5', b: '6-6' });
    session.do((text) => replaceRange(text, [3, 0], [5, 0], ''));
    assert.deepEqual(session.positions, { a: '2-3', b: '4-4' });
  });

  it('a blank line does not bring a detached blank-line code back with every Enter', () => {
    const session = new Session('L1 satu\n\nL3 tiga', { blank: [2, 2] });
    session.do((text) => deleteLines(text, 2, 2));
    assert.deepEqual(session.positions, { blank: 'detached@2' });
    session.do((text) => insertAt(text, 1, lineAt(text, 1).length, '\n'));
    // Still detached; its place follows the line it is shown on ("L3 tiga", now line 3).
    assert.deepEqual(session.positions, { blank: 'detached@3' });
  });
});

describe('anchoring: the end of the file and empty lines', () => {
  const NO_FINAL_BREAK = 'L1 satu\nL2 dua\nL3 tiga';

  it('Enter at the end of the last line (no final line break) does not extend its code', () => {
    const session = new Session(NO_FINAL_BREAK, { last: [3, 3], span: [2, 3] });
    session.do((text) => insertAt(text, 3, lineAt(text, 3).length, '\n'));
    assert.equal(session.text, NO_FINAL_BREAK + '\n');
    assert.deepEqual(session.positions, { last: '3-3', span: '2-3' });
    session.do((text) => insertAt(text, 4, 0, 'L4 tambahan'));
    assert.deepEqual(session.positions, { last: '3-3', span: '2-3' });
  });

  it('deleting the last line detaches its code on the new last line', () => {
    const session = new Session(NO_FINAL_BREAK, { last: [3, 3] });
    session.do((text) => deleteLines(text, 3, 3));
    assert.equal(session.text, 'L1 satu\nL2 dua');
    assert.deepEqual(session.positions, { last: 'detached@2' });
  });

  it('deleting everything keeps every code, detached on the one empty line left', () => {
    const session = new Session(NO_FINAL_BREAK, { a: [1, 1], b: [2, 3] });
    session.do((text) => replaceRange(text, [1, 0], [3, lineAt(text, 3).length], ''));
    assert.equal(session.text, '');
    assert.deepEqual(session.positions, { a: 'detached@1', b: 'detached@1' });
  });

  it('a code on an empty line: Enter on it pushes it down', () => {
    const session = new Session('L1 satu\n\nL3 tiga', { blank: [2, 2] });
    session.do((text) => insertAt(text, 2, 0, '\n'));
    assert.deepEqual(session.positions, { blank: '3-3' });
  });

  it('an empty document takes edits', () => {
    const session = new Session('', {});
    session.do((text) => insertAt(text, 1, 0, 'L1 satu\nL2 dua'));
    assert.equal(session.anchors.lineCount(), 2);
    assert.equal(session.anchors.lineText(2), 'L2 dua');
  });
});

describe('anchoring: the tracker’s own contract', () => {
  it('an edit outside the text is refused with a RangeError and nothing changes', () => {
    const anchors = new LiveAnchors(FIVE, [{ id: 'a', lines: [2, 2] }]);
    assert.throws(() => anchors.applyEdits([{ offset: 0, length: 0, text: '\n' }, { offset: FIVE.length + 5, length: 0, text: 'x' }]), RangeError);
    assert.throws(() => anchors.applyEdits([{ offset: -1, length: 0, text: 'x' }]), RangeError);
    assert.throws(() => anchors.applyEdits([{ offset: 1.5, length: 0, text: 'x' }]), RangeError);
    assert.equal(anchors.text(), FIVE);
    assert.deepEqual(anchors.codes(), [{ id: 'a', first: 2, last: 2, detached: false }]);
  });

  it('codes given past the end are detached; given detached, they stay detached', () => {
    const anchors = new LiveAnchors(FIVE, [
      { id: 'past', lines: [9, 10] },
      { id: 'clipped', lines: [4, 9] },
      { id: 'orphan', lines: [2, 2], detached: true },
    ]);
    assert.deepEqual(anchors.codes(), [
      { id: 'past', first: 5, last: 5, detached: true },
      { id: 'clipped', first: 4, last: 5, detached: false },
      { id: 'orphan', first: 2, last: 2, detached: true },
    ]);
  });

  it('codes can be added and removed while the document is open', () => {
    const anchors = new LiveAnchors(FIVE, []);
    anchors.addCode({ id: 'new', lines: [3, 4] });
    anchors.applyEdits(insertAt(FIVE, 1, 0, '\n'));
    assert.deepEqual(anchors.codes(), [{ id: 'new', first: 4, last: 5, detached: false }]);
    anchors.removeCode('new');
    assert.deepEqual(anchors.codes(), []);
  });

  it('typing visits no code; Enter visits each code once', () => {
    const codes = Array.from({ length: 50 }, (_, index) => ({ id: `c${index}`, lines: [index + 1, index + 1] as [number, number] }));
    const text = Array.from({ length: 100 }, (_, index) => `L${index + 1}`).join('\n');
    const anchors = new LiveAnchors(text, codes);
    const before = anchors.work().codeVisits;
    anchors.applyEdits([{ offset: 10, length: 0, text: 'x' }]);
    assert.equal(anchors.work().codeVisits, before);
    anchors.applyEdits([{ offset: 10, length: 0, text: '\n' }]);
    assert.equal(anchors.work().codeVisits, before + 50);
  });
});
