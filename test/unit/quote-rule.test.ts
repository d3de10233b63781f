/**
 * The one quote rule (src/core/anchoring/quote-rule.ts, docs/anchoring.md): what people
 * and other tools write as a quote is on its text when it is the start of the coded
 * text — with or without the speaker label and timestamp, with any whitespace, NFC or
 * NFD, typographic marks — and a prefix counts when it is long enough and ends a word.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MIN_PREFIX_CHARS, quoteHolds, readQuote } from '../../src/core/anchoring/quote-rule';
import { reanchor, sitsOnQuote } from '../../src/core/anchoring';
import { quoteOfLines } from '../../src/core/transcript/quote';
import { decodeText } from '../../src/core/transcript/encoding';
import { lineBodies, parseTranscript } from '../../src/core/transcript/transcript';

function holds(quote: string, bodies: readonly string[], first = 1, last = first): boolean {
  return quoteHolds(readQuote(quote), (line) => bodies[line - 1] ?? '', first, last);
}

/** What the study reader makes of a file's bytes (BOM, CRLF): the line bodies the rule is given. */
function bodiesOf(fileText: string): string[] {
  const decoded = decodeText(new TextEncoder().encode(fileText));
  if (!decoded.ok) throw new Error(decoded.message);
  return lineBodies(parseTranscript(decoded.text, 't.txt').transcript);
}

