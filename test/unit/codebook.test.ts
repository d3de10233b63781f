import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  allCodePaths,
  DEFAULT_POLARITIES,
  isValidId,
  parseCodebook,
  resolveCodePath,
  type Codebook,
} from '../../src/core/codebook/codebook';
import type { Problem } from '../../src/core/problems/problem';

const FILE = 'study/codebook.yaml';
const yaml = (...lines: string[]): string => lines.join('\n') + '\n';
const read = (text: string) => parseCodebook(text, FILE);

/** The one problem whose message contains `fragment`, checked for position and severity. */
function expectProblem(
  problems: Problem[],
  fragment: string,
  expected: { line: number; column: number; severity: 'error' | 'warning' },
): Problem {
  const matching = problems.filter((p) => p.message.includes(fragment));
  assert.equal(matching.length, 1, `expected one problem with "${fragment}", got:\n${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`);
  const found = matching[0]!;
  assert.deepEqual(
    { file: found.file, line: found.line, column: found.column, severity: found.severity },
    { file: FILE, ...expected },
    found.message,
  );
  return found;
}

const errorsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

/** A small valid codebook; tests replace or add lines to make the mess they need. */
const VALID = [
  'version: 1',
  'frameworks:',
  '  - id: jones',
  '    label: {en: Charles O. Jones, id: Charles O. Jones}',
  '    dimensions:',
  '      - id: organization',
  '        label: {en: Organization, id: Organisasi}',
  '        color: "#4e79a7"',
  '        indicators:',
  '          - id: coordination',
  '            label: {en: Coordination between parties, id: Koordinasi antar pihak}',
  '      - id: interpretation',
  '        label: {en: Interpretation, id: Interpretasi}',
  '        color: "#F28"',
];

/** VALID with lines (by 1-based number) replaced, and `extra` lines after it. */
function validWith(replacements: Record<number, string | string[]>, ...extra: string[]): string {
  return yaml(...VALID.flatMap((line, index) => replacements[index + 1] ?? [line]), ...extra);
}

