/**
 * Re-anchoring after the transcript changed outside the editor, step by step:
 * in place, exact near, exact anywhere, approximate, orphan.
 */
import { strict as assert } from 'node:assert';
import { ORPHAN_REASONS, reanchor, sitsOnQuote, type AnchorResult } from '../../src/core/anchoring';
import { quoteOfLines } from '../../src/core/transcript/quote';

const BODIES = [
  'Selamat pagi, Bapak.',
  'Kami masih kekurangan pegawai yang memiliki basis keilmuan dan skill di bidang teknologi informasi.',
  'Anggaran tahun ini dialihkan untuk pemulihan banjir.',
  'Koordinasi antar dinas berjalan lewat grup WhatsApp.',
  'Ya.',
  'Betul sekali.',
  'Server ada di ruang data, tapi jaringannya sering putus.',
  'Pimpinan sangat mendukung penerapan aplikasi ini.',
];

/** A code on lines first..last of BODIES, with its true quote. */
function codeOn(id: string, first: number, last: number, bodies: readonly string[] = BODIES) {
  return { id, lines: [first, last] as [number, number], quote: quoteOfLines(bodies, first, last) };
}

function one(bodies: readonly string[], code: { id: string; lines: [number, number]; quote: string }, threshold?: number): AnchorResult {
  const [result] = reanchor(bodies, [code], threshold === undefined ? {} : { fuzzyThreshold: threshold });
  assert.ok(result !== undefined);
  return result;
}

const filler = (count: number, label = 'catatan'): string[] => Array.from({ length: count }, (_, index) => `${label} tambahan nomor ${index + 1}`);

describe('anchoring: re-anchor step 1, in place', () => {
  it('codes whose lines still hold their quote are in place', () => {
    const codes = [codeOn('a', 2, 2), codeOn('b', 3, 4), codeOn('c', 5, 6)];
    assert.deepEqual(
      reanchor(BODIES, codes).map(({ id, status, lines }) => ({ id, status, lines })),
      [
        { id: 'a', status: 'in-place', lines: [2, 2] },
        { id: 'b', status: 'in-place', lines: [3, 4] },
        { id: 'c', status: 'in-place', lines: [5, 6] },
      ],
    );
  });

  it('sitsOnQuote says whether a code’s lines hold its quote', () => {
    assert.equal(sitsOnQuote(BODIES, codeOn('a', 3, 4)), true);
    assert.equal(sitsOnQuote(BODIES, { lines: [4, 4], quote: codeOn('a', 3, 3).quote }), false);
    assert.equal(sitsOnQuote(BODIES, { lines: [8, 9], quote: codeOn('a', 8, 8).quote }), false, 'a line past the end');
    assert.equal(sitsOnQuote(BODIES, { lines: [4, 3], quote: codeOn('a', 4, 4).quote }), false, 'reversed lines');
    assert.equal(sitsOnQuote(BODIES, { lines: [0, 1], quote: codeOn('a', 1, 1).quote }), false, 'line 0');
  });
});

