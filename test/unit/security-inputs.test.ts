/**
 * Huge, binary and foreign input (issue 7): each works or is refused with a clear
 * message naming the file, the line and the limit, within seconds (bounded by this
 * file's timeout, not by a timing assertion), and nothing is mangled.
 * - a 5 MB transcript on one line and a 100,000-line transcript with 2,000 codes go
 *   through the editor's session and the CLI (validate, reanchor --write,
 *   check-integrity); a transcript over the 64 MiB limit is refused;
 * - binary files posing as transcripts (PNG, a renamed .docx, UTF-32, NUL-free random
 *   bytes) are reported as not text;
 * - text in an encoding we do not read (Windows-1251, Shift_JIS, GBK, EUC-KR, Greek) is
 *   reported as an unknown encoding, its bytes kept exactly, and never imported; real
 *   Windows-1252 text is not taken for one.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_MAX_BYTES, decodeText, encodeText } from '../../src/core/transcript/encoding';
import { importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { CodingSession } from '../../src/core/session';
import { parseTranscript, splitLines } from '../../src/core/transcript/transcript';
import { makeZip } from './helpers/refi-qda';
import { TempStudy } from './helpers/temp-study';
import { CODEBOOK } from './reliability-fixtures';

const latin = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
/** Russian in Windows-1251: А–я are 0xC0–0xFF. */
const cp1251 = (text: string): number[] => [...text].map((c) => (c >= 'А' && c <= 'я' ? 0xc0 + c.charCodeAt(0) - 0x410 : c.charCodeAt(0)));
const FOREIGN: Record<string, number[]> = {
  'Windows-1251 (Russian)': [...latin('Interviewer: '), ...cp1251('Здравствуйте, расскажите о координации.'), 0x0a, ...latin('Kepala: '), ...cp1251('Бюджет ограничен.'), 0x0a],
  // 日本語の文書です。 (Japanese text) twice
  Shift_JIS: [...latin('A: '), 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0xb6, 0x8f, 0x91, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42, 0x0a, ...latin('B: '), 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x0a],
  // 中文文本 (Chinese text), repeated
  GBK: [...latin('A: '), 0xd6, 0xd0, 0xce, 0xc4, 0xce, 0xc4, 0xb1, 0xbe, 0x0a, ...latin('B: '), 0xd6, 0xd0, 0xce, 0xc4, 0xce, 0xc4, 0xb1, 0xbe, 0x0a],
  // 한국어 문서 (Korean document)
  'EUC-KR': [...latin('A: '), 0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee, 0x20, 0xb9, 0xae, 0xbc, 0xad, 0x0a, ...latin('B: '), 0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee, 0x0a],
  // Καλημέρα σας in Windows-1253
  'Windows-1253 (Greek)': [...latin('A: '), 0xca, 0xe1, 0xeb, 0xe7, 0xec, 0xdd, 0xf1, 0xe1, 0x20, 0xf3, 0xe1, 0xf2, 0x0a],
};
const WESTERN: Record<string, number[]> = {
  'Indonesian with curly quotes and dashes': [...latin('Kepala: '), 0x93, ...latin('Anggaran'), 0x94, ...latin(' kami terbatas '), 0x96, ...latin(' sangat '), 0x85, 0x0a, ...latin('Sekretaris: ya'), 0x92, ...latin('kan.'), 0x0a],
  French: latin('Le directeur: Nous avons été très déçus par la coordination, même après la réunion. Ça arrive. Où est le problème? À vous.\n'),
  Portuguese: latin('Entrevistador: A coordenação e a comunicação são importantes; não há informação suficiente nas reuniões de organização.\n'),
  German: latin('Leiterin: Die Größe des Büros ist für die Übertragung der Daten nicht ausreichend, schöne Grüße.\n'),
};

