/**
 * The transcript grammar (syntaxes/transcript.tmLanguage.json) run through vscode-textmate
 * and vscode-oniguruma, the engine VS Code itself uses, and the language configuration.
 *
 * The grammar restates the core's line heuristics (src/core/transcript/lines.ts) in
 * Oniguruma regexes. Beyond the fixed cases, the tests compare both on the example
 * transcripts and on generated lines: colouring prose as a speaker would tell the user
 * something the core does not believe.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IOnigLib, type IRawGrammar, type StateStack } from 'vscode-textmate';
import { decodeText } from '../../src/core/transcript/encoding';
import { parseLine, parseTranscript, type Span, type TranscriptLine } from '../../src/core/transcript/transcript';

const ROOT = join(__dirname, '../..');
const GRAMMAR_PATH = join(ROOT, 'syntaxes/transcript.tmLanguage.json');
const LANGUAGE_CONFIGURATION_PATH = join(ROOT, 'language-configuration.json');
const EXAMPLE_TRANSCRIPTS = join(ROOT, 'examples/transcripts');

const SPEAKER = 'entity.name.tag.speaker.transcript';
const TIMESTAMP = 'constant.numeric.timestamp.transcript';
const NOTE = 'comment.block.note.transcript';
const HEADING = 'markup.heading.transcript';
const BOLD = 'markup.bold.transcript';
const FRONT_MATTER_BEGIN = 'punctuation.definition.frontmatter.begin.transcript';
const FRONT_MATTER_END = 'punctuation.definition.frontmatter.end.transcript';
const FRONT_MATTER_CONTENT = 'meta.embedded.block.frontmatter.transcript';

/** A YAML grammar small enough to show whether front matter reaches `source.yaml`. */
const STUB_YAML: IRawGrammar = parseRawGrammar(
  JSON.stringify({ scopeName: 'source.yaml', patterns: [{ match: '^[a-z]+(?=:)', name: 'entity.name.tag.yaml' }] }),
  'stub-yaml.json',
);

let onigLib: Promise<IOnigLib> | undefined;

/** vscode-oniguruma can be initialised once per process, so every registry shares it. */
function loadOnigLib(): Promise<IOnigLib> {
  onigLib ??= (async () => {
    const wasmPath = createRequire(__filename).resolve('vscode-oniguruma/release/onig.wasm');
    await oniguruma.loadWASM(readFileSync(wasmPath));
    return {
      createOnigScanner: (sources: string[]) => oniguruma.createOnigScanner(sources),
      createOnigString: (text: string) => oniguruma.createOnigString(text),
    };
  })();
  return onigLib;
}

async function loadTranscriptGrammar(yaml: IRawGrammar | null): Promise<IGrammar> {
  const registry = new Registry({
    onigLib: loadOnigLib(),
    loadGrammar: (scopeName) => {
      if (scopeName === 'text.transcript') return Promise.resolve(parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH));
      if (scopeName === 'source.yaml') return Promise.resolve(yaml);
      return Promise.resolve(null);
    },
  });
  const grammar = await registry.loadGrammar('text.transcript');
  assert.ok(grammar !== null, 'the grammar loads');
  return grammar;
}

interface Token extends Span {
  scopes: string[];
}

/** Tokenizes lines as an editor does, each line starting in the state the previous one left. */
function tokenize(grammar: IGrammar, lines: readonly string[], initial: StateStack = INITIAL): Token[][] {
  let state = initial;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    assert.equal(result.stoppedEarly, false, `tokenizing stopped early on ${JSON.stringify(line)}`);
    state = result.ruleStack;
    const tokens = result.tokens.map((token) => ({
      start: token.startIndex,
      end: Math.min(token.endIndex, line.length),
      scopes: token.scopes,
    }));
    assert.equal(tokens[0]?.start, 0, `tokens start the line ${JSON.stringify(line)}`);
    assert.ok(tokens.every((token, i) => i === 0 || token.start === tokens[i - 1]?.end), `tokens are contiguous on ${JSON.stringify(line)}`);
    assert.equal(tokens[tokens.length - 1]?.end, line.length, `tokens cover the line ${JSON.stringify(line)}`);
    return tokens;
  });
}

/** The state after an ordinary first line, so that a line tokenized from it cannot open front matter. */
function stateAfterFirstLine(grammar: IGrammar): StateStack {
  return grammar.tokenizeLine('', INITIAL).ruleStack;
}