describe('parseCodebook: a valid file', () => {
  it('reads frameworks, dimensions and indicators, with the default polarities', () => {
    const { codebook, problems } = read(yaml(...VALID));
    assert.deepEqual(problems, []);
    const expected: Codebook = {
      version: 1,
      frameworks: [
        {
          id: 'jones',
          label: { en: 'Charles O. Jones', id: 'Charles O. Jones' },
          dimensions: [
            {
              id: 'organization',
              label: { en: 'Organization', id: 'Organisasi' },
              color: '#4e79a7',
              indicators: [{ id: 'coordination', label: { en: 'Coordination between parties', id: 'Koordinasi antar pihak' } }],
            },
            // #rgb is widened and lowercased so adapters can append an alpha channel.
            { id: 'interpretation', label: { en: 'Interpretation', id: 'Interpretasi' }, color: '#ff2288', indicators: [] },
          ],
        },
      ],
      polarities: DEFAULT_POLARITIES,
    };
    assert.deepEqual(codebook, expected);
  });

  it('uses the default polarities exactly as DESIGN §3 lists them', () => {
    assert.deepEqual(DEFAULT_POLARITIES, [
      { id: 'supporting', label: { en: 'Supporting', id: 'Pendukung' } },
      { id: 'inhibiting', label: { en: 'Inhibiting', id: 'Penghambat' } },
      { id: 'effort', label: { en: 'Effort to overcome', id: 'Upaya' } },
      { id: 'neutral', label: { en: 'Descriptive', id: 'Deskriptif' } },
    ]);
  });

  it('reads the example of DESIGN §3 without problems', () => {
    const { codebook, problems } = read(yaml(
      'version: 1',
      'frameworks:',
      '  - id: jones                      # ids: lowercase letters, digits, \'-\'',
      '    label: {en: "Charles O. Jones", id: "Charles O. Jones"}',
      '    dimensions:',
      '      - id: organization',
      '        label: {en: Organization, id: Organisasi}',
      '        color: "#4e79a7"',
      '        description: {en: "...", id: "..."}',
      '        indicators:',
      '          - id: coordination',
      '            label: {en: Coordination between parties, id: Koordinasi antar pihak}',
      'polarities:                        # optional; these four are the default',
      '  - {id: supporting, label: {en: Supporting, id: Pendukung}}',
      '  - {id: inhibiting, label: {en: Inhibiting, id: Penghambat}}',
      '  - {id: effort, label: {en: Effort to overcome, id: Upaya}}',
      '  - {id: neutral, label: {en: Descriptive, id: Deskriptif}}',
    ));
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook?.polarities, DEFAULT_POLARITIES);
    assert.deepEqual(codebook?.frameworks[0]?.dimensions[0]?.description, { en: '...', id: '...' });
  });

  it('reads custom polarities, plain-string labels and descriptions', () => {
    const { codebook, problems } = read(validWith(
      { 4: '    label: Jones', 8: ['        color: "#4e79a7"', '        description: Units, staff and means'] },
      'polarities:', '  - {id: pro, label: Pro}', '  - id: contra', '    label: {en: Contra}',
    ));
    assert.deepEqual(problems, []);
    assert.equal(codebook?.frameworks[0]?.label, 'Jones');
    assert.equal(codebook?.frameworks[0]?.dimensions[0]?.description, 'Units, staff and means');
    assert.deepEqual(codebook?.polarities, [{ id: 'pro', label: 'Pro' }, { id: 'contra', label: { en: 'Contra' } }]);
  });

  it('counts columns without a byte order mark and lines the same with CRLF', () => {
    const text = '\ufeff' + validWith({ 8: '        color: blue' }).replace(/\n/g, '\r\n');
    const { problems } = read(text);
    expectProblem(problems, "'blue' is not a colour", { line: 8, column: 16, severity: 'error' });
  });

  it('reads aliases to reuse a label', () => {
    const { codebook, problems } = read(validWith({
      7: '        label: &org {en: Organization, id: Organisasi}',
      13: '        label: *org',
    }));
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook?.frameworks[0]?.dimensions[1]?.label, { en: 'Organization', id: 'Organisasi' });
  });
});

