import { strict as assert } from 'node:assert';
import { hasConflictMarkers, newCodeId, parseSidecar, type SidecarParse } from '../../src/core/sidecar';
import type { Problem } from '../../src/core/problems/problem';
import { DESIGN_EXAMPLE, DESIGN_EXAMPLE_FILE, HAND_WRITTEN, lines, LONG_FACTOR, MERGE_CONFLICT } from './sidecar-fixtures';

const FILE = 'transcripts/dinas/kaban.txt.codes.yaml';
type Ok = Extract<SidecarParse, { status: 'ok' }>;
type Broken = Extract<SidecarParse, { status: 'broken' }>;

/** Every problem must point somewhere real and say something. */
function checkShape(problems: readonly Problem[], file = FILE): void {
  for (const p of problems) {
    assert.equal(p.file, file);
    assert.ok(Number.isInteger(p.line) && p.line >= 1, `line ${p.line}`);
    assert.ok(Number.isInteger(p.column) && p.column >= 1, `column ${p.column}`);
    assert.ok(p.message.length > 20, p.message);
  }
}

function ok(text: string, file = FILE): Ok {
  const parsed = parseSidecar(text, file);
  assert.equal(parsed.status, 'ok', JSON.stringify(parsed.problems, null, 1));
  checkShape(parsed.problems, file);
  return parsed as Ok;
}

function broken(text: string, reason: Broken['reason']): Broken {
  const parsed = parseSidecar(text, FILE);
  assert.equal(parsed.status, 'broken', 'expected a broken sidecar');
  const result = parsed as Broken;
  assert.equal(result.reason, reason, JSON.stringify(result.problems, null, 1));
  assert.ok(result.problems.some((p) => p.severity === 'error'));
  checkShape(result.problems);
  return result;
}

/** Line, column and severity of the problems whose message contains `fragment`. */
const where = (problems: readonly Problem[], fragment: string): string[] =>
  problems.filter((p) => p.message.includes(fragment)).map((p) => `${p.line}:${p.column} ${p.severity}`);

/** A valid sidecar with one code whose lines are replaced by `codeLines`. */
const withCode = (...codeLines: string[]): string =>
  lines('version: 1', 'transcript: kaban.txt', 'codes:', ...codeLines);

const CODE = [
  '  - id: k3x9a2mq',
  '    lines: [16, 16]',
  '    code: jones/organization/apparatus-resources',
  '    polarity: inhibiting',
  '    factor: Tenaga ahli TI masih kurang',
  '    quote: "Masih kurangnya pegawai"',
  '    coder: rina',
];
/** CODE with the line of `key` replaced by `replacement` (which may be several lines), or removed. */
const codeWith = (key: string, replacement: string | undefined): string[] =>
  CODE.flatMap((l) =>
    l.trimStart().replace(/^- /u, '').startsWith(`${key}:`) ? (replacement === undefined ? [] : replacement.split('\n')) : [l],
  );