const hasScope = (token: Token, scope: string): boolean =>
  token.scopes.some((name) => name === scope || name.startsWith(`${scope}.`));

/** Adjacent spans joined: two notes side by side, `[a][b]`, read as one run on both sides of a comparison. */
function merged(spans: readonly Span[]): Span[] {
  const result: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = result[result.length - 1];
    if (last !== undefined && last.end === span.start) last.end = span.end;
    else if (span.end > span.start) result.push({ start: span.start, end: span.end });
  }
  return result;
}

const scopedSpans = (tokens: readonly Token[], scope: string): Span[] =>
  merged(tokens.filter((token) => hasScope(token, scope)));

const scopedTexts = (line: string, tokens: readonly Token[], scope: string): string[] =>
  scopedSpans(tokens, scope).map((span) => line.slice(span.start, span.end));

/** What the grammar colours on one line, in the core's terms. */
function grammarView(tokens: readonly Token[]): { speaker: Span[]; timestamp: Span[]; notes: Span[] } {
  return { speaker: scopedSpans(tokens, SPEAKER), timestamp: scopedSpans(tokens, TIMESTAMP), notes: scopedSpans(tokens, NOTE) };
}

function coreView(line: TranscriptLine): { speaker: Span[]; timestamp: Span[]; notes: Span[] } {
  return {
    speaker: merged(line.speaker === undefined ? [] : [line.speaker.span]),
    timestamp: merged(line.timestamp === undefined ? [] : [line.timestamp.span]),
    notes: merged(line.notes.map((note) => note.span)),
  };
}