describe('quote rule: examples a researcher writes', () => {
  const line = 'KABAN: Namun bisa dikatakan tenaga ahli di OPD masih terbatas, jadi banyak yang bertanya ulang ke kami.';
  const bodies = bodiesOf(`${line}\n`);

  it('takes the line as it reads, speaker label included, cut with an ellipsis', () => {
    assert.ok(holds('KABAN: Namun bisa dikatakan tenaga ahli…', bodies));
    assert.ok(holds('KABAN: Namun bisa dikatakan tenaga ahli...', bodies));
    assert.ok(holds('Namun bisa dikatakan tenaga ahli di OPD', bodies));
  });

  it('takes a quote written between typographic or straight quotation marks', () => {
    assert.ok(holds('“Namun bisa dikatakan tenaga ahli di OPD masih terbatas…”', bodies));
    assert.ok(holds('"Namun bisa dikatakan tenaga ahli di OPD masih terbatas"', bodies));
  });

  it('takes the timestamp before or after the label, as noScribe and Zoom write them', () => {
    const stamped = bodiesOf('S02: [00:00:15] Koordinasinya lewat grup WhatsApp dan rapat bulanan.\n[00:00:31] S02: Kadang kami baru tahu ada perubahan.\n');
    assert.ok(holds('S02: [00:00:15] Koordinasinya lewat grup WhatsApp', stamped, 1));
    assert.ok(holds('[00:00:15] S02: Koordinasinya lewat grup WhatsApp', stamped, 1));
    assert.ok(holds('Koordinasinya lewat grup WhatsApp dan rapat bulanan.', stamped, 1));
    assert.ok(holds('[00:00:31] S02: Kadang kami baru tahu ada perubahan.', stamped, 2));
  });

  it('takes a multi-line code quoted by its first line only, shorter than the writer would cut', () => {
    const two = ['Ya, betul.', 'Kami sudah tiga kali mengadakan bimbingan teknis untuk operator.'];
    assert.ok(holds('Ya, betul.', two, 1, 2));
    assert.ok(holds('Ya, betul. Kami sudah tiga kali', two, 1, 2));
  });

  it('refuses a prefix that ends inside a word: "nomor 2" is not "nomor 20"', () => {
    const twenty = ['Lampiran catatan nomor 20 belum kami terima.'];
    assert.ok(!holds('Lampiran catatan nomor 2', twenty));
    assert.ok(holds('Lampiran catatan nomor 20', twenty));
    assert.ok(holds('Lampiran catatan nomor 2…', twenty), 'a quote marked as cut may end inside a word');
  });

  it('refuses a short quote that is only the first words of a line', () => {
    assert.ok(!holds('Ya', ['Ya, betul, itu yang kami alami.']));
    assert.ok(!holds('KABAN: Namun', bodies));
    assert.ok(holds('Ya, betul.', ['Ya, betul.']));
  });

  it('keeps case: a quote is a citation', () => {
    assert.ok(!holds('namun bisa dikatakan tenaga ahli di OPD', bodies));
  });

  it('reads CRLF, a BOM and NFD text as the same lines', () => {
    const crlf = bodiesOf('\ufeffPeneliti: Apakah café itu dipakai rapat?\r\nKABAN: Ya, di café dekat kantor kami bertemu.\r\n');
    assert.ok(holds('KABAN: Ya, di café dekat kantor kami bertemu.'.normalize('NFD'), crlf, 2));
    assert.ok(holds('Apakah café itu dipakai rapat?', crlf.map((body) => body.normalize('NFD')), 1));
  });

  it('decides on a 5 MB one-line transcript from the quote\'s length alone', () => {
    const words = 'anggaran pemeliharaan server dipotong karena refocusing ';
    const huge = words.repeat(Math.ceil((5 * 1024 * 1024) / words.length));
    assert.ok(holds('Anggaran pemeliharaan server dipotong', [`Anggaran pemeliharaan server dipotong ${huge}`]));
    const code = { id: 'long', lines: [1, 1] as [number, number], quote: 'KABAN: Anggaran pemeliharaan server dipotong karena refocusing…' };
    assert.ok(sitsOnQuote([`Anggaran pemeliharaan server dipotong karena refocusing ${huge}`], code));
  });

  it('makes re-anchoring answer "in place" for such codes, so nothing is rewritten', () => {
    const study = bodiesOf('PENELITI: Siapa yang mengawasi?\nKABAN: Sekretaris kami yang memantau setiap minggu.\nKABAN: Hasilnya lumayan.\n');
    const results = reanchor(study, [
      { id: 'a', lines: [2, 3], quote: 'KABAN: Sekretaris kami yang memantau setiap minggu.' },
      { id: 'b', lines: [2, 2], quote: 'Sekretaris   kami yang\tmemantau' },
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['in-place', 'in-place'],
    );
  });

  it('finds a labelled quote moved far away, as the writer\'s quote would be', () => {
    const filler = Array.from({ length: 300 }, (_, index) => `Baris pengisi nomor ${index + 1} tanpa makna.`);
    const study = bodiesOf(`${[...filler, 'KABAN: Kami berharap ada formasi pranata komputer di setiap OPD.'].join('\n')}\n`);
    const [result] = reanchor(study, [{ id: 'far', lines: [3, 3], quote: 'KABAN: Kami berharap ada formasi pranata komputer…' }]);
    assert.equal(result?.status, 'moved');
    assert.deepEqual(result?.lines, [301, 301]);
  });
});

describe('quote rule: properties', () => {
  const word = fc.stringMatching(/^[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff0-9]{1,9}$/u);
  const sentence = fc.array(word, { minLength: 1, maxLength: 24 }).map((words) => words.join(' '));
  const label = fc.constantFrom('KABAN', 'Pewawancara', 'S01', 'Informan 2', 'Dr. Sari');
  const timestamp = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(
    ([hours, minutes, seconds]) => `[${[hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':')}]`,
  );
  const spacing = fc.constantFrom(' ', '  ', '\t', ' \u00a0', '\n ');

  it('the writer\'s own quote always holds on its lines', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat({ max: 3 }), (lines, start, span) => {
        const first = 1 + (start % lines.length);
        const last = Math.min(lines.length, first + span);
        assert.ok(holds(quoteOfLines(lines, first, last), lines, first, last));
      }),
      { numRuns: 300 },
    );
  });

  it('a quote with label and timestamp in either order, and any whitespace, holds where its words begin the line', () => {
    fc.assert(
      fc.property(label, timestamp, sentence, fc.boolean(), spacing, (speaker, stamp, body, stampFirst, gap) => {
        const lineText = stampFirst ? `${stamp} ${speaker}: ${body}` : `${speaker}: ${stamp} ${body}`;
        const bodies = bodiesOf(`${lineText}\n`);
        const written = (stampFirst ? `${speaker}: ${stamp} ${body}` : `${stamp} ${speaker}: ${body}`).split(' ').join(gap);
        assert.ok(holds(written, bodies), JSON.stringify({ lineText, written }));
        assert.ok(holds(body, bodies));
      }),
      { numRuns: 300 },
    );
  });

  it(`a prefix of ${MIN_PREFIX_CHARS}+ code points holds exactly when it ends a word (or is marked as cut)`, () => {
    fc.assert(
      fc.property(sentence, fc.nat(), (body, cutAt) => {
        const points = Array.from(body);
        const length = MIN_PREFIX_CHARS + (cutAt % Math.max(1, points.length - MIN_PREFIX_CHARS + 1));
        if (length > points.length) return;
        const prefix = points.slice(0, length).join('').trimEnd();
        if (Array.from(prefix).length < MIN_PREFIX_CHARS) return;
        const endsWord = prefix.length === body.length || body[prefix.length] === ' ';
        // 79-80 code points is where the writer cuts, inside a word or not.
        const writerCut = Array.from(prefix).length >= 79;
        assert.equal(holds(prefix, [body]), endsWord || writerCut, JSON.stringify({ body, prefix }));
        assert.ok(holds(`${prefix}…`, [body]));
      }),
      { numRuns: 500 },
    );
  });

  it('NFC and NFD, CRLF and LF: the same answer', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), fc.nat(), (lines, pick) => {
        const index = pick % lines.length;
        const quote = lines[index] as string;
        const lf = bodiesOf(`${lines.join('\n')}\n`);
        const crlfNfd = bodiesOf(`${lines.join('\r\n')}\r\n`.normalize('NFD'));
        assert.equal(holds(quote, lf, index + 1), true);
        assert.equal(holds(quote.normalize('NFD'), lf, index + 1), true);
        assert.equal(holds(quote, crlfNfd, index + 1), true);
      }),
      { numRuns: 300 },
    );
  });

  it('text that is not the start of the coded lines never holds', () => {
    fc.assert(
      fc.property(sentence, sentence, (body, other) => {
        const quote = `${other} ${body}`;
        if (body.startsWith(other)) return;
        assert.equal(holds(quote, [body]), false);
      }),
      { numRuns: 300 },
    );
  });
});