describe('anchoring: re-anchor steps 2 and 3, the exact quote elsewhere', () => {
  it('lines inserted above: the code moves down to exactly its text, keeping its span', () => {
    const bodies = [...filler(3), ...BODIES];
    const result = one(bodies, codeOn('b', 3, 4));
    assert.equal(result.status, 'moved');
    assert.deepEqual(result.lines, [6, 7]);
    assert.equal(result.reason, 'quote found 3 lines below');
    assert.ok(sitsOnQuote(bodies, { lines: result.lines, quote: codeOn('b', 3, 4).quote }));
  });

  it('lines deleted above: the code moves up', () => {
    const result = one(BODIES.slice(2), codeOn('g', 7, 8));
    assert.equal(result.status, 'moved');
    assert.deepEqual(result.lines, [5, 6]);
  });

  it('the same quote in two places: the nearest to the old position wins', () => {
    const bodies = ['Ya.', 'satu', 'dua', 'tiga', 'empat', 'Ya.', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'Ya.'];
    assert.deepEqual(one(bodies, { id: 'x', lines: [5, 5], quote: 'Ya.' }).lines, [6, 6]);
    assert.deepEqual(one(bodies, { id: 'x', lines: [10, 10], quote: 'Ya.' }).lines, [12, 12]);
  });

  it('the quote at equal distance above and below: both reported, the code moved to neither (issue 12, bad input)', () => {
    const bodies = ['Ya.', 'satu', 'Ya.'];
    const result = one(bodies, { id: 'x', lines: [2, 2], quote: 'Ya.' });
    assert.equal(result.status, 'orphan');
    assert.equal(result.reason, ORPHAN_REASONS.ambiguous);
    assert.deepEqual(result.lines, [2, 2]);
    assert.deepEqual(result.alternatives, [[3, 3], [1, 1]]);
  });

  it('a code moved far beyond the nearby window is found anywhere in the transcript', () => {
    const bodies = [...filler(500), ...BODIES];
    const moved = [...bodies.slice(0, 1), ...bodies.slice(2, 500), ...filler(300, 'sisipan'), bodies[1] as string, ...bodies.slice(500)];
    const code = { id: 'far', lines: [2, 2] as [number, number], quote: quoteOfLines(bodies, 2, 2) };
    const result = one(moved, code);
    assert.equal(result.status, 'moved');
    assert.ok(sitsOnQuote(moved, { lines: result.lines, quote: code.quote }));
    assert.deepEqual(result.lines, [800, 800]);
  });

  it('a span that now runs past the end of the file is clipped to it', () => {
    const long = 'Kami masih kekurangan pegawai yang memiliki basis keilmuan dan skill di bidang teknologi informasi dan komunikasi.';
    const before = ['pembuka', long, 'lanjutan', 'penutup'];
    const code = { id: 'x', lines: [2, 4] as [number, number], quote: quoteOfLines(before, 2, 4) };
    const result = one(['pembuka', 'tambahan', long, 'lanjutan'], code);
    assert.equal(result.status, 'moved');
    assert.deepEqual(result.lines, [3, 4]);
  });

  it('a short code whose line breaks changed (re-wrapped) gets the span that holds exactly its text', () => {
    const before = ['pembuka', 'Ya, betul sekali, kami kekurangan pegawai.', 'penutup'];
    const code = { id: 'x', lines: [2, 2] as [number, number], quote: quoteOfLines(before, 2, 2) };
    const rewrapped = ['pembuka', 'Ya, betul sekali,', 'kami kekurangan pegawai.', 'penutup'];
    const result = one(rewrapped, code);
    assert.equal(result.status, 'moved');
    assert.deepEqual(result.lines, [2, 3]);
    assert.equal(result.reason, 'quote at the same start line');
  });

  it('lines inserted inside a long code: its start still holds the quote, so it keeps its place and span (the sidecar keeps only the start of the text)', () => {
    const long = 'Kami masih kekurangan pegawai yang memiliki basis keilmuan dan skill di bidang teknologi informasi.';
    const before = [long, 'dan juga anggaran', 'yang kurang'];
    const code = { id: 'x', lines: [1, 3] as [number, number], quote: quoteOfLines(before, 1, 3) };
    const result = one([long, 'SISIPAN', 'dan juga anggaran', 'yang kurang'], code);
    assert.equal(result.status, 'in-place');
    assert.deepEqual(result.lines, [1, 3]);
  });

  it('a quote never starts on a blank line: blank lines above the text are skipped', () => {
    const code = { id: 'x', lines: [3, 3] as [number, number], quote: 'Betul sekali.' };
    const result = one(['satu', '', '', 'Betul sekali.'], code);
    assert.deepEqual(result.lines, [4, 4]);
  });
});

