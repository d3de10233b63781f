import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  DEFAULT_MAX_BYTES,
  WINDOWS_1252_HIGH_BLOCK,
  decodeText,
  encodeText,
  normalizeLineEndings,
  type DecodeResult,
  type TextEncodingName,
} from '../../src/core/transcript/encoding';

const utf8 = (text: string): number[] => Array.from(new TextEncoder().encode(text));

function utf16(text: string, bigEndian: boolean): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (bigEndian) bytes.push(unit >> 8, unit & 0xff);
    else bytes.push(unit & 0xff, unit >> 8);
  }
  return bytes;
}

function decodeOk(bytes: number[] | Uint8Array): Extract<DecodeResult, { ok: true }> {
  const result = decodeText(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if (!result.ok) assert.fail(`expected the bytes to decode, got ${result.reason}: ${result.message}`);
  return result;
}

function decodeFailure(bytes: number[] | Uint8Array, options?: { maxBytes?: number }): Extract<DecodeResult, { ok: false }> {
  const result = decodeText(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), options);
  if (result.ok) assert.fail(`expected the bytes to be refused, got ${JSON.stringify(result.text.slice(0, 40))}`);
  return result;
}

const INDONESIAN = 'Informan 1: Kami belum punya tenaga ahli TI 😅 — kata Bu Ségal';