describe('parseCodebook: files that cannot be read', () => {
  it('reports a YAML syntax error where it is and returns no codebook', () => {
    const { codebook, problems } = read(validWith({ 7: '        label: "Organization' }));
    assert.equal(codebook, undefined);
    assert.ok(problems.length > 0 && problems.every((p) => p.severity === 'error' && p.message.startsWith('not valid YAML')));
    // The parser notices at the end of the line that the quote is never closed.
    expectProblem(problems, 'Missing closing "quote', { line: 7, column: 29, severity: 'error' });
  });

  it('reports each git conflict marker line and returns no codebook', () => {
    const { codebook, problems } = read(validWith({
      8: ['<<<<<<< HEAD', '        color: "#4e79a7"', '=======', '        color: "#59a14f"', '>>>>>>> rina/coding'],
    }));
    assert.equal(codebook, undefined);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[8, 1, 'error'], [10, 1, 'error'], [12, 1, 'error']]);
    assert.match(problems[0]!.message, /conflict marker '<<<<<<<'.*must be resolved/);
    assert.match(problems[1]!.message, /'======='/);
  });

  it('reports a marker left behind after a half-done resolution, but not ======= inside a text', () => {
    const leftover = read(validWith({ 8: ['        color: "#4e79a7"', '>>>>>>> rina/coding'] }));
    assert.equal(leftover.codebook, undefined);
    expectProblem(leftover.problems, "conflict marker '>>>>>>>'", { line: 9, column: 1, severity: 'error' });
    const underline = read(validWith({ 8: ['        color: "#4e79a7"', '        description: |', '          Heading', '          ======='] }));
    assert.deepEqual(underline.problems, []);
  });

  it('refuses an unknown version, naming what to do', () => {
    const newer = read(validWith({ 1: 'version: 2' }));
    assert.equal(newer.codebook, undefined);
    expectProblem(newer.problems, 'update Transcript Coder', { line: 1, column: 10, severity: 'error' });
    const odd = read(validWith({ 1: 'version: one' }));
    assert.equal(odd.codebook, undefined);
    expectProblem(odd.problems, "unknown codebook version 'one'", { line: 1, column: 10, severity: 'error' });
  });

  it('accepts a quoted version with a warning', () => {
    const { codebook, problems } = read(validWith({ 1: 'version: "1"' }));
    assert.notEqual(codebook, undefined);
    expectProblem(problems, 'without quotes', { line: 1, column: 10, severity: 'warning' });
  });

  it('reports an empty file, a file that is a list, and several documents', () => {
    const empty = read('# nothing yet\n');
    assert.equal(empty.codebook, undefined);
    expectProblem(empty.problems, 'the codebook is empty', { line: 1, column: 1, severity: 'error' });
    const list = read('- version: 1\n');
    assert.equal(list.codebook, undefined);
    expectProblem(list.problems, 'must be a YAML mapping', { line: 1, column: 1, severity: 'error' });
    const two = read(yaml(...VALID, '---', 'version: 1'));
    assert.equal(two.codebook, undefined);
    expectProblem(two.problems, 'single YAML document', { line: 15, column: 1, severity: 'error' });
  });

  it('refuses aliases that expand exponentially (billion laughs), without hanging', () => {
    const layers = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      layers.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const { codebook, problems } = read(yaml('version: 1', 'frameworks: []', 'polarities:', '  - id: p', `    label: {${layers.join(', ')}}`));
    assert.equal(codebook, undefined);
    expectProblem(problems, 'aliases expand to more than 100', { line: 5, column: 58, severity: 'error' });
  });
  it('refuses absurdly deep nesting before the YAML parser overflows its stack', () => {
    // After one stack overflow inside the yaml library, V8 has crashed the whole process
    // on the next deep parse; reading each shape twice would take this test run down.
    const shapes: Array<[string, number]> = [
      ['['.repeat(5000), 1],
      ['- '.repeat(5000) + 'x', 1],
      ['{a: '.repeat(5000), 1],
      [['a:', ...Array.from({ length: 1000 }, (_, i) => ' '.repeat(i + 1) + 'a:')].join('\n'), 65],
    ];
    for (const [text, line] of [...shapes, ...shapes]) {
      const { codebook, problems } = read(text);
      assert.equal(codebook, undefined);
      expectProblem(problems, 'nests more than 64 levels deep', { line, column: 1, severity: 'error' });
    }
  });
});