describe('parseSidecar', () => {
  describe('a good sidecar', () => {
    it('reads the DESIGN example', () => {
      const parsed = ok(DESIGN_EXAMPLE, DESIGN_EXAMPLE_FILE);
      assert.deepEqual(parsed.data, {
        version: 1,
        transcript: 'kaban.txt',
        attributes: {
          agency: 'BKPSDMD Kabupaten Hulu Sungai Tengah',
          informant: 'Kepala Badan',
          date: '2022-01-07',
          source: 'interview',
        },
        codes: [
          {
            id: 'k3x9a2mq',
            lines: [16, 16],
            code: 'jones/organization/apparatus-resources',
            polarity: 'inhibiting',
            factor: 'Tenaga ahli TI masih kurang',
            quote: 'Masih kurangnya pegawai yang memiliki basis keilmuan dan skill',
            memo: 'optional free text',
            coder: 'rina',
          },
        ],
      });
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.codePositions.get('k3x9a2mq'), { line: 9, column: 5 });
    });

    it('reads comments everywhere, unknown keys, Unicode, a long factor and a literal memo', () => {
      const parsed = ok(HAND_WRITTEN, 'kadis-kominfo.txt.codes.yaml');
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.data.codes.length, 3);
      const [first, second] = parsed.data.codes;
      assert.equal(first?.quote, 'Pegawai yang paham TI masih sedikit — kami sering minta bantuan vendor 😅');
      assert.equal(first?.memo, 'Compare with the Bappeda interview.\nKepala bidang said the same in 2021.\n');
      assert.equal(first?.factor, LONG_FACTOR);
      assert.ok(LONG_FACTOR.length >= 200);
      assert.equal(second?.quote, 'Kami adakan rapat koordinasi: setiap bulan, bersama Diskominfo dan Bappeda');
      assert.equal(second?.memo, undefined);
      assert.equal(parsed.data.attributes.duration, '45');
      assert.deepEqual(parsed.codePositions.get('e5f6g7h8'), { line: 29, column: 5 });
    });

    it('keeps attribute values as written: dates, numbers, booleans, nulls', () => {
      const parsed = ok(
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes:',
          '  date: 2022-01-07',
          '  informant: 007',
          '  year: 2022',
          '  ratio: 1.50',
          '  recorded: yes',
          '  consent: true',
          '  hex: 0x1F',
          '  none: null',
          '  tilde: ~',
          '  empty:',
          '  quoted: "2022-01-07"',
          '  when: 2022-01-07T10:30:00+08:00',
        ),
      );
      assert.deepEqual(parsed.data.attributes, {
        date: '2022-01-07',
        informant: '007',
        year: '2022',
        ratio: '1.50',
        recorded: 'yes',
        consent: 'true',
        hex: '0x1F',
        none: 'null',
        tilde: '~',
        empty: '',
        quoted: '2022-01-07',
        when: '2022-01-07T10:30:00+08:00',
      });
    });

    it('reads text fields written as numbers or booleans as the text written', () => {
      const parsed = ok(withCode(...codeWith('factor', '    factor: 2022'), ...[]).replace('coder: rina', 'coder: 42'));
      assert.equal(parsed.data.codes[0]?.factor, '2022');
      assert.equal(parsed.data.codes[0]?.coder, '42');
    });

    it('keeps Indonesian diacritics and emoji', () => {
      const parsed = ok(withCode(...codeWith('factor', '    factor: Pelayanan “prima” — ẓ é ñ Ğ 👩🏽‍🔬 😀')));
      assert.equal(parsed.data.codes[0]?.factor, 'Pelayanan “prima” — ẓ é ñ Ğ 👩🏽‍🔬 😀');
    });

    it('reads CRLF line endings and a BOM, with positions as in the file', () => {
      const crlf = '\ufeff' + DESIGN_EXAMPLE.replace(/\n/gu, '\r\n');
      const parsed = ok(crlf, DESIGN_EXAMPLE_FILE);
      assert.deepEqual(parsed.data, ok(DESIGN_EXAMPLE, DESIGN_EXAMPLE_FILE).data);
      const bad = broken(crlf.replace('lines: [16, 16]', 'lines: [16, 0]'), 'invalid');
      assert.deepEqual(where(bad.problems, 'first line after its last'), ['10:12 error']);
    });

    it('accepts unknown keys at the top and in codes without a word', () => {
      const parsed = ok(lines('version: 1', 'transcript: kaban.txt', 'extra: {a: 1}', 'codes:', ...CODE, '    reviewer: siti', '    flags: [x]'));
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.data.codes.length, 1);
    });

    it('accepts a sidecar without attributes and codes, or with empty ones', () => {
      assert.deepEqual(ok(lines('version: 1', 'transcript: kaban.txt')).data, { version: 1, transcript: 'kaban.txt', attributes: {}, codes: [] });
      assert.deepEqual(ok(lines('version: 1', 'transcript: kaban.txt', 'attributes:', 'codes:')).data.codes, []);
      assert.deepEqual(ok(lines('version: 1', 'transcript: kaban.txt', 'attributes: {}', 'codes: []')).data.attributes, {});
    });
  });

  describe('warnings: the file stays usable', () => {
    it('a missing factor, quote or coder is read as empty, with a warning', () => {
      for (const key of ['factor', 'quote', 'coder'] as const) {
        const parsed = ok(withCode(...codeWith(key, undefined)));
        assert.equal(parsed.data.codes[0]?.[key], '');
        assert.deepEqual(where(parsed.problems, `no \`${key}\``), ['4:5 warning']);
        assert.equal(parsed.problems[0]?.codeId, 'k3x9a2mq');
      }
    });

    it('a source type outside the list', () => {
      const parsed = ok(lines('version: 1', 'transcript: kaban.txt', 'attributes:', '  source: wawancara'));
      assert.deepEqual(where(parsed.problems, 'Source type "wawancara"'), ['4:11 warning']);
      assert.equal(parsed.data.attributes.source, 'wawancara');
    });

    it('a transcript field that does not match the sidecar file name', () => {
      const parsed = ok(lines('version: 1', 'transcript: sekda.txt'));
      assert.deepEqual(where(parsed.problems, 'does not match'), ['2:13 warning']);
      assert.match(parsed.problems[0]?.message ?? '', /kaban\.txt/u);
      assert.deepEqual(ok(lines('version: 1', 'transcript: kaban.txt'), 'C:\\study\\dinas\\kaban.txt.codes.yaml').problems, []);
      assert.deepEqual(ok(lines('version: 1', 'transcript: any.txt'), 'not-a-sidecar.yaml').problems, []);
    });

    it('a code path or polarity that cannot match a codebook', () => {
      const parsed = ok(withCode(...codeWith('code', '    code: Jones Organisation'), ...[]).replace('polarity: inhibiting', 'polarity: Penghambat'));
      assert.deepEqual(where(parsed.problems, 'Code path'), ['6:11 warning']);
      assert.deepEqual(where(parsed.problems, 'Polarity'), ['7:15 warning']);
    });
  });

  describe('conflict markers', () => {
    it('reports every marker line of a merge conflict inside codes', () => {
      const result = broken(MERGE_CONFLICT, 'conflict');
      assert.deepEqual(
        result.problems.map((p) => [p.line, p.column]),
        [
          [10, 1],
          [12, 1],
          [14, 1],
          [16, 1],
        ],
      );
      assert.match(result.problems[0]?.message ?? '', /conflict marker "<<<<<<<".*unfinished merge/u);
      assert.match(result.problems[0]?.message ?? '', /read-only/u);
    });

    it('finds markers with CRLF endings and without a label, and ignores look-alikes in text', () => {
      assert.deepEqual(hasConflictMarkers('a\r\n<<<<<<<\r\nb\r\n=======\r\nc\r\n>>>>>>>\r\n'), [{ line: 2 }, { line: 4 }, { line: 6 }]);
      assert.deepEqual(hasConflictMarkers(lines('memo: |', '  =======', '  <<<<<<< not at column 1', '<<<<<<<<< eight', '========')), []);
    });
  });

  describe('version', () => {
    it('missing', () => {
      const result = broken(lines('transcript: kaban.txt', 'codes: []'), 'version');
      assert.deepEqual(where(result.problems, 'no `version:`'), ['1:1 error']);
      assert.match(result.problems[0]?.message ?? '', /Add `version: 1`/u);
    });

    it('a newer version', () => {
      const result = broken(lines('version: 2', 'transcript: kaban.txt'), 'version');
      assert.deepEqual(where(result.problems, 'format version 2'), ['1:10 error']);
      assert.match(result.problems[0]?.message ?? '', /newer Transcript Coder.*Update the extension/u);
    });

    it('a version that is not a number', () => {
      for (const value of ['"1"', 'one', '0', '1.5', '[1]']) {
        const result = broken(lines(`version: ${value}`, 'transcript: kaban.txt'), 'version');
        assert.deepEqual(where(result.problems, 'Unknown sidecar format version'), ['1:10 error'], value);
      }
    });
  });

  describe('invalid structure', () => {
    it('an empty file, or one with only comments', () => {
      for (const text of ['', '\n\n', '# nothing yet\n']) {
        const result = broken(text, 'invalid');
        assert.deepEqual(where(result.problems, 'The sidecar is empty'), ['1:1 error']);
      }
    });

    it('a list or a text instead of a map', () => {
      assert.deepEqual(where(broken('- id: a\n', 'invalid').problems, 'must be a map of keys'), ['1:1 error']);
      assert.deepEqual(where(broken('hello\n', 'invalid').problems, 'must be a map of keys'), ['1:1 error']);
    });

    it('a top-level key with no name (the writer could not keep it in place): named with its line', () => {
      assert.deepEqual(where(broken(': |\ncodes:\ntranscript: x\nversion: 1\n', 'invalid').problems, 'has no name'), ['1:1 error']);
      assert.deepEqual(where(broken("version: 1\ntranscript: kaban.txt\n'': nilai\n", 'invalid').problems, 'has no name'), ['3:1 error']);
    });

    it('duplicate code ids: both places are reported', () => {
      const result = broken(withCode(...CODE, ...CODE.map((l) => l.replace('[16, 16]', '[20, 21]'))), 'invalid');
      assert.deepEqual(where(result.problems, 'is used more than once'), ['4:5 error', '11:5 error']);
      assert.match(result.problems[0]?.message ?? '', /also at line 11/u);
      assert.match(result.problems[1]?.message ?? '', /also at line 4/u);
      assert.equal(result.problems[0]?.codeId, 'k3x9a2mq');
    });

    it('bad lines', () => {
      const cases: [string, string, string][] = [
        ['[0, 1]', 'start at 1', '5:12 error'],
        ['[5, 3]', 'did you mean `lines: [3, 5]`', '5:12 error'],
        ['["a", 2]', 'must be a whole number', '5:13 error'],
        ['[1.5, 2]', 'must be a whole number', '5:13 error'],
        ['[1]', 'exactly two line numbers', '5:12 error'],
        ['[1, 2, 3]', 'exactly two line numbers', '5:12 error'],
        ['16', 'must be a list of two line numbers', '5:12 error'],
        ['', 'must be a list of two line numbers', '5:12 error'],
      ];
      for (const [value, fragment, expected] of cases) {
        const result = broken(withCode(...codeWith('lines', `    lines: ${value}`)), 'invalid');
        assert.deepEqual(where(result.problems, fragment), [expected], value);
      }
      assert.deepEqual(where(broken(withCode(...codeWith('lines', undefined)), 'invalid').problems, 'no `lines`'), ['4:5 error']);
    });

    it('missing or bad id, code and polarity', () => {
      assert.deepEqual(where(broken(withCode(...codeWith('id', '  - lines: [1, 1]').filter((l) => !l.includes('[16, 16]'))), 'invalid').problems, 'no `id`'), ['4:5 error']);
      for (const id of ['K3X9A2MQ', '-abc', 'a b', '"a/b"', 'x'.repeat(65)]) {
        const result = broken(withCode(...codeWith('id', `  - id: ${id}`)), 'invalid');
        assert.deepEqual(where(result.problems, 'is not valid'), ['4:9 error'], id);
      }
      assert.deepEqual(where(broken(withCode(...codeWith('code', undefined)), 'invalid').problems, 'no `code`'), ['4:5 error']);
      assert.deepEqual(where(broken(withCode(...codeWith('code', '    code:')), 'invalid').problems, 'an empty `code`'), ['6:10 error']);
      assert.deepEqual(where(broken(withCode(...codeWith('polarity', undefined)), 'invalid').problems, 'no `polarity`'), ['4:5 error']);
    });

    it('values of the wrong type', () => {
      const factorList = broken(withCode(...codeWith('factor', '    factor: [a, b]')), 'invalid');
      assert.deepEqual(where(factorList.problems, '`factor` must be text; found a list'), ['8:13 error']);
      const quoteMap = broken(withCode(...codeWith('quote', '    quote:\n      said: this')), 'invalid');
      assert.deepEqual(where(quoteMap.problems, '`quote` must be text; found a map'), ['10:7 error']);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: kaban.txt', 'codes: {a: 1}'), 'invalid').problems, '`codes` must be a list'), ['3:8 error']);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: kaban.txt', 'codes:', '  - just text'), 'invalid').problems, 'must be a map'), ['4:5 error']);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: kaban.txt', 'attributes: [a]'), 'invalid').problems, '`attributes` must be a map'), ['3:13 error']);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: kaban.txt', 'attributes:', '  agency: [a, b]'), 'invalid').problems, 'must be a single value'), ['4:11 error']);
    });

    it('transcript missing, empty or not text', () => {
      assert.deepEqual(where(broken(lines('version: 1', 'codes: []'), 'invalid').problems, 'no `transcript:`'), ['1:1 error']);
      assert.match(broken(lines('version: 1'), 'invalid').problems[0]?.message ?? '', /transcript: kaban\.txt/u);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript:'), 'invalid').problems, 'must be the transcript'), ['2:12 error']);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: [a.txt]'), 'invalid').problems, 'must be the transcript'), ['2:13 error']);
    });
  });

  describe('YAML syntax and hostile YAML', () => {
    it('tabs used for indentation', () => {
      const result = broken(lines('version: 1', 'transcript: kaban.txt', 'codes:', '\t- id: k3x9a2mq'), 'syntax');
      assert.deepEqual(where(result.problems, 'Tabs'), ['4:1 error']);
      assert.match(result.problems[0]?.message ?? '', /Indent with spaces/u);
    });

    it('keys of a code not lined up', () => {
      const result = broken(withCode('  - id: k3x9a2mq', '     lines: [16, 16]'), 'syntax');
      assert.ok(result.problems.length >= 1);
      assert.equal(result.problems[0]?.line, 4);
    });

    it('an unquoted ": " inside a value', () => {
      const result = broken(withCode(...codeWith('factor', '    factor: Catatan: anggaran kurang')), 'syntax');
      assert.deepEqual(where(result.problems, 'put the whole value in double quotes'), ['8:13 error']);
    });

    it('an unclosed quote, a duplicate key, a second document', () => {
      assert.equal(broken(withCode(...codeWith('quote', '    quote: "Masih kurang')), 'syntax').problems[0]?.line, 11);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: a', 'transcript: b'), 'syntax').problems, 'Keep one'), ['3:1 error']);
      assert.deepEqual(where(broken(lines('version: 1', 'transcript: a', '---', 'version: 1'), 'syntax').problems, 'one YAML document'), ['3:1 error']);
    });

    it('an alias bomb fails fast with a clear message', () => {
      const levels = 'bcdefghij'.split('');
      const bomb = lines(
        'version: 1',
        'transcript: kaban.txt',
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...levels.map((name, index) => `${name}: &${name} [${Array(9).fill(`*${index === 0 ? 'a' : levels[index - 1]}`).join(',')}]`),
      );
      const started = performance.now();
      const result = broken(bomb, 'invalid');
      assert.ok(performance.now() - started < 1000, 'took too long');
      assert.deepEqual(where(result.problems, 'alias bomb'), ['3:4 error']);
    });

    it('anchors and aliases are refused in codes and attributes, allowed in other keys', () => {
      const inCodes = broken(withCode(...CODE, '  - &c id: other', '    lines: [1, 1]').replace('coder: rina', 'coder: &who rina'), 'invalid');
      assert.deepEqual(where(inCodes.problems, 'not allowed in `codes`'), ['10:12 error']);
      const inAttributes = broken(lines('version: 1', 'transcript: kaban.txt', 'attributes:', '  agency: &x Bappeda', '  informant: *x'), 'invalid');
      assert.deepEqual(where(inAttributes.problems, 'not allowed in `attributes`'), ['4:11 error']);
      ok(lines('version: 1', 'transcript: kaban.txt', 'defaults: &d {coder: rina}', 'copy: *d'));
      const unknownAlias = broken(lines('version: 1', 'transcript: kaban.txt', 'copy: *nowhere'), 'invalid');
      assert.deepEqual(where(unknownAlias.problems, 'Write the value out'), ['3:7 error']);
    });

    it('custom tags are refused', () => {
      const js = broken(withCode(...codeWith('factor', '    factor: !!js/function "function () { return 1 }"')), 'invalid');
      assert.deepEqual(where(js.problems, 'YAML tag !!js/function is not allowed'), ['8:13 error']);
      const local = broken(lines('version: 1', 'transcript: kaban.txt', 'note: !foo bar'), 'invalid');
      assert.deepEqual(where(local.problems, 'YAML tag !foo is not allowed'), ['3:7 error']);
      assert.equal(ok(withCode(...codeWith('factor', '    factor: !!str 2022'))).data.codes[0]?.factor, '2022');
    });
  });
});

describe('newCodeId', () => {
  /** A deterministic stand-in for Math.random (a linear congruential generator). */
  const seeded = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it('makes 8 lowercase letters and digits, starting with a letter', () => {
    const random = seeded(7);
    for (let i = 0; i < 500; i++) assert.match(newCodeId(new Set(), random), /^[a-z][a-z0-9]{7}$/u);
  });

  it('never returns an id that is taken', () => {
    const first = newCodeId(new Set(), seeded(1));
    const second = newCodeId(new Set([first]), seeded(1));
    assert.notEqual(second, first);
    assert.match(second, /^[a-z][a-z0-9]{7}$/u);
  });

  it('uses the whole alphabet, even at the edges of the random range', () => {
    assert.equal(newCodeId(new Set(), () => 0), 'aaaaaaaa');
    assert.equal(newCodeId(new Set(), () => 0.999999), 'z9999999');
    assert.equal(newCodeId(new Set(), () => 1), 'z9999999');
  });

  it('gives up on a random source that repeats itself', () => {
    assert.throws(() => newCodeId(new Set(['aaaaaaaa']), () => 0), /no unused id/u);
  });
});