describe('decodeText', () => {
  describe('UTF-8', () => {
    it('reads plain UTF-8 with LF and gives no notice', () => {
      const result = decodeOk(utf8(`${INDONESIAN}\nP: baik\n`));
      assert.equal(result.text, `${INDONESIAN}\nP: baik\n`);
      assert.equal(result.encoding, 'utf-8');
      assert.equal(result.lineEnding, 'lf');
      assert.equal(result.notice, undefined);
    });

    it('removes a UTF-8 BOM and normalises CRLF', () => {
      const result = decodeOk([0xef, 0xbb, 0xbf, ...utf8('P: Selamat pagi\r\nI: Pagi, Pak\r\n')]);
      assert.equal(result.text, 'P: Selamat pagi\nI: Pagi, Pak\n');
      assert.equal(result.encoding, 'utf-8-bom');
      assert.equal(result.lineEnding, 'crlf');
    });

    it('keeps a second BOM after the first as text, so nothing is lost', () => {
      const result = decodeOk([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]);
      assert.equal(result.text, '\ufeffA');
    });

    it('refuses a file with a UTF-8 BOM but broken UTF-8, naming the line', () => {
      const failure = decodeFailure([0xef, 0xbb, 0xbf, ...utf8('a\r\nb\r\nc'), 0xe9, 0x41]);
      assert.equal(failure.reason, 'undecodable');
      assert.equal(failure.line, 3);
      assert.match(failure.message, /UTF-8 byte order mark.*line 3/);
    });
  });

  describe('UTF-16', () => {
    it("reads Word's UTF-16 LE with BOM and CRLF", () => {
      const result = decodeOk([0xff, 0xfe, ...utf16(`P: Apa kendalanya?\r\n${INDONESIAN}\r\n`, false)]);
      assert.equal(result.text, `P: Apa kendalanya?\n${INDONESIAN}\n`);
      assert.equal(result.encoding, 'utf-16le');
      assert.equal(result.lineEnding, 'crlf');
      assert.equal(result.notice, undefined);
    });

    it('reads UTF-16 BE with BOM', () => {
      const result = decodeOk([0xfe, 0xff, ...utf16(`${INDONESIAN}\n`, true)]);
      assert.equal(result.text, `${INDONESIAN}\n`);
      assert.equal(result.encoding, 'utf-16be');
    });

    it('detects UTF-16 LE without a BOM from its zero bytes, with a notice', () => {
      const result = decodeOk(utf16('P: Selamat pagi\r\nI: Pagi\r\n', false));
      assert.equal(result.text, 'P: Selamat pagi\nI: Pagi\n');
      assert.equal(result.encoding, 'utf-16le');
      assert.match(result.notice ?? '', /no byte order mark; read as UTF-16 LE/);
    });

    it('detects UTF-16 BE without a BOM', () => {
      const result = decodeOk(utf16('Pewawancara: Bagaimana koordinasinya?\n', true));
      assert.equal(result.text, 'Pewawancara: Bagaimana koordinasinya?\n');
      assert.equal(result.encoding, 'utf-16be');
      assert.match(result.notice ?? '', /UTF-16 BE/);
    });

    it('refuses UTF-16 with an odd number of bytes', () => {
      const failure = decodeFailure([0xff, 0xfe, ...utf16('ab\ncd', false), 0x41]);
      assert.equal(failure.reason, 'undecodable');
      assert.equal(failure.line, 2);
    });

    it('refuses UTF-16 with a lone surrogate, naming its line', () => {
      const failure = decodeFailure([0xff, 0xfe, ...utf16('a\nb\nc\ud800d', false)]);
      assert.equal(failure.reason, 'undecodable');
      assert.equal(failure.line, 3);
      assert.match(failure.message, /not valid UTF-16 LE \(line 3\)/);
    });

    it('calls a UTF-16 BOM followed by NUL characters (e.g. UTF-32) binary', () => {
      const failure = decodeFailure([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]);
      assert.equal(failure.reason, 'binary');
    });
  });

  describe('Windows-1252', () => {
    it("falls back to Windows-1252 for 'é', '’' and '–' bytes, naming the first bad line", () => {
      // "Kepala Dinas\r\nCaf\xe9 \x92 kami \x96 ya\r\n"
      const bytes = [...utf8('Kepala Dinas\r\nCaf'), 0xe9, 0x20, 0x92, ...utf8(' kami '), 0x96, ...utf8(' ya\r\n')];
      const result = decodeOk(bytes);
      assert.equal(result.text, 'Kepala Dinas\nCafé ’ kami – ya\n');
      assert.equal(result.encoding, 'windows-1252');
      assert.equal(result.lineEnding, 'crlf');
      assert.equal(result.notice, 'not valid UTF-8 (line 2, byte 0xE9); read as Windows-1252');
    });

    it('decodes the five bytes Windows-1252 leaves undefined to C1 controls and writes them back', () => {
      // TextDecoder (WHATWG) maps 0x81, 0x8D, 0x8F, 0x90, 0x9D to U+0081 … U+009D.
      const bytes = [0x41, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x42];
      const result = decodeOk(bytes);
      assert.equal(result.text, 'A\u0081\u008d\u008f\u0090\u009dB');
      assert.deepEqual(Array.from(encodeText(result.text, 'windows-1252', 'lf')), bytes);
    });

    it('decodes the whole 0x80–0x9F block as the WHATWG standard says, whatever this runtime does', () => {
      // Node.js >= 20.18.3 decodes TextDecoder('windows-1252') as Latin-1 (nodejs/node#60888);
      // our own table must not depend on that.
      const block = Array.from({ length: 32 }, (_, i) => 0x80 + i);
      const result = decodeOk([0x41, ...block]);
      assert.equal(result.text, 'A€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
      assert.deepEqual(Array.from(encodeText(result.text, 'windows-1252', 'lf')), [0x41, ...block]);
    });

    it('reads bytes 0xA0–0xFF as Latin-1 and a large file in one piece', () => {
      const bytes = new Uint8Array(100_000).map((_, i) => (i % 97 === 0 ? 0xe9 : 0x61 + (i % 26)));
      const result = decodeOk(bytes);
      assert.equal(result.encoding, 'windows-1252');
      assert.equal(result.text.length, bytes.length);
      assert.equal(result.text[97], 'é');
      assert.equal(result.text[98], String.fromCharCode(0x61 + (98 % 26)));
    });

    it('reads Windows-1252 bytes that happen to be valid UTF-8 as UTF-8 (the known ambiguity)', () => {
      // 'Ã©' in Windows-1252 is C3 A9, which is 'é' in UTF-8; without a BOM nothing tells them apart.
      const result = decodeOk([0xc3, 0xa9]);
      assert.equal(result.text, 'é');
      assert.equal(result.encoding, 'utf-8');
    });
  });

  describe('line endings', () => {
    it('reports mixed line endings and normalises all of them', () => {
      const result = decodeOk(utf8('a\r\nb\nc\rd'));
      assert.equal(result.text, 'a\nb\nc\nd');
      assert.equal(result.lineEnding, 'mixed');
    });

    it('turns lone CR (old Mac) into line breaks', () => {
      const result = decodeOk(utf8('a\rb\r'));
      assert.equal(result.text, 'a\nb\n');
      assert.equal(result.lineEnding, 'cr');
    });

    it("reports 'none' for text without a line break", () => {
      assert.deepEqual(normalizeLineEndings('satu baris'), { text: 'satu baris', lineEnding: 'none' });
    });

    it('tells each kind of line ending, with and without a CR in the text', () => {
      assert.deepEqual(normalizeLineEndings('a\nb\n'), { text: 'a\nb\n', lineEnding: 'lf' });
      assert.deepEqual(normalizeLineEndings('a\r\nb\r\n'), { text: 'a\nb\n', lineEnding: 'crlf' });
      assert.deepEqual(normalizeLineEndings('a\r\nb\n'), { text: 'a\nb\n', lineEnding: 'mixed' });
      assert.deepEqual(normalizeLineEndings(''), { text: '', lineEnding: 'none' });
    });
  });

  describe('binary and edge cases', () => {
    it('refuses a PNG as binary, naming the line of the first NUL', () => {
      const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
      const failure = decodeFailure(png);
      assert.equal(failure.reason, 'binary');
      assert.equal(failure.line, 3);
      assert.equal(failure.message, 'looks like a binary file (NUL byte at line 3), not a text transcript');
    });

    it('refuses text with a stray NUL as binary', () => {
      const failure = decodeFailure([...utf8('P: satu\nI: dua\nP: ti'), 0x00, ...utf8('ga\n')]);
      assert.equal(failure.reason, 'binary');
      assert.equal(failure.line, 3);
    });

    it('does not mistake irregular NULs over control bytes for UTF-16', () => {
      const bytes = new Uint8Array(512);
      for (let i = 0; i < bytes.length; i += 2) bytes[i] = 1 + (i % 7); // every odd byte NUL, but the units are control codes
      assert.equal(decodeFailure(bytes).reason, 'binary');
    });

    it('reads an empty file as empty UTF-8 text', () => {
      assert.deepEqual(decodeText(new Uint8Array(0)), { ok: true, text: '', encoding: 'utf-8', lineEnding: 'none' });
    });

    it('reads a file holding only a BOM as empty text in that encoding', () => {
      assert.equal(decodeOk([0xef, 0xbb, 0xbf]).encoding, 'utf-8-bom');
      assert.equal(decodeOk([0xef, 0xbb, 0xbf]).text, '');
      assert.equal(decodeOk([0xff, 0xfe]).encoding, 'utf-16le');
      assert.equal(decodeOk([0xfe, 0xff]).text, '');
    });

    it('refuses a file over maxBytes with a message giving the limit', () => {
      const failure = decodeFailure(new Uint8Array(2048), { maxBytes: 1024 });
      assert.equal(failure.reason, 'too-large');
      assert.equal(failure.message, 'file is 2 KiB, larger than the 1 KiB limit for a transcript');
    });

    it('has a default limit of 64 MiB', () => {
      assert.equal(DEFAULT_MAX_BYTES, 64 * 1024 * 1024);
      const failure = decodeFailure(new Uint8Array(DEFAULT_MAX_BYTES + 1));
      assert.equal(failure.reason, 'too-large');
      assert.match(failure.message, /64 MiB limit/);
      assert.equal(decodeText(new Uint8Array(DEFAULT_MAX_BYTES + 1), { maxBytes: DEFAULT_MAX_BYTES + 1 }).ok, false);
    });

    it('never throws, and never returns a CR in decoded text, whatever the bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          const result = decodeText(bytes);
          if (result.ok) assert.ok(!result.text.includes('\r'));
          else assert.ok(result.message.length > 0);
        }),
      );
    });
  });
});