describe('transcript grammar', () => {
  let grammar: IGrammar;
  let midFile: StateStack;

  before(async () => {
    grammar = await loadTranscriptGrammar(null);
    midFile = stateAfterFirstLine(grammar);
  });

  /** One line, not the first of its file. */
  function tokenizeOne(line: string): Token[] {
    const [tokens] = tokenize(grammar, [line], midFile);
    assert.ok(tokens !== undefined);
    return tokens;
  }

  const textsOf = (line: string, scope: string): string[] => scopedTexts(line, tokenizeOne(line), scope);

  describe('speaker labels', () => {
    const labels: Array<[string, string]> = [
      ['Pewawancara: Selamat pagi, Pak.', 'Pewawancara:'],
      ['P: Ya.', 'P:'],
      ['Informan 1: Kami kekurangan pegawai.', 'Informan 1:'],
      ['Kepala Dinas Komunikasi dan Informatika: Betul.', 'Kepala Dinas Komunikasi dan Informatika:'],
      ['Bapak H. Ahmad: Sudah ada SOP.', 'Bapak H. Ahmad:'],
      ['Informan 2 (Kabid): Iya.', 'Informan 2 (Kabid):'],
      ['  Pewawancara  :   indented', 'Pewawancara  :'],
      ['Staf Operator:', 'Staf Operator:'],
      ['**Kabid Mutasi:** Bidang kami mengelola data.', '**Kabid Mutasi:**'],
      ['**Informan 1**: Baik, Pak.', '**Informan 1**:'],
    ];
    for (const [line, label] of labels) {
      it(`colours ${JSON.stringify(label)} in ${JSON.stringify(line)} and nothing after it`, () => {
        assert.deepEqual(textsOf(line, SPEAKER), [label]);
      });
    }

    it('keeps a bold label bold and marks its asterisks and colon', () => {
      const line = '**Kabid Mutasi:** Bidang kami.';
      const tokens = tokenizeOne(line);
      assert.deepEqual(scopedTexts(line, tokens, BOLD), ['**Kabid Mutasi:**']);
      assert.deepEqual(scopedTexts(line, tokens, 'punctuation.definition.bold'), ['**', '**']);
      assert.deepEqual(scopedTexts(line, tokens, 'punctuation.separator.speaker.transcript'), [':']);
    });

    it('does not make a plain label bold', () => {
      assert.deepEqual(textsOf('Pewawancara: Halo.', BOLD), []);
    });
  });

  describe('timestamps', () => {
    const cases: Array<[string, string, string]> = [
      ['[00:12:34] Pewawancara: Selamat pagi.', '[00:12:34]', 'Pewawancara:'],
      ['00:12:34 Pewawancara: Selamat pagi.', '00:12:34', 'Pewawancara:'],
      ['(00:12:34) P: Ya.', '(00:12:34)', 'P:'],
      ['[12:34] P: Ya.', '[12:34]', 'P:'],
      ['[1:02:03.5] P: Ya.', '[1:02:03.5]', 'P:'],
      ['00:12:34 - P: Ya.', '00:12:34', 'P:'],
      ['Pewawancara: [00:12:34] Selamat pagi.', '[00:12:34]', 'Pewawancara:'],
      ['**Kabid Mutasi:** (00:01:02) Bidang kami.', '(00:01:02)', '**Kabid Mutasi:**'],
    ];
    for (const [line, timestamp, label] of cases) {
      it(`colours ${JSON.stringify(timestamp)} and ${JSON.stringify(label)} in ${JSON.stringify(line)}`, () => {
        const tokens = tokenizeOne(line);
        assert.deepEqual(scopedTexts(line, tokens, TIMESTAMP), [timestamp]);
        assert.deepEqual(scopedTexts(line, tokens, SPEAKER), [label]);
      });
    }

    it('colours a leading timestamp on a line without a speaker', () => {
      const line = '[00:00:05] Pewawancara tiba di lokasi.';
      assert.deepEqual(textsOf(line, TIMESTAMP), ['[00:00:05]']);
      assert.deepEqual(textsOf(line, SPEAKER), []);
    });

    it('takes only the first of a timestamp before and one after the label, as the core does', () => {
      assert.deepEqual(textsOf('[00:01:00] P: [00:01:05] Ya.', TIMESTAMP), ['[00:01:00]']);
    });

    it('marks the brackets of a timestamp', () => {
      const line = '[00:12:34] P: Ya.';
      const tokens = tokenizeOne(line);
      assert.deepEqual(scopedTexts(line, tokens, 'punctuation.definition.timestamp.begin'), ['[']);
      assert.deepEqual(scopedTexts(line, tokens, 'punctuation.definition.timestamp.end'), [']']);
    });
  });

  describe('notes', () => {
    it('colours bracketed notes anywhere on the line', () => {
      const line = '[00:05:15] Kepala Badan: Padahal sudah diatur. [tertawa] Tapi ya, [inaudible]';
      assert.deepEqual(textsOf(line, NOTE), ['[tertawa]', '[inaudible]']);
    });

    it('colours a note that opens the line', () => {
      assert.deepEqual(textsOf('[jeda 3 detik] Pewawancara: Lanjut.', NOTE), ['[jeda 3 detik]']);
    });

    it('skips Markdown links, footnotes, blank brackets and mid-line times', () => {
      const line = 'Lihat [Perbup](http://x) dan [^1], [ ], [00:12:34] atau [ 12:34 ] lalu [batuk]';
      assert.deepEqual(textsOf(line, NOTE), ['[batuk]']);
    });

    it('takes the inner bracket when a note opens inside another', () => {
      assert.deepEqual(textsOf('Ya [luar [dalam] sisa] oke', NOTE), ['[dalam]']);
    });
  });

  describe('headings', () => {
    it('colours a Markdown heading and no speaker in it, even with a colon', () => {
      const line = '# Wawancara: Kepala Bidang Mutasi';
      const tokens = tokenizeOne(line);
      assert.deepEqual(scopedTexts(line, tokens, HEADING), [line]);
      assert.deepEqual(scopedTexts(line, tokens, SPEAKER), []);
      assert.deepEqual(scopedTexts(line, tokens, 'punctuation.definition.heading'), ['#']);
    });

    it('colours notes inside a heading', () => {
      assert.deepEqual(textsOf('## Bagian 2 [rekaman terputus]', NOTE), ['[rekaman terputus]']);
    });

    it('needs a space after one to six hashes', () => {
      assert.deepEqual(textsOf('#SIMPEG: tagar', HEADING), []);
      assert.deepEqual(textsOf('####### Terlalu dalam', HEADING), []);
    });
  });

  describe('front matter', () => {
    const file = ['---', 'agency: BKPSDM Kabupaten Hulu', 'Informan: Kepala Badan', '---', 'Pewawancara: Selamat pagi.'];

    it('marks the opening and closing lines and nothing in between as a speaker', () => {
      const lines = tokenize(grammar, file);
      const at = (index: number): Token[] => lines[index] ?? [];
      assert.deepEqual(scopedTexts(file[0] ?? '', at(0), FRONT_MATTER_BEGIN), ['---']);
      assert.deepEqual(scopedTexts(file[3] ?? '', at(3), FRONT_MATTER_END), ['---']);
      assert.deepEqual(scopedTexts(file[2] ?? '', at(2), FRONT_MATTER_CONTENT), ['Informan: Kepala Badan']);
      assert.deepEqual(scopedTexts(file[2] ?? '', at(2), SPEAKER), [], 'a YAML key is not a speaker');
      assert.deepEqual(scopedTexts(file[4] ?? '', at(4), SPEAKER), ['Pewawancara:'], 'turns resume after the closing line');
    });

    it("closes on '...' as well", () => {
      const lines = ['---', 'date: 2023-03-14', '...', 'P: Ya.'];
      const tokens = tokenize(grammar, lines);
      assert.deepEqual(scopedTexts('...', tokens[2] ?? [], FRONT_MATTER_END), ['...']);
      assert.deepEqual(scopedTexts('P: Ya.', tokens[3] ?? [], SPEAKER), ['P:']);
    });

    it("opens only on the first line: a later '---' is text", () => {
      const lines = ['Wawancara', '---', 'P: Ya.'];
      const tokens = tokenize(grammar, lines);
      assert.deepEqual(scopedTexts('---', tokens[1] ?? [], FRONT_MATTER_BEGIN), []);
      assert.deepEqual(scopedTexts('P: Ya.', tokens[2] ?? [], SPEAKER), ['P:']);
    });

    it('hands the inside to the YAML grammar when there is one', async () => {
      const withYaml = await loadTranscriptGrammar(STUB_YAML);
      const tokens = tokenize(withYaml, file);
      assert.deepEqual(scopedTexts(file[1] ?? '', tokens[1] ?? [], 'entity.name.tag.yaml'), ['agency']);
      assert.deepEqual(scopedTexts(file[4] ?? '', tokens[4] ?? [], 'entity.name.tag.yaml'), [], 'YAML ends with the front matter');
    });
  });

  describe('prose is not a turn', () => {
    const prose = [
      'Dengan demikian dapat disimpulkan bahwa: anggaran kurang.',
      'http://x',
      'Lihat http://x.go.id: portal resmi.',
      '10:30 pagi rapat dimulai.',
      '10:30: rapat dimulai.',
      'Pukul 10.30: rapat dimulai.',
      'Tanggal: 7 Januari 2022',
      '**Catatan:** direkam di ruang rapat.',
      'Jadi: anggarannya kurang.',
      'pewawancara: huruf kecil',
      'P:tanpa spasi',
      'Kepala Bidang Mutasi Promosi Daerah Hulu: enam kata',
      'Aaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddddddddd: lebih dari empat puluh huruf',
      '**Informan 1: tidak ditutup',
      '- P: butir daftar',
    ];
    for (const line of prose) {
      it(`colours no speaker and no timestamp in ${JSON.stringify(line)}`, () => {
        const tokens = tokenizeOne(line);
        assert.deepEqual(scopedTexts(line, tokens, SPEAKER), []);
        assert.deepEqual(scopedTexts(line, tokens, TIMESTAMP), []);
      });
    }
  });

  describe('agreement with the core', () => {
    /** Five words, 40 characters: the longest name the core accepts. */
    const name40 = `Informan${' Xxxxxxx'.repeat(4)}`;
    const name41 = `${name40}x`;
    /** Lines near the edges of the heuristics, where a regex restatement most easily drifts. */
    const edges = [
      `${name40}: empat puluh huruf`,
      `${name41}: empat puluh satu huruf`,
      `**${name40}:** empat puluh`,
      `**${name41}:** empat puluh satu`,
      `**${name40}**: empat puluh`,
      `**${name41}**: empat puluh satu`,
      `** ${name40}**: empat puluh satu, spasi di depan`,
      `**${name40} **: empat puluh satu, spasi di belakang`,
      `**${name40.replace(' ', '  ')}**: empat puluh satu, spasi ganda`,
      `** ${name40} **: empat puluh dua`,
      `${name40} Xxx: enam kata`,
      'Jadi Begini: dua kata besar',
      'Hari, tanggal: Senin',
      'Hari,tanggal: Senin',
      'Ahmad bin Umar: Ya.',
      'Ahmad bin: Ya.',
      "O'Brien & Partners/Tim: Ya.",
      'Émile Zoé: Oui.',
      '2: angka saja',
      'Informan 2: Ya.',
      '**  Informan 1  :** spasi di dalam',
      '[00:12:34]P: tanpa spasi',
      '00:12:34- P: tanda pisah menempel',
      '00:12:34 | P: garis tegak',
      '00:12:345 P: terlalu banyak angka',
      '00:12:34.5678 P: pecahan terlalu panjang',
      '[00:12:34.567] P: pecahan tiga angka',
      '(12:34,5) P: koma',
      'P:\u00a0spasi tak putus',
      'P:\u0085bukan spasi bagi inti',
      'P:\ufeffBOM di tengah',
      '\ufeffP: BOM di awal',
      'Pewawancara [tertawa]: bukan label',
      '[tertawa][batuk] dua catatan',
      '𝐀𝐡𝐦𝐚𝐝: huruf di luar BMP',
      '*P:* miring',
      '****: kosong',
    ];
    for (const line of edges) {
      it(`colours what the core reads in ${JSON.stringify(line)}`, () => {
        assert.deepEqual(grammarView(tokenizeOne(line)), coreView(parseLine(line, 2)));
      });
    }

    it('colours what the core reads on generated lines', () => {
      const fragments = [
        'P', 'I', 'Pewawancara', 'Informan', 'Kepala', 'Bidang', 'Kabid', 'dan', 'bin', 'bahwa', 'begini', 'Jadi', 'tanggal',
        'Tanggal', 'Hari,', 'H.', '(Kabid)', "O'Brien", 'É', 'ǅ', '𝐀', '1', '2', '10.30', '00:12:34', '12:34', '1:02:03.5',
        ',5', ':', ': ', '**', '*', '[', ']', '(', ')', '^', '#', '# ', '-', ' - ', '|', '–', 'http://x', 'tertawa',
        ' ', ' ', '  ', '\t', '\u00a0', '\u0085', '\ufeff', '\u3000',
      ];
      const lines = fc.array(fc.constantFrom(...fragments), { maxLength: 14 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(lines, (line) => {
          assert.deepEqual(grammarView(tokenizeOne(line)), coreView(parseLine(line, 2)), JSON.stringify(line));
        }),
        { numRuns: 3000 },
      );
    });

    it('colours what the core reads, line by line, in every example transcript', () => {
      const files = transcriptFiles(EXAMPLE_TRANSCRIPTS);
      assert.ok(files.length >= 5, `found the example transcripts (${files.length})`);
      for (const file of files) {
        const decoded = decodeText(readFileSync(file));
        assert.ok(decoded.ok, `${file} decodes`);
        const { transcript } = parseTranscript(decoded.text, relative(ROOT, file));
        const lines = transcript.lines.map((line) => line.text);
        const tokens = tokenize(grammar, lines);
        transcript.lines.forEach((line, index) => {
          const where = `${relative(ROOT, file)}:${line.number}`;
          assert.deepEqual(grammarView(tokens[index] ?? []), coreView(line), where);
        });
      }
    });
  });
});

describe('transcript language configuration', () => {
  const configuration = JSON.parse(readFileSync(LANGUAGE_CONFIGURATION_PATH, 'utf8')) as {
    comments?: unknown;
    brackets: string[][];
    autoClosingPairs: Array<{ open: string; close: string }>;
    wordPattern: { pattern: string; flags: string };
  };

  it('pairs square and round brackets and closes them and double quotes', () => {
    assert.deepEqual(configuration.brackets, [['[', ']'], ['(', ')']]);
    assert.deepEqual(
      configuration.autoClosingPairs.map((pair) => pair.open + pair.close),
      ['[]', '()', '""'],
    );
  });

  it('declares no comment tokens: transcripts have none', () => {
    assert.equal(configuration.comments, undefined);
  });

  it('reads Indonesian words whole: reduplication, clitics, accents, numbers and times', () => {
    // VS Code adds the g flag to a word pattern and keeps u.
    const words = new RegExp(configuration.wordPattern.pattern, `${configuration.wordPattern.flags}g`);
    const text = "Sama-sama, masing-masing pegawai. Kinerja-nya naik; Rp1.500.000 pada 00:12:34 di Bandung's kafé, 08.40 WITA.";
    assert.deepEqual(text.match(words), [
      'Sama-sama', 'masing-masing', 'pegawai', 'Kinerja-nya', 'naik', 'Rp1.500.000', 'pada', '00:12:34', 'di',
      "Bandung's", 'kafé', '08.40', 'WITA',
    ]);
  });
});

/** Transcript files under a folder: everything but sidecars and other YAML. */
function transcriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:txt|md|transcript)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