describe('security: huge, binary and foreign input', function () {
  this.timeout(120_000);

  describe('huge transcripts work, within bounds', () => {
    it('a 5 MB transcript on one line: the session codes it with an 80-character quote, and the CLI reads it', async () => {
      const line = `Kepala: ${'Anggaran kami terbatas, jadi pelatihan operator ditunda. '.repeat(90_000)}`;
      assert.ok(line.length > 5_000_000);
      const text = `${line}\n`;
      const session = CodingSession.open(text, undefined, 'kaban.txt.codes.yaml', 'kaban.txt');
      const [id] = session.addCodes([[1, 1]], { code: 'jones/organization', polarity: 'inhibiting', factor: 'Anggaran', coder: 'rina' }, () => 0.5);
      session.applyEdits([{ offset: text.length - 1, length: 0, text: ' Ya.' }]);
      const sidecar = session.sidecarText({ savedText: text.replace(/\n$/u, ' Ya.\n') });
      assert.ok(sidecar !== undefined && id !== undefined);
      const quote = /quote: "([^"]*)"/u.exec(sidecar)?.[1] ?? '';
      assert.ok(quote.length > 0 && quote.length <= 80, quote);

      const study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, 'kaban.txt': `Catatan: awal.\n${text}`, 'kaban.txt.codes.yaml': sidecar });
      try {
        assert.equal((await study.cli('reanchor', '--write')).code, 0);
        const integrity = await study.cli('check-integrity');
        assert.equal(integrity.code, 0, integrity.stdout);
        assert.match(integrity.stderr, /1 codes checked against their transcripts \(1 on their quote\)/u);
      } finally {
        await study.dispose();
      }
    });

    it('a 100,000-line transcript with 2,000 codes: opened, re-anchored after an edit at the top, and checked', async () => {
      const lines = Array.from({ length: 100_000 }, (_, n) => `${n % 2 === 0 ? 'Pewawancara' : 'Kepala'}: kalimat nomor ${n} tentang koordinasi dan anggaran.`);
      const text = `${lines.join('\n')}\n`;
      const codes = Array.from({ length: 2000 }, (_, n) => {
        const line = 1 + n * 50;
        return [`  - id: c${n}`, `    lines: [${line}, ${line}]`, '    code: jones/organization', '    polarity: inhibiting', '    factor: Koordinasi', `    quote: "kalimat nomor ${line - 1} tentang koordinasi dan anggaran."`, '    coder: rina'].join('\n');
      });
      const sidecar = ['version: 1', 'transcript: kaban.txt', 'codes:', ...codes, ''].join('\n');
      const session = CodingSession.open(text, sidecar, 'kaban.txt.codes.yaml', 'kaban.txt');
      assert.equal(session.codes().length, 2000);
      assert.equal(session.lineCount(), 100_001, 'the editor shows the empty line after the final line break');

      const study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, 'kaban.txt': `Catatan: awal.\nCatatan: rekaman.\n${text}`, 'kaban.txt.codes.yaml': sidecar });
      try {
        const reanchor = await study.cli('reanchor', '--write');
        assert.equal(reanchor.code, 0, reanchor.stderr);
        assert.match(reanchor.stderr, /2000 codes moved, 0 need a person: 1 sidecars written/u);
        const integrity = await study.cli('check-integrity');
        assert.equal(integrity.code, 0, integrity.stdout.slice(0, 500));
        assert.equal((await study.cli('validate')).code, 0);
      } finally {
        await study.dispose();
      }
    });

    it(`a transcript over the ${DEFAULT_MAX_BYTES / 1024 / 1024} MiB limit is refused, naming the limit`, async () => {
      const study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, 'video.txt': new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x61), 'video.txt.codes.yaml': 'version: 1\ntranscript: video.txt\ncodes:\n' });
      try {
        const result = await study.cli('check-integrity');
        assert.equal(result.code, 1);
        assert.match(result.stdout, /^video\.txt:1:1: error: file is 64(?:\.0)? MiB, larger than the 64 MiB limit for a transcript$/mu);
      } finally {
        await study.dispose();
      }
    });
  });

  describe('binary files posing as transcripts', () => {
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const randomBytes = Uint8Array.from({ length: 4096 }, (_, n) => 1 + ((n * 7919 + 13) % 255));
    const cases: Record<string, Uint8Array> = {
      'a PNG': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
      'a Word file renamed .txt': docx,
      'UTF-32 text': new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0, 0x0a, 0, 0, 0]),
      'random bytes without a NUL': randomBytes,
    };

    for (const [name, bytes] of Object.entries(cases)) {
      it(`${name} is reported as not text, at its file and line, by validate and check-integrity`, async () => {
        const decoded = decodeText(bytes);
        assert.ok(!decoded.ok || decoded.unknownEncoding === true, `${name} read as text`);
        const study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, 'kaban.txt': bytes, 'kaban.txt.codes.yaml': 'version: 1\ntranscript: kaban.txt\ncodes:\n' });
        try {
          const integrity = await study.cli('check-integrity');
          assert.equal(integrity.code, 1);
          assert.match(integrity.stdout, /^kaban\.txt:\d+:1: error: (?:looks like a binary file \(NUL byte at line \d+\), not a text transcript|unknown encoding: .*control characters, as in binary data)/mu);
          const validate = await study.cli('validate');
          assert.match(validate.stdout, /^kaban\.txt:\d+:1: (?:error|warning): (?:looks like a binary file|unknown encoding)/mu);
        } finally {
          await study.dispose();
        }
      });
    }
  });

  describe('text in an encoding we do not read', () => {
    for (const [name, bytes] of Object.entries(FOREIGN)) {
      it(`${name} is reported as an unknown encoding, its bytes kept exactly`, () => {
        const decoded = decodeText(Uint8Array.from(bytes));
        assert.ok(decoded.ok);
        assert.equal(decoded.unknownEncoding, true, `${name} read as Windows-1252 without a word`);
        assert.match(decoded.notice ?? '', /^unknown encoding: not UTF-8 \(line 1, byte 0x[0-9A-F]{2}\), not UTF-16, and not Windows-1252 text either/u);
        // Nothing is lost: written back, the file is byte for byte what it was.
        assert.deepEqual(Array.from(encodeText(decoded.text, decoded.encoding, decoded.lineEnding)), bytes);
      });
    }

    for (const [name, bytes] of Object.entries(WESTERN)) {
      it(`Windows-1252 text (${name}) is read as Windows-1252, not taken for another encoding`, () => {
        const decoded = decodeText(Uint8Array.from(bytes));
        assert.ok(decoded.ok);
        assert.equal(decoded.encoding, 'windows-1252');
        assert.equal(decoded.unknownEncoding, undefined, decoded.notice);
      });
    }

    it('import refuses such a transcript and writes nothing; a .qdpx source in it is left out with a notice', async () => {
      const bytes = Uint8Array.from(FOREIGN['Windows-1251 (Russian)'] ?? []);
      const study = await TempStudy.create({ 'interview.txt': bytes });
      try {
        const result = await study.cli('import', 'interview.txt', '-o', 'study');
        assert.equal(result.code, 1);
        assert.match(result.stderr, /interview\.txt: unknown encoding: .*; nothing was written/u);
        await assert.rejects(study.read('study/interview.txt'));
      } finally {
        await study.dispose();
      }
      const project = `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="0a1b2c3d-0000-4000-8000-000000000002" name="ru.txt" plainTextPath="internal://ru.txt"/></Sources></Project>\n`;
      const imported = importQdpx(makeZip({ 'project.qde': project, 'sources/ru.txt': bytes }), 'p.qdpx');
      assert.equal(imported.transcripts, 0);
      assert.ok(imported.notices.some((notice) => /text source "ru\.txt" left out: unknown encoding/u.test(notice.message)), JSON.stringify(imported.notices));
    });

    it('a transcript read as Windows-1252 keeps its lines: codes count the same lines as in UTF-8', () => {
      const text = 'Kepala: “Anggaran” – terbatas…\nSekretaris: ya.\n';
      const decoded = decodeText(encodeText(text, 'windows-1252', 'crlf'));
      assert.ok(decoded.ok);
      assert.deepEqual(splitLines(decoded.text), splitLines(text));
      assert.equal(parseTranscript(decoded.text, 'a.txt').transcript.lines.length, 2);
    });
  });
});
