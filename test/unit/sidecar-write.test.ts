import { strict as assert } from 'node:assert';
import { emptySidecar, parseSidecar, serializeSidecar, sidecarChanged, sidecarDataEqual, type SidecarParse } from '../../src/core/sidecar';
import type { CodeEntry, SidecarData } from '../../src/core/sidecar/model';
import { rewriteKeepingLayout } from '../../src/core/sidecar/write';
import { DESIGN_EXAMPLE, DESIGN_EXAMPLE_FILE, HAND_WRITTEN, lines, LONG_FACTOR, UNORDERED } from './sidecar-fixtures';

type Ok = Extract<SidecarParse, { status: 'ok' }>;

function ok(text: string, file = DESIGN_EXAMPLE_FILE): Ok {
  const parsed = parseSidecar(text, file);
  assert.equal(parsed.status, 'ok', JSON.stringify(parsed.problems, null, 1) + '\n' + text);
  return parsed as Ok;
}

/**
 * Writes `data` over `previous` and checks what every write must give: the layout path
 * did the work (no fallback), the text reads back as `data`, and writing again changes
 * nothing.
 */
function write(data: SidecarData, previous: Ok): string {
  const text = serializeSidecar(data, previous);
  assert.equal(rewriteKeepingLayout(data, previous.source.text).join('\n') + '\n', text.replace(/\r\n/gu, '\n'));
  const reread = ok(text, `x/${data.transcript}.codes.yaml`);
  assert.ok(sidecarDataEqual(reread.data, data), `reads back differently:\n${text}`);
  assert.equal(serializeSidecar(reread.data, reread), text, 'a second write changed the file');
  return text;
}

const clone = (data: SidecarData): SidecarData => structuredClone(data);

const code = (id: string, first: number, last: number, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  id,
  lines: [first, last],
  code: 'jones/organization/coordination',
  polarity: 'supporting',
  factor: 'Rapat koordinasi rutin',
  quote: 'Kami rapat setiap bulan',
  coder: 'rina',
  ...extra,
});

