/**
 * A session opened with its re-anchoring deferred (issue 19, item 1): the editor opens a
 * large or hostile transcript at once and re-anchors in a worker thread. Until the
 * results come, the codes not on their quotes wait off their text; the results are taken
 * only on the text they were found on; typing, coding and saving meanwhile lose nothing;
 * and the end state is the one a session that re-anchored on opening would have.
 */
import { strict as assert } from 'node:assert';
import { CodingSession, reanchorTranscriptText } from '../../src/core/session';

const SIDECAR = 'transcripts/kaban.txt.codes.yaml';
const FILE_NAME = 'kaban.txt';
const lines = (...all: string[]): string => all.join('\n') + '\n';

const SAVED = lines('Interviewer: Selamat pagi.', 'Kepala Badan: Pegawai TI masih kurang di kecamatan.', '', 'Kepala Badan: Anggaran kami terbatas.', 'Interviewer: Terima kasih.');

const SIDECAR_TEXT = lines(
  'version: 1',
  'transcript: kaban.txt',
  'attributes: {}',
  'codes:',
  '  - id: aaaa1111',
  '    lines: [2, 2]',
  '    code: jones/organization',
  '    polarity: inhibiting',
  '    factor: Tenaga TI',
  '    quote: Pegawai TI masih kurang di kecamatan.',
  '    coder: rina',
  '  - id: bbbb2222',
  '    lines: [4, 4]',
  '    code: jones/organization/budget',
  '    polarity: inhibiting',
  '    factor: Anggaran terbatas',
  '    quote: Anggaran kami terbatas.',
  '    coder: rina',
);

/** Two lines put in at the top outside the editor, and bbbb2222's text rewritten. */
const OUTSIDE = lines('Lokasi: Barabai', 'Tanggal: 7 Januari 2022', ...SAVED.replace('Anggaran kami terbatas.', 'Dana tidak ada sama sekali.').split('\n').slice(0, -1));

const always = () => true;

function positions(session: CodingSession): Record<string, { lines: [number, number]; detached: boolean }> {
  return Object.fromEntries(session.codes().map((code) => [code.entry.id, { lines: code.entry.lines, detached: code.detached }]));
}

/** Runs the session's pending re-anchoring as the worker does and gives it the results. */
function finish(session: CodingSession): string[] | undefined {
  const pending = session.pendingReanchor();
  assert.ok(pending, 'a re-anchoring is pending');
  return session.finishReanchor(pending.text, reanchorTranscriptText(pending.text, pending.codes));
}