describe('anchoring: re-anchor step 4, approximate', () => {
  it('a word changed in the coded line: fuzzy at that line, with its similarity', () => {
    const bodies = [...BODIES];
    bodies[1] = 'Kami masih kekurangan staf yang memiliki basis keilmuan dan skill di bidang teknologi informasi.';
    const result = one(bodies, codeOn('b', 2, 2));
    assert.equal(result.status, 'fuzzy');
    assert.deepEqual(result.lines, [2, 2]);
    assert.ok(result.score !== undefined && result.score >= 0.75 && result.score < 1);
  });

  it('edited and moved: found at its new place', () => {
    const edited = BODIES.map((body) => body.replace('grup WhatsApp', 'grup Telegram'));
    const bodies = [...filler(40), ...edited];
    const result = one(bodies, codeOn('d', 4, 4));
    assert.equal(result.status, 'fuzzy');
    assert.deepEqual(result.lines, [44, 44]);
    assert.equal(result.reason, 'similar text found 40 lines below');
  });

  it('not similar enough: an orphan, never a guess', () => {
    const bodies = [...BODIES];
    bodies[2] = 'Dana dipakai untuk hal lain tahun ini.';
    const result = one(bodies, codeOn('c', 3, 3));
    assert.equal(result.status, 'orphan');
    assert.equal(result.reason, ORPHAN_REASONS.notFound);
    assert.deepEqual(result.lines, [3, 3]);
  });

  it('two equally similar places: an ambiguous orphan that names both', () => {
    const quote = 'Koordinasi antar dinas berjalan lewat grup WhatsApp setiap minggu.';
    const bodies = [
      'pembuka',
      'Koordinasi antar dinas berjalan lewat grup Telegram setiap minggu.',
      'tengah',
      'Koordinasi antar dinas berjalan lewat grup Telegram setiap minggu.',
      'penutup',
    ];
    const result = one(bodies, { id: 'x', lines: [3, 3], quote });
    assert.equal(result.status, 'orphan');
    assert.equal(result.reason, ORPHAN_REASONS.ambiguous);
    assert.deepEqual(new Set(result.alternatives?.map((lines) => lines[0])), new Set([2, 4]));
  });

  it('the same similar text near and far: the near one is clearly better', () => {
    const quote = 'Koordinasi antar dinas berjalan lewat grup WhatsApp setiap minggu.';
    const similar = 'Koordinasi antar dinas berjalan lewat grup Telegram setiap minggu.';
    const bodies = ['pembuka', similar, ...filler(600), similar];
    const result = one(bodies, { id: 'x', lines: [2, 2], quote });
    assert.equal(result.status, 'fuzzy');
    assert.deepEqual(result.lines, [2, 2]);
  });

  it('the threshold is an option', () => {
    const bodies = [...BODIES];
    bodies[1] = 'Kami masih kekurangan staf yang memiliki basis keilmuan dan skill di bidang teknologi informasi.';
    assert.equal(one(bodies, codeOn('b', 2, 2), 0.99).status, 'orphan');
    assert.equal(one(bodies, codeOn('b', 2, 2), 0.5).status, 'fuzzy');
  });
});

describe('anchoring: re-anchor step 5, orphans and odd input', () => {
  it('text deleted: an orphan with its old lines', () => {
    const bodies = BODIES.filter((_, index) => index !== 6);
    const result = one(bodies, codeOn('g', 7, 7));
    assert.deepEqual(result, { id: 'g', status: 'orphan', lines: [7, 7], reason: ORPHAN_REASONS.notFound });
  });

  it('lines past the end and quote gone: orphan, “line past the end”', () => {
    const result = one(BODIES.slice(0, 5), codeOn('h', 8, 8));
    assert.equal(result.status, 'orphan');
    assert.equal(result.reason, ORPHAN_REASONS.pastEnd);
  });

  it('lines past the end but the quote is there: moved', () => {
    const result = one(BODIES.slice(3), codeOn('h', 8, 8));
    assert.equal(result.status, 'moved');
    assert.deepEqual(result.lines, [5, 5]);
  });

  it('an empty quote stays in place when its lines exist, and is an orphan when they do not', () => {
    assert.equal(one(BODIES, { id: 'e', lines: [2, 3], quote: '' }).status, 'in-place');
    const past = one(BODIES, { id: 'e', lines: [8, 12], quote: '' });
    assert.equal(past.status, 'orphan');
    assert.equal(past.reason, ORPHAN_REASONS.emptyQuote);
  });

  it('odd lines never throw, and every id comes back once, in order', () => {
    const codes = [
      { id: 'nan', lines: [Number.NaN, Number.NaN] as [number, number], quote: 'Ya.' },
      { id: 'zero', lines: [0, 0] as [number, number], quote: 'Ya.' },
      { id: 'reversed', lines: [6, 5] as [number, number], quote: 'Betul sekali.' },
      { id: 'huge', lines: [1e9, 1e9] as [number, number], quote: 'nothing like it' },
    ];
    const results = reanchor(BODIES, codes);
    assert.deepEqual(
      results.map((result) => result.id),
      codes.map((code) => code.id),
    );
    assert.deepEqual(results[0]?.lines, [5, 5]);
    assert.deepEqual(
      { status: results[2]?.status, lines: results[2]?.lines },
      { status: 'moved', lines: [6, 6] },
      'corrected lines are a change to write',
    );
    assert.equal(results[3]?.status, 'orphan');
    assert.deepEqual(reanchor([], codes.slice(0, 1))[0]?.status, 'orphan');
  });

  it('a large transcript where nothing moved: every code in place', () => {
    const bodies = Array.from({ length: 20_000 }, (_, index) => (index % 3 === 2 ? '' : `Informan ${index}: kalimat nomor ${index} tentang anggaran dan pegawai.`));
    const codes = Array.from({ length: 2_000 }, (_, index) => codeOn(`c${index}`, 1 + index * 10, 2 + index * 10, bodies));
    assert.ok(reanchor(bodies, codes).every((result) => result.status === 'in-place'));
  });
});