describe('encodeText', () => {
  it('writes CRLF and a UTF-8 BOM', () => {
    assert.deepEqual(Array.from(encodeText('a\nb\n', 'utf-8-bom', 'crlf')), [0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x0a]);
  });

  it('writes lone CR for cr, and LF for mixed and none', () => {
    assert.deepEqual(Array.from(encodeText('a\nb', 'utf-8', 'cr')), [0x61, 0x0d, 0x62]);
    assert.deepEqual(Array.from(encodeText('a\r\nb', 'utf-8', 'mixed')), [0x61, 0x0a, 0x62]);
    assert.deepEqual(Array.from(encodeText('a\nb', 'utf-8', 'none')), [0x61, 0x0a, 0x62]);
  });

  it('writes UTF-16 with a BOM in the right byte order', () => {
    assert.deepEqual(Array.from(encodeText('é\n', 'utf-16le', 'crlf')), [0xff, 0xfe, 0xe9, 0x00, 0x0d, 0x00, 0x0a, 0x00]);
    assert.deepEqual(Array.from(encodeText('é', 'utf-16be', 'lf')), [0xfe, 0xff, 0x00, 0xe9]);
  });

  it("writes Windows-1252's 0x80–0x9F block from its characters", () => {
    assert.deepEqual(Array.from(encodeText('€’–—…', 'windows-1252', 'lf')), [0x80, 0x92, 0x96, 0x97, 0x85]);
  });

  it('refuses a character Windows-1252 cannot hold, naming it and where it is', () => {
    assert.throws(
      () => encodeText('Baris satu\nSulawesi Selatan: Māros', 'windows-1252', 'crlf'),
      { message: "cannot write as Windows-1252: the character 'ā' (U+0101) at line 2, column 20 is not in its character set; save the transcript as UTF-8" },
    );
    assert.throws(() => encodeText('ok 😀', 'windows-1252', 'lf'), /'😀' \(U\+1F600\) at line 1, column 4/);
    // U+0080 is a control character; its byte 0x80 means '€' in Windows-1252.
    assert.throws(() => encodeText('\u0080', 'windows-1252', 'lf'), /U\+0080/);
  });

  it('refuses a lone surrogate rather than writing a replacement character', () => {
    assert.throws(() => encodeText('a\ud800b', 'utf-8', 'lf'), /lone surrogate/);
    assert.throws(() => encodeText('a\udc00b', 'utf-16le', 'lf'), /U\+DC00\) at line 1, column 2/);
  });
});