describe('CodingSession opened with deferred re-anchoring', () => {
  it('waits with every code off its text, then ends where re-anchoring on opening ends', () => {
    const deferred = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    assert.deepEqual(
      deferred.codes().filter((code) => !code.detached),
      [],
      'no code is shown on lines that may not hold its text',
    );
    assert.deepEqual(deferred.pendingReanchor()?.codes.map((code) => code.id).sort(), ['aaaa1111', 'bbbb2222']);
    assert.deepEqual(finish(deferred), ['aaaa1111']);
    assert.equal(deferred.pendingReanchor(), undefined);
    const inline = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME);
    assert.deepEqual(positions(deferred), positions(inline));
    assert.deepEqual(positions(deferred), { aaaa1111: { lines: [4, 4], detached: false }, bbbb2222: { lines: [4, 4], detached: true } });
    assert.equal(deferred.sidecarText({ savedText: OUTSIDE }), inline.sidecarText({ savedText: OUTSIDE }));
  });

  it('is not deferred when every code is on its quote, nor when the caller says the work is small', () => {
    const inPlace = CodingSession.open(SAVED, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    assert.equal(inPlace.pendingReanchor(), undefined);
    const asked: Array<{ lines: number; codes: number }> = [];
    const small = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME, {
      deferReanchor: (work) => {
        asked.push(work);
        return false;
      },
    });
    assert.deepEqual(asked, [{ lines: 7, codes: 2 }]);
    assert.equal(small.pendingReanchor(), undefined);
    assert.deepEqual(positions(small)['aaaa1111'], { lines: [4, 4], detached: false });
  });

  it('refuses results found on a text the user has since typed in, and places the codes on the text as it is then', () => {
    const session = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    const first = session.pendingReanchor();
    assert.ok(first);
    // The user puts a line in at the top while the worker works.
    session.applyEdits([{ offset: 0, length: 0, text: 'Catatan pewawancara\n' }]);
    assert.equal(session.finishReanchor(first.text, reanchorTranscriptText(first.text, first.codes)), undefined, 'results for the old text are not taken');
    assert.deepEqual(finish(session), ['aaaa1111']);
    assert.deepEqual(positions(session)['aaaa1111'], { lines: [5, 5], detached: false }, 'on its text, after the typed line');
    assert.equal(session.lineBody(1), 'Catatan pewawancara', 'the typed line is kept');
  });

  it('keeps what the user coded and placed meanwhile', () => {
    const session = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    const pending = session.pendingReanchor();
    assert.ok(pending);
    const [added] = session.addCodes([[1, 1]], { code: 'jones/environment', polarity: 'supporting', factor: 'Lokasi', coder: 'adi' }, () => 0.5);
    session.placeCode('bbbb2222', [2, 2]);
    assert.deepEqual(session.finishReanchor(pending.text, reanchorTranscriptText(pending.text, pending.codes)), ['aaaa1111']);
    const now = positions(session);
    assert.deepEqual(now[added as string], { lines: [1, 1], detached: false }, 'the new code stays');
    assert.deepEqual(now['bbbb2222'], { lines: [2, 2], detached: false }, 'the place the user gave is kept, not re-anchored over');
    assert.deepEqual(now['aaaa1111'], { lines: [4, 4], detached: false });
  });

  it('defers reconciling with a text changed outside the editor too, orphans included, and ends where reconcileWithText ends', () => {
    const deferred = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME);
    assert.equal(deferred.awaitsReanchor, false);
    assert.deepEqual(deferred.reconcileWithText(SAVED, { deferReanchor: always }), []);
    assert.equal(deferred.awaitsReanchor, true);
    assert.deepEqual(deferred.pendingReanchor()?.codes.map((code) => code.id).sort(), ['aaaa1111', 'bbbb2222'], 'the orphan is looked for again');
    finish(deferred);
    const inline = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME);
    inline.reconcileWithText(SAVED);
    assert.deepEqual(positions(deferred), positions(inline));
    assert.deepEqual(positions(deferred), { aaaa1111: { lines: [2, 2], detached: false }, bbbb2222: { lines: [4, 4], detached: false } });
  });

  it('writes every waiting code at its saved lines when the transcript is saved before the results come', () => {
    const session = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    assert.equal(session.sidecarText({ savedText: OUTSIDE }), SIDECAR_TEXT, 'nothing moves on disk on a guess');
  });

  it('defers placing the codes of a sidecar read again from disk (another window, git), and ends where an inline reload ends', () => {
    // Open on the saved text: every code in place, nothing waits.
    const deferred = CodingSession.open(SAVED, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    assert.equal(deferred.awaitsReanchor, false);
    // Someone else moved both codes' lines in the file; their quotes are still where they were.
    const moved = SIDECAR_TEXT.replace('lines: [2, 2]', 'lines: [5, 5]').replace('lines: [4, 4]', 'lines: [1, 1]');
    assert.equal(deferred.reloadSidecar(moved, SAVED).status, 'ok');
    assert.equal(deferred.awaitsReanchor, true, 'a hostile sidecar would hold the caller here: it waits for the worker');
    finish(deferred);
    const inline = CodingSession.open(SAVED, SIDECAR_TEXT, SIDECAR, FILE_NAME);
    inline.reloadSidecar(moved, SAVED);
    assert.deepEqual(positions(deferred), positions(inline));
    assert.deepEqual(positions(deferred), { aaaa1111: { lines: [2, 2], detached: false }, bbbb2222: { lines: [4, 4], detached: false } });
  });

  it('a sidecar read again while a placement waits: the codes are looked for again from their new lines, none left detached', () => {
    const session = CodingSession.open(OUTSIDE, SIDECAR_TEXT, SIDECAR, FILE_NAME, { deferReanchor: always });
    assert.equal(session.awaitsReanchor, true);
    const stale = session.pendingReanchor();
    session.reloadSidecar(SIDECAR_TEXT.replace('factor: Tenaga TI', 'factor: Tenaga TI kurang'), OUTSIDE);
    // Results found before the reload are not taken for the codes read again.
    assert.ok(stale);
    finish(session);
    assert.equal(session.awaitsReanchor, false);
    assert.deepEqual(positions(session), { aaaa1111: { lines: [4, 4], detached: false }, bbbb2222: { lines: [4, 4], detached: true } });
    assert.equal(session.codes().find((code) => code.entry.id === 'aaaa1111')?.entry.factor, 'Tenaga TI kurang');
  });
});