describe('parseCodebook: mistakes inside a readable file', () => {
  it('reports a missing version but still returns the codebook', () => {
    const { codebook, problems } = read(yaml(...VALID.slice(1)));
    expectProblem(problems, "has no version; add 'version: 1'", { line: 1, column: 1, severity: 'error' });
    assert.equal(codebook?.frameworks[0]?.dimensions.length, 2);
  });

  it('warns about unknown keys at every level, naming the allowed ones', () => {
    const { codebook, problems } = read(validWith(
      {
        1: ['version: 1', 'title: My study'],
        4: ['    label: Jones', '    year: 1984'],
        8: '        colour: "#4e79a7"',
        11: ['            label: Coordination', '            note: x'],
      },
      'polarities:', '  - {id: pro, label: Pro, icon: up}',
    ));
    expectProblem(problems, "unknown key 'title' in the codebook; allowed keys are version, frameworks, polarities", { line: 2, column: 1, severity: 'warning' });
    expectProblem(problems, "unknown key 'year' in framework 'jones'; allowed keys are id, label, description, dimensions", { line: 6, column: 5, severity: 'warning' });
    expectProblem(problems, "unknown key 'colour' in dimension 'jones/organization' (did you mean 'color'?)", { line: 10, column: 9, severity: 'warning' });
    expectProblem(problems, "unknown key 'note' in indicator 'jones/organization/coordination'", { line: 14, column: 13, severity: 'warning' });
    expectProblem(problems, "unknown key 'icon' in polarity 'pro'; allowed keys are id, label", { line: 19, column: 27, severity: 'warning' });
    // The misspelt colour leaves the dimension without one: a palette colour its siblings do not use.
    expectProblem(problems, "dimension 'jones/organization' has no color; showing it in #4e79a7", { line: 8, column: 9, severity: 'warning' });
    assert.deepEqual(errorsOf(problems), []);
    assert.equal(codebook?.frameworks[0]?.dimensions[0]?.color, '#4e79a7');
  });

  it('reports duplicate ids at each level and keeps the first', () => {
    const { codebook, problems } = read(yaml(
      'version: 1',
      'frameworks:',
      '  - id: jones',
      '    label: Jones',
      '    dimensions:',
      '      - {id: organization, label: Organization, color: "#4e79a7", indicators: [{id: a, label: A}, {id: a, label: A again}]}',
      '      - {id: organization, label: Organization again, color: "#f28e2b"}',
      '  - id: jones',
      '    label: Jones again',
      '    dimensions: [{id: organization, label: Organization, color: "#4e79a7"}]',
      'polarities:',
      '  - {id: pro, label: Pro}',
      '  - {id: pro, label: Pro again}',
    ));
    expectProblem(problems, "duplicate indicator id 'a' in dimension 'jones/organization' (first on line 6)", { line: 6, column: 104, severity: 'error' });
    expectProblem(problems, "duplicate dimension id 'organization' in framework 'jones' (first on line 6)", { line: 7, column: 14, severity: 'error' });
    expectProblem(problems, "duplicate framework id 'jones' (first on line 3)", { line: 8, column: 9, severity: 'error' });
    expectProblem(problems, "duplicate polarity id 'pro' (first on line 12)", { line: 13, column: 10, severity: 'error' });
    assert.equal(codebook?.frameworks.length, 1);
    assert.equal(codebook?.frameworks[0]?.label, 'Jones');
    assert.deepEqual(codebook?.frameworks[0]?.dimensions.map((d) => d.label), ['Organization']);
    assert.deepEqual(codebook?.frameworks[0]?.dimensions[0]?.indicators, [{ id: 'a', label: 'A' }]);
    assert.deepEqual(codebook?.polarities, [{ id: 'pro', label: 'Pro' }]);
  });

  it('allows the same dimension id in two frameworks', () => {
    const { problems } = read(yaml(
      'version: 1',
      'frameworks:',
      '  - {id: a, label: A, dimensions: [{id: resources, label: R, color: "#4e79a7"}]}',
      '  - {id: b, label: B, dimensions: [{id: resources, label: R, color: "#4e79a7"}]}',
    ));
    assert.deepEqual(problems, []);
  });

  it('reports bad and missing ids with the rule and a suggestion, and leaves those items out', () => {
    const { codebook, problems } = read(validWith({
      6: '      - id: Organisation Unit',
      10: '          - label: No id here',
      11: [],
    }));
    const bad = expectProblem(problems, "'Organisation Unit' is not a valid dimension id", { line: 6, column: 13, severity: 'error' });
    assert.match(bad.message, /use lowercase letters, digits and '-', starting with a letter or digit \(e\.g\. 'organisation-unit'\)/);
    // The indicator sits inside the dropped dimension: still checked, so every problem shows at once.
    expectProblem(problems, "has no id; add one such as 'id: coordination'", { line: 10, column: 13, severity: 'error' });
    assert.deepEqual(codebook?.frameworks[0]?.dimensions.map((d) => d.id), ['interpretation']);
  });

  it('reads a numeric id as written', () => {
    const { codebook, problems } = read(validWith({ 10: '          - id: 007' }));
    assert.deepEqual(problems, []);
    assert.equal(codebook?.frameworks[0]?.dimensions[0]?.indicators[0]?.id, '007');
  });

  it('reports bad colours, an unquoted colour read as a comment, and shared colours', () => {
    const bad = read(validWith({ 8: '        color: "#12345"' }));
    expectProblem(bad.problems, "'#12345' is not a colour for dimension 'jones/organization': use a hex colour in quotes, #rgb or #rrggbb", { line: 8, column: 16, severity: 'error' });
    // Still usable, with a colour from the palette that its sibling does not use.
    assert.equal(bad.codebook?.frameworks[0]?.dimensions[0]?.color, '#4e79a7');

    const comment = read(validWith({ 8: '        color: #4e79a7' }));
    expectProblem(comment.problems, "an unquoted '#' starts a comment, so quote the colour", { line: 8, column: 16, severity: 'error' });

    const shared = read(validWith({ 14: '        color: "#4E79A7"' }));
    expectProblem(shared.problems, "dimension 'jones/interpretation' has the same colour as 'jones/organization'", { line: 14, column: 16, severity: 'warning' });
  });

  it('gives dimensions without a colour distinct palette colours', () => {
    const { codebook, problems } = read(validWith({ 8: [], 14: [] }));
    assert.deepEqual(codebook?.frameworks[0]?.dimensions.map((d) => d.color), ['#4e79a7', '#f28e2b']);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[6, 9, 'warning'], [11, 9, 'warning']]);
  });

  it('reports labels of the wrong shape and falls back to the id', () => {
    const { codebook, problems } = read(validWith({
      4: '    label: [Jones]',
      7: '        label: {en: Organization, id: 2024, english: Organisation}',
      11: [],
      13: '        label: 12',
    }));
    expectProblem(problems, "the label of framework 'jones' must be text or a map of language tags to text", { line: 4, column: 12, severity: 'error' });
    expectProblem(problems, "the label text for 'id' in dimension 'jones/organization' must be text", { line: 7, column: 39, severity: 'error' });
    expectProblem(problems, "'english' in the label of dimension 'jones/organization' is not a language tag", { line: 7, column: 45, severity: 'warning' });
    expectProblem(problems, "indicator 'jones/organization/coordination' has no label; showing its id", { line: 10, column: 13, severity: 'warning' });
    expectProblem(problems, "the label of dimension 'jones/interpretation' must be text or a map", { line: 12, column: 16, severity: 'error' });
    const framework = codebook?.frameworks[0];
    assert.equal(framework?.label, 'jones');
    assert.deepEqual(framework?.dimensions[0]?.label, { en: 'Organization', english: 'Organisation' });
    assert.equal(framework?.dimensions[0]?.indicators[0]?.label, 'coordination');
    assert.equal(framework?.dimensions[1]?.label, 'interpretation');
  });

  it('reports duplicate YAML keys and reads the first', () => {
    const { codebook, problems } = read(validWith({ 8: ['        color: "#4e79a7"', '        color: "#59a14f"'] }));
    expectProblem(problems, "key 'color' appears twice in this mapping (first on line 8); keep only one", { line: 9, column: 9, severity: 'error' });
    assert.equal(codebook?.frameworks[0]?.dimensions[0]?.color, '#4e79a7');
  });

  it('refuses custom YAML tags but not the core ones', () => {
    const { codebook, problems } = read(validWith({ 7: '        label: !include labels/org.yaml', 10: '          - id: !!str coordination' }));
    expectProblem(problems, "YAML tag '!include' is not allowed in a codebook", { line: 7, column: 16, severity: 'error' });
    assert.equal(errorsOf(problems).length, 1);
    assert.equal(codebook?.frameworks[0]?.dimensions[0]?.indicators[0]?.id, 'coordination');
  });

  it('reports lists that are not lists, items that are not mappings, and a missing frameworks list', () => {
    const notList = read(validWith({ 9: '        indicators: coordination', 10: [], 11: [] }));
    expectProblem(notList.problems, "'indicators' in dimension 'jones/organization' must be a list", { line: 9, column: 21, severity: 'error' });
    const notMap = read(validWith({ 3: ['  - jones', '  - id: jones'] }));
    expectProblem(notMap.problems, "each framework must be a mapping with id, label, description, dimensions; found 'jones'", { line: 3, column: 5, severity: 'error' });
    assert.equal(notMap.codebook?.frameworks.length, 1);
    const none = read('version: 1\n');
    expectProblem(none.problems, "no 'frameworks:' list", { line: 1, column: 1, severity: 'error' });
    assert.deepEqual(none.codebook?.frameworks, []);
  });

  it('warns about a framework without dimensions and an empty polarities list', () => {
    const { codebook, problems } = read(yaml('version: 1', 'frameworks:', '  - id: empty', '    label: Empty', 'polarities: []'));
    expectProblem(problems, "framework 'empty' has no dimensions", { line: 3, column: 5, severity: 'warning' });
    expectProblem(problems, "'polarities' is empty, so the defaults", { line: 5, column: 13, severity: 'warning' });
    assert.deepEqual(codebook?.polarities, DEFAULT_POLARITIES);
  });

  it('keeps the valid dimensions when one is broken', () => {
    const { codebook, problems } = read(validWith({ 12: '      - id: Interpretation!' }));
    assert.equal(errorsOf(problems).length, 1);
    assert.deepEqual(allCodePaths(codebook!), ['jones/organization', 'jones/organization/coordination']);
  });
});

