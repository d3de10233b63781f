/**
 * The one codebook emitter (src/core/codebook/emit.ts): whatever the codebook and the
 * style, the text reads back with parseCodebook to the same codebook, without an error.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { codebookYaml, type CodebookYamlStyle } from '../../src/core/codebook/emit';
import { parseCodebook } from '../../src/core/codebook/reader';
import type { Codebook } from '../../src/core/codebook/model';
import { codebookYamlFromTemplates, FRAMEWORK_TEMPLATES, templateIds } from '../../src/core/codebook/templates';
import { DEFAULT_POLARITIES } from '../../src/core/codebook/model';

const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/u);
/** Text as other tools write it: quotes, colons, '#', YAML words, numbers, unicode. */
const words = fc.oneof(
  // eslint-disable-next-line no-control-regex -- control characters are what the filter leaves out
  fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/u.test(text)),
  fc.constantFrom('yes', 'No', 'null', '007', '1.5', '#4e79a7', 'a: b', '- x', "it's", 'Kepala Badan, Dinas', 'ç à é'),
);
const label = fc.oneof(words, fc.dictionary(fc.constantFrom('en', 'id', 'pt-br', 'no', 'de'), words, { minKeys: 1, maxKeys: 3 }));
/** As the model holds it: #rrggbb, lowercase (the reader turns #abc into #aabbcc). */
const color = fc.constantFrom('#4e79a7', '#f28e2b', '#aabbcc');
const unique = <T extends { id: string }>(item: fc.Arbitrary<T>, max: number) => fc.uniqueArray(item, { selector: (value) => value.id, maxLength: max });
const indicator = fc.record({ id, label, description: label }, { requiredKeys: ['id', 'label'] });
const dimension = fc.record({ id, label, color, description: label, indicators: unique(indicator, 3) }, { requiredKeys: ['id', 'label', 'color', 'indicators'] });
const framework = fc.record({ id, label, description: label, dimensions: unique(dimension, 3) }, { requiredKeys: ['id', 'label', 'dimensions'] });
const codebook: fc.Arbitrary<Codebook> = fc.record({
  version: fc.constant(1 as const),
  frameworks: unique(framework, 3),
  polarities: unique(fc.record({ id, label }), 4).filter((list) => list.length > 0),
});
const style: fc.Arbitrary<CodebookYamlStyle> = fc.record({
  header: fc.constantFrom([], ['# a header', '#', ''], ['']),
  quoting: fc.constantFrom('plain-when-safe' as const, 'always-quoted' as const),
  spaced: fc.boolean(),
});

/** fast-check builds objects without a prototype; compare the data alone. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('codebook emitter', () => {
  it('reads back to the same codebook, for any codebook and style', () => {
    fc.assert(
      fc.property(codebook, style, (written, chosen) => {
        const text = codebookYaml(written, chosen);
        const read = parseCodebook(text, 'codebook.yaml');
        // Warnings are about the content (a shared colour, no dimensions), not the text.
        assert.deepEqual(read.problems.filter((problem) => problem.severity === 'error'), [], text);
        assert.deepEqual(plain(read.codebook), plain(written), text);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the templates plain where YAML allows, and quotes what YAML would read as something else', () => {
    const text = codebookYaml(
      { version: 1, frameworks: [{ id: 'no', label: { en: 'Yes', no: 'a, b' }, description: 'Plain words here.', dimensions: [] }], polarities: DEFAULT_POLARITIES },
      { header: [], quoting: 'plain-when-safe', spaced: false },
    );
    assert.match(text, /^ {2}- id: "no"$/mu);
    assert.match(text, /^ {4}label: \{en: "Yes", "no": "a, b"\}$/mu);
    assert.match(text, /^ {4}description: Plain words here\.$/mu);
    assert.match(text, /^ {4}dimensions: \[\]$/mu);
  });

  it('every built-in template, alone and together, reads back to the template', () => {
    for (const ids of [...templateIds().map((one) => [one]), templateIds()]) {
      const read = parseCodebook(codebookYamlFromTemplates(ids), 'codebook.yaml');
      assert.deepEqual(read.problems, []);
      assert.deepEqual(read.codebook?.frameworks, FRAMEWORK_TEMPLATES.filter((template) => ids.includes(template.id)));
    }
  });
});