describe('decodeText(encodeText(s)) round trip', () => {
  // NUL makes a file binary and CR is a line break, so neither survives as text by design.
  const transcriptChar = fc.string({ unit: 'binary', maxLength: 1 }).filter((c) => c !== '\0' && c !== '\r');
  const transcriptText = fc.array(transcriptChar, { maxLength: 80 }).map((chars) => chars.join(''));

  for (const encoding of ['utf-8-bom', 'utf-16le', 'utf-16be'] as const) {
    it(`gives back the text for ${encoding}`, () => {
      fc.assert(
        fc.property(transcriptText, (text) => {
          const result = decodeOk(encodeText(text, encoding, 'lf'));
          assert.equal(result.text, text);
          assert.equal(result.encoding, encoding);
        }),
      );
    });
  }

  it('gives back the text for utf-8 (a leading U+FEFF would read as a BOM, so none here)', () => {
    fc.assert(
      fc.property(
        transcriptText.filter((text) => !text.startsWith('\ufeff')),
        (text) => {
          const result = decodeOk(encodeText(text, 'utf-8', 'lf'));
          assert.equal(result.text, text);
          assert.equal(result.encoding, 'utf-8');
        },
      ),
    );
  });

  it('gives back CRLF text as LF with the line ending reported', () => {
    fc.assert(
      fc.property(transcriptText, fc.constantFrom<TextEncodingName>('utf-8-bom', 'utf-16le', 'utf-16be'), (text, encoding) => {
        const result = decodeOk(encodeText(`${text}\n${text}\n`, encoding, 'crlf'));
        assert.equal(result.text, `${text}\n${text}\n`);
        assert.equal(result.lineEnding, 'crlf');
      }),
    );
  });

  it('gives back text within the Windows-1252 repertoire', () => {
    const repertoire = [
      ...Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)),
      ...WINDOWS_1252_HIGH_BLOCK.map((code) => String.fromCharCode(code)),
      ...Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)),
    ].filter((c) => c !== '\0' && c !== '\r');
    const text = fc.array(fc.constantFrom(...repertoire), { maxLength: 80 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        // 'é ' is E9 20, never valid UTF-8, so the file cannot pass for UTF-8 (see the ambiguity test).
        const original = `${before}é ${after}`;
        const result = decodeOk(encodeText(original, 'windows-1252', 'lf'));
        assert.equal(result.text, original);
        assert.equal(result.encoding, 'windows-1252');
      }),
    );
  });
});