describe('serializeSidecar', () => {
  describe('the canonical form', () => {
    it('writes the DESIGN example data in the documented layout', () => {
      const data = ok(DESIGN_EXAMPLE).data;
      assert.equal(
        serializeSidecar(data),
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes:',
          '  agency: BKPSDMD Kabupaten Hulu Sungai Tengah',
          '  informant: Kepala Badan',
          '  date: 2022-01-07',
          '  source: interview',
          'codes:',
          '  - id: k3x9a2mq',
          '    lines: [16, 16]',
          '    code: jones/organization/apparatus-resources',
          '    polarity: inhibiting',
          '    factor: Tenaga ahli TI masih kurang',
          '    quote: "Masih kurangnya pegawai yang memiliki basis keilmuan dan skill"',
          '    memo: optional free text',
          '    coder: rina',
        ),
      );
    });

    it('orders keys, attributes and codes; omits an absent memo; quotes only where YAML needs it', () => {
      const data: SidecarData = {
        version: 1,
        transcript: 'sekda.txt',
        attributes: { zone: 'north', source: 'document', count: '12', agency: 'Setda', flag: 'yes', note: 'a: b', empty: '' },
        codes: [
          code('b0000002', 7, 9, { quote: '[inaudible] "ya" - betul', factor: 'true', coder: '- adi' }),
          code('a0000001', 7, 8, { memo: 'Line one\nLine two\n' }),
          code('c0000003', 2, 40, { polarity: 'inhibiting', memo: 'ends with a space ' }),
        ],
      };
      assert.equal(
        serializeSidecar(data),
        lines(
          'version: 1',
          'transcript: sekda.txt',
          'attributes:',
          '  agency: Setda',
          '  source: document',
          '  zone: north',
          '  count: 12',
          '  flag: yes',
          '  note: "a: b"',
          '  empty:',
          'codes:',
          '  - id: c0000003',
          '    lines: [2, 40]',
          '    code: jones/organization/coordination',
          '    polarity: inhibiting',
          '    factor: Rapat koordinasi rutin',
          '    quote: "Kami rapat setiap bulan"',
          '    memo: "ends with a space "',
          '    coder: rina',
          '  - id: a0000001',
          '    lines: [7, 8]',
          '    code: jones/organization/coordination',
          '    polarity: supporting',
          '    factor: Rapat koordinasi rutin',
          '    quote: "Kami rapat setiap bulan"',
          '    memo: |',
          '      Line one',
          '      Line two',
          '    coder: rina',
          '  - id: b0000002',
          '    lines: [7, 9]',
          '    code: jones/organization/coordination',
          '    polarity: supporting',
          '    factor: "true"',
          '    quote: "[inaudible] \\"ya\\" - betul"',
          '    coder: "- adi"',
        ),
      );
      assert.deepEqual(ok(serializeSidecar(data), 'sekda.txt.codes.yaml').data.attributes, data.attributes);
    });

    it('writes an empty sidecar', () => {
      const data = emptySidecar('kaban.txt', { agency: 'Bappeda' });
      assert.deepEqual(data, { version: 1, transcript: 'kaban.txt', attributes: { agency: 'Bappeda' }, codes: [] });
      assert.equal(serializeSidecar(data), lines('version: 1', 'transcript: kaban.txt', 'attributes:', '  agency: Bappeda', 'codes: []'));
      assert.equal(serializeSidecar(emptySidecar('a.txt')), lines('version: 1', 'transcript: a.txt', 'attributes: {}', 'codes: []'));
    });

    it('never folds a long line', () => {
      const data: SidecarData = { ...emptySidecar('kaban.txt'), codes: [code('a0000001', 1, 1, { factor: LONG_FACTOR, quote: LONG_FACTOR.slice(0, 80) })] };
      const text = serializeSidecar(data);
      assert.ok(text.includes(`    factor: ${LONG_FACTOR}\n`));
      assert.equal(text.split('\n').length, 12, 'one line per key, and the final line break');
    });

    it('refuses data that would make a broken file', () => {
      const base = emptySidecar('kaban.txt');
      assert.throws(() => serializeSidecar({ ...base, codes: [code('a0000001', 1, 1), code('a0000001', 2, 2)] }), /used twice/u);
      assert.throws(() => serializeSidecar({ ...base, codes: [code('A!', 1, 1)] }), /not valid/u);
      assert.throws(() => serializeSidecar({ ...base, codes: [code('a0000001', 3, 2)] }), /invalid lines/u);
      assert.throws(() => serializeSidecar({ ...base, codes: [code('a0000001', 0, 2)] }), /invalid lines/u);
      assert.throws(() => serializeSidecar({ ...base, codes: [code('a0000001', 1, 2, { polarity: '' })] }), /polarity/u);
      assert.throws(() => serializeSidecar({ ...base, transcript: '' }), /transcript/u);
    });
  });

  describe('reading then writing unchanged data', () => {
    it('gives the DESIGN example back byte for byte, aligned comments included', () => {
      const parsed = ok(DESIGN_EXAMPLE);
      assert.equal(write(parsed.data, parsed), DESIGN_EXAMPLE);
    });

    it('gives a hand-written canonical sidecar with comments everywhere back byte for byte', () => {
      const parsed = ok(HAND_WRITTEN, 'kadis-kominfo.txt.codes.yaml');
      assert.equal(write(parsed.data, parsed), HAND_WRITTEN);
    });

    it('gives its own canonical output back byte for byte', () => {
      const canonical = serializeSidecar(ok(HAND_WRITTEN).data);
      const parsed = ok(canonical);
      assert.equal(write(parsed.data, parsed), canonical);
    });

    it('puts keys, attributes and codes of a hand-ordered file in order, comments moving with their code', () => {
      const parsed = ok(UNORDERED);
      assert.equal(
        write(parsed.data, parsed),
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes:',
          '  agency: Bappeda',
          '  date: 2022-03-01',
          '  source: interview',
          'codes:',
          '# the earlier code',
          '- id: aa000001',
          '  lines: [2, 2]',
          '  code: jones/organization/coordination',
          '  polarity: supporting',
          '  factor: Regular meetings',
          '  quote: Kami rapat tiap bulan',
          '  coder: adi',
          '# the later code',
          '- id: zz000001',
          '  lines: [30, 31]',
          '  code: jones/application/budget-priority',
          '  polarity: inhibiting',
          '  factor: Budget cut',
          "  quote: 'Anggaran dipotong'",
          '  coder: rina',
          '  extra: {keep: me}',
        ),
      );
    });

    it('adds a missing factor, quote or coder as empty', () => {
      const parsed = ok(lines('version: 1', 'transcript: kaban.txt', 'codes:', '  - id: a1', '    lines: [1, 1]', '    code: a/b', '    polarity: effort'));
      assert.equal(
        write(parsed.data, parsed),
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes: {}',
          'codes:',
          '  - id: a1',
          '    lines: [1, 1]',
          '    code: a/b',
          '    polarity: effort',
          '    factor: ""',
          '    quote: ""',
          '    coder: ""',
        ),
      );
    });

    it('leaves a file without attributes, or with empty ones, as it is apart from adding what is missing', () => {
      const bare = ok(lines('version: 1', 'transcript: kaban.txt'));
      assert.equal(write(bare.data, bare), lines('version: 1', 'transcript: kaban.txt', 'attributes: {}', 'codes: []'));
      const empty = ok(lines('version: 1', 'transcript: kaban.txt', 'attributes:   # none yet', 'codes:'));
      assert.equal(write(empty.data, empty), lines('version: 1', 'transcript: kaban.txt', 'attributes:   # none yet', 'codes:'));
    });
  });

  describe('writing changes', () => {
    it('changes a value in place, keeping the aligned comment at its column', () => {
      const parsed = ok(DESIGN_EXAMPLE);
      const data = clone(parsed.data);
      data.attributes.source = 'focus-group';
      data.codes[0]!.lines = [16, 120];
      const text = write(data, parsed);
      assert.equal(
        text,
        DESIGN_EXAMPLE.replace('  source: interview         #', '  source: focus-group       #').replace(
          '    lines: [16, 16]         #',
          '    lines: [16, 120]        #',
        ),
      );
    });

    it('keeps the comments and unknown keys of every code while codes are added, changed and removed', () => {
      const parsed = ok(HAND_WRITTEN, 'kadis-kominfo.txt.codes.yaml');
      const data = clone(parsed.data);
      const [first, second] = data.codes;
      first!.memo = undefined;
      delete first!.memo;
      second!.polarity = 'supporting';
      second!.memo = 'Adi: this is an effort.\nRina: agreed.';
      second!.lines = [1, 2];
      data.codes = data.codes.filter((c) => c.id !== 'i9j0k1l2');
      data.codes.push(code('m3n4o5p6', 25, 26, { quote: '- iya, betul: begitu' }));
      data.attributes.duration = '50';
      data.attributes.location = 'Barabai';
      const text = write(data, parsed);
      assert.equal(
        text,
        lines(
          '# Kode untuk wawancara Kepala Dinas Kominfo.',
          '# Double-coded by rina and adi (see agreement.md).',
          '',
          'version: 1',
          'transcript: kadis-kominfo.txt',
          '# The case',
          'attributes:',
          '  agency: Dinas Komunikasi dan Informatika Kabupaten Hulu Sungai Tengah',
          '  informant: Kepala Dinas',
          '  date: 2022-01-07   # the second visit',
          '  source: interview',
          '  interviewer: Rina Ayu Lestari',
          '  duration: 50',
          '  location: Barabai',
          'codes:',
          '',
          '  # Coordination; adi disagrees, see memo.',
          '  - id: e5f6g7h8',
          '    lines: [1, 2]',
          '    code: jones/organization/coordination',
          '    # Was "supporting" before the supervisor meeting.',
          '    polarity: supporting',
          '    factor: Rapat koordinasi lintas OPD tiap bulan',
          '    quote: "Kami adakan rapat koordinasi: setiap bulan, bersama Diskominfo dan Bappeda"',
          '    memo: |-',
          '      Adi: this is an effort.',
          '      Rina: agreed.',
          '    coder: adi',
          '    tags: [follow-up, triangulate]',
          '    history:',
          '      - {at: 2022-02-01, by: adi}',
          '  # Organisation first.',
          '  - id: a1b2c3d4',
          '    lines: [3, 4]',
          '    code: jones/organization/apparatus-resources',
          '    polarity: inhibiting',
          `    factor: ${LONG_FACTOR}`,
          '    quote: "Pegawai yang paham TI masih sedikit — kami sering minta bantuan vendor 😅"',
          '    coder: rina',
          '    reviewed: true        # a key Transcript Coder does not know',
          '  - id: m3n4o5p6',
          '    lines: [25, 26]',
          '    code: jones/organization/coordination',
          '    polarity: supporting',
          '    factor: Rapat koordinasi rutin',
          '    quote: "- iya, betul: begitu"',
          '    coder: rina',
          '',
          '# Study bookkeeping the extension does not read:',
          'review:',
          '  status: in-progress',
          '  by: Dr. Siti Nurhaliza',
          '# The end.',
        ),
      );
    });

    it('adds codes in the indentation style of the file', () => {
      const parsed = ok(UNORDERED);
      const data = clone(parsed.data);
      data.codes.push(code('mm000001', 10, 12));
      const text = write(data, parsed);
      assert.ok(text.includes(lines('  coder: adi', '- id: mm000001', '  lines: [10, 12]')), text);
    });

    it('turns a flow-style list or map into blocks when it changes, and writes [] and {} when emptied; comments keep their column', () => {
      const flow = ok(lines('version: 1', 'transcript: kaban.txt', 'attributes: {agency: Bappeda}  # the case', 'codes: []  # none yet'));
      const data = clone(flow.data);
      data.codes.push(code('a0000001', 3, 3));
      data.attributes.informant = 'Sekretaris';
      const filled = write(data, flow);
      assert.equal(
        filled,
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes:                    # the case',
          '  agency: Bappeda',
          '  informant: Sekretaris',
          'codes:     # none yet',
          '  - id: a0000001',
          '    lines: [3, 3]',
          '    code: jones/organization/coordination',
          '    polarity: supporting',
          '    factor: Rapat koordinasi rutin',
          '    quote: "Kami rapat setiap bulan"',
          '    coder: rina',
        ),
      );
      const emptied = write(emptySidecar('kaban.txt'), ok(filled));
      assert.equal(emptied, lines('version: 1', 'transcript: kaban.txt', 'attributes: {}                 # the case', 'codes: []  # none yet'));
    });

    it('rewrites a code written in flow style, keeping its unknown keys and the comment after it', () => {
      const parsed = ok(
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'codes:',
          '  - {id: a1, lines: [1, 1], code: a/b, polarity: effort, factor: f, quote: q, coder: c, seen: 2}',
          '      # checked with the supervisor',
        ),
      );
      const data = clone(parsed.data);
      data.codes[0]!.factor = 'g';
      data.codes[0]!.coder = 'line one\nline two';
      assert.equal(
        write(data, parsed),
        lines(
          'version: 1',
          'transcript: kaban.txt',
          'attributes: {}',
          'codes:',
          '  - id: a1',
          '    lines: [1, 1]',
          '    code: a/b',
          '    polarity: effort',
          '    factor: g',
          '    quote: "q"',
          '    coder: |-',
          '      line one',
          '      line two',
          '    seen: 2',
          '    # checked with the supervisor',
        ),
      );
    });

    it('keeps an unchanged date unquoted, as written, and writes a changed one plain', () => {
      const parsed = ok(DESIGN_EXAMPLE);
      const data = clone(parsed.data);
      data.attributes.date = '2022-01-08';
      assert.ok(write(data, parsed).includes('\n  date: 2022-01-08\n'));
    });

    it('moves a comment that a new literal block would swallow out to the key', () => {
      const parsed = ok(lines('version: 1', 'transcript: kaban.txt', 'codes:', '  - id: a1', '    lines: [1, 1]', '    code: a/b', '    polarity: effort', '    factor: f', '    quote: q', '    memo: short', '      # about the memo', '    coder: c'));
      const data = clone(parsed.data);
      data.codes[0]!.memo = 'two\nlines';
      assert.ok(write(data, parsed).includes(lines('    memo: |-', '      two', '      lines', '    # about the memo', '    coder: c')));
    });

    it('keeps CRLF line endings; drops a BOM', () => {
      const crlf = '\ufeff' + DESIGN_EXAMPLE.replace(/\n/gu, '\r\n');
      const parsed = ok(crlf);
      const data = clone(parsed.data);
      data.codes[0]!.factor = 'Kurang tenaga TI';
      const text = write(data, parsed);
      assert.equal(text, DESIGN_EXAMPLE.replace('Tenaga ahli TI masih kurang', 'Kurang tenaga TI').replace(/\n/gu, '\r\n'));
      assert.equal(write(parsed.data, parsed), DESIGN_EXAMPLE.replace(/\n/gu, '\r\n'));
    });

    it('keeps the document markers and comments after the end', () => {
      const text = lines('%YAML 1.2', '---', 'version: 1', 'transcript: kaban.txt', 'attributes: {}', 'codes: []', '...', '# after the end');
      const parsed = ok(text);
      assert.equal(write(parsed.data, parsed), text);
      const data = clone(parsed.data);
      data.codes.push(code('a0000001', 1, 1));
      assert.ok(write(data, parsed).endsWith(lines('    coder: rina', '...', '# after the end')));
    });
  });

  it('sidecarChanged compares the texts', () => {
    assert.equal(sidecarChanged(DESIGN_EXAMPLE, DESIGN_EXAMPLE), false);
    assert.equal(sidecarChanged(DESIGN_EXAMPLE, DESIGN_EXAMPLE + '\n'), true);
  });

  it('sidecarDataEqual ignores the order of codes and attributes only', () => {
    const data = ok(HAND_WRITTEN).data;
    const reordered = { ...clone(data), codes: [...clone(data).codes].reverse() };
    assert.ok(sidecarDataEqual(data, reordered));
    const changed = clone(data);
    changed.codes[1]!.memo = '';
    assert.ok(!sidecarDataEqual(data, changed));
  });
});