describe('parseCodebook never throws', () => {
  const fragments = [
    'version: 1', 'version: 2', 'frameworks:', 'frameworks: []', 'polarities:', '  - id: jones', '  - jones',
    '    dimensions:', '      - {id: a, color: "#fff"}', '      - id: B', '        color: #abc', '        label: {en: x, 1: 2}',
    '    label: !foo x', '  label: &a {en: x}', '  label: *a', '  x: *missing', '<<<<<<< HEAD', '=======', '>>>>>>> b',
    '        indicators: [{id: a}, {id: a}]', '---', '  ? [a]', '  : b', '\t- tab', '"unterminated', '{', '- [', 'id: id',
  ];
  const check = (text: string) => {
    const { codebook, problems } = read(text);
    for (const p of problems) assert.ok(p.line >= 1 && p.column >= 1 && p.file === FILE, JSON.stringify(p));
    if (codebook === undefined) assert.ok(errorsOf(problems).length > 0, 'no codebook without an error');
    if (errorsOf(problems).length === 0) assert.notEqual(codebook, undefined, 'only warnings keep the codebook');
    if (codebook !== undefined) {
      const paths = allCodePaths(codebook);
      assert.equal(new Set(paths).size, paths.length, 'paths are unique');
      for (const path of paths) assert.ok(path.split('/').every(isValidId) && resolveCodePath(codebook, path), path);
      for (const framework of codebook.frameworks) {
        for (const dimension of framework.dimensions) assert.match(dimension.color, /^#[0-9a-f]{6}$/);
      }
    }
  };

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 500 });
  });

  it('on YAML-ish line soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 25 }), (lines) => check(lines.join('\n'))), { numRuns: 1000 });
  });

  it('on arbitrary structures shaped like a codebook', () => {
    const key = fc.constantFrom('version', 'frameworks', 'polarities', 'id', 'label', 'color', 'dimensions', 'indicators', 'description', 'en', 'id', 'x');
    const leaf = fc.oneof(fc.constantFrom(1, 2, '#4e79a7', 'jones', 'Bad Id', null, true, '', 'a'), fc.string({ maxLength: 8 }), fc.integer());
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 5 })),
    }));
    // JSON is flow-style YAML; the yaml library writes the same values block-style.
    fc.assert(fc.property(tree, (value) => {
      check(JSON.stringify(value));
      check(stringify(value));
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.dictionary(key, tree, { maxKeys: 4 }), (value) => check(stringify({ version: 1, ...value }))), { numRuns: 500 });
  });
});
