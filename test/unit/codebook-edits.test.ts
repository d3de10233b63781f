/**
 * Pure codebook edits (src/core/codebook/edits.ts): each change made to the text keeps
 * what the researcher wrote elsewhere, reads back as the codebook expected, and says how
 * sidecar code paths map; a change that cannot be made is refused with a reason.
 */
import { strict as assert } from 'node:assert';
import { CodebookEditError, editCodebook } from '../../src/core/codebook/edits';
import { parseCodebook } from '../../src/core/codebook/reader';
import { codebookYamlFromTemplates } from '../../src/core/codebook/templates';

const TEXT = `# kept comment
version: 1
frameworks:
  - id: fw
    label: {en: Framework}
    dimensions:
      - id: org
        label: {en: Organization, id: Organisasi}
        color: "#4e79a7"
        indicators:
          - id: staff
            label: {en: Staff}
          - id: money
            label: {en: Money}
      - id: comm
        label: {en: Communication}
        color: "#f28e2b"
        indicators:
          - id: staff
            label: {en: Staff too}
polarities:
  - {id: supporting, label: Supporting}
`;

const read = (text: string) => {
  const { codebook, problems } = parseCodebook(text, 'codebook.yaml');
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  assert.ok(codebook !== undefined);
  return codebook;
};
const paths = (text: string) =>
  read(text).frameworks.flatMap((f) => [f.id, ...f.dimensions.flatMap((d) => [`${f.id}/${d.id}`, ...d.indicators.map((i) => `${f.id}/${d.id}/${i.id}`)])]);

describe('codebook edits', () => {
  it('adds a dimension with an unused palette colour, and an indicator, keeping comments', () => {
    const dimension = editCodebook(TEXT, { kind: 'add', parent: 'fw', id: 'tech', label: ' Technology ', language: 'en-US' });
    assert.match(dimension.text, /^# kept comment$/mu);
    const added = read(dimension.text).frameworks[0]?.dimensions[2];
    assert.deepEqual(added, { id: 'tech', label: { en: 'Technology' }, color: '#e15759', indicators: [] });
    const indicator = editCodebook(TEXT, { kind: 'add', parent: 'fw/comm', id: 'meetings', label: 'Rapat', language: 'id' });
    assert.deepEqual(read(indicator.text).frameworks[0]?.dimensions[1]?.indicators[1], { id: 'meetings', label: { id: 'Rapat' } });
    assert.equal(indicator.affects('fw/comm'), false);
  });

  it('refuses an invalid or taken id and an empty label', () => {
    assert.throws(() => editCodebook(TEXT, { kind: 'add', parent: 'fw', id: 'Bad Id', label: 'x', language: 'en' }), CodebookEditError);
    assert.throws(() => editCodebook(TEXT, { kind: 'add', parent: 'fw', id: 'org', label: 'x', language: 'en' }), /already a code with the id 'org'/u);
    assert.throws(() => editCodebook(TEXT, { kind: 'add', parent: 'fw/org', id: 'new', label: '  ', language: 'en' }), /needs a label/u);
    assert.throws(() => editCodebook(TEXT, { kind: 'add', parent: 'nope', id: 'new', label: 'x', language: 'en' }), /nope is not in the codebook/u);
  });

  it('renames a label in one language and an id, mapping the paths below it', () => {
    const result = editCodebook(TEXT, { kind: 'rename', path: 'fw/org', newId: 'organization', label: 'Organisasi baru', language: 'id' });
    const dimension = read(result.text).frameworks[0]?.dimensions[0];
    assert.equal(dimension?.id, 'organization');
    assert.deepEqual(dimension?.label, { en: 'Organization', id: 'Organisasi baru' });
    assert.equal(result.mapPath('fw/org/staff'), 'fw/organization/staff');
    assert.equal(result.mapPath('fw/orgx'), 'fw/orgx');
    assert.equal(result.affects('fw/comm/staff'), false);
    assert.throws(() => editCodebook(TEXT, { kind: 'rename', path: 'fw/org', newId: 'comm', language: 'en' }), /already a code/u);
  });

  it('moves an indicator to another dimension, and refuses one that is there already', () => {
    const result = editCodebook(TEXT, { kind: 'move', path: 'fw/org/money', to: 'fw/comm' });
    assert.deepEqual(paths(result.text), ['fw', 'fw/org', 'fw/org/staff', 'fw/comm', 'fw/comm/staff', 'fw/comm/money']);
    assert.equal(result.mapPath('fw/org/money'), 'fw/comm/money');
    assert.throws(() => editCodebook(TEXT, { kind: 'move', path: 'fw/org/staff', to: 'fw/comm' }), /merge them instead/u);
    assert.throws(() => editCodebook(TEXT, { kind: 'move', path: 'fw', to: 'fw/org' }), /frameworks are not moved/u);
  });

  it('merges a dimension into another: its indicators join, same-named ones become one', () => {
    const result = editCodebook(TEXT, { kind: 'merge', from: 'fw/org', into: 'fw/comm' });
    assert.deepEqual(paths(result.text), ['fw', 'fw/comm', 'fw/comm/staff', 'fw/comm/money']);
    assert.equal(result.mapPath('fw/org/staff'), 'fw/comm/staff');
    assert.equal(result.mapPath('fw/org'), 'fw/comm');
    assert.throws(() => editCodebook(TEXT, { kind: 'merge', from: 'fw/org', into: 'fw/org/staff' }), /itself or a code below it/u);
  });

  it('merging a code the codebook does not know changes only the sidecars', () => {
    const result = editCodebook(TEXT, { kind: 'merge', from: 'fw/typo', into: 'fw/org' });
    assert.equal(result.text, TEXT);
    assert.equal(result.mapPath('fw/typo'), 'fw/org');
    assert.equal(result.affects('fw/typo/x'), false);
  });

  it('deletes a code and everything below it; the last indicator leaves no empty list', () => {
    const result = editCodebook(TEXT, { kind: 'delete', path: 'fw/comm/staff' });
    assert.doesNotMatch(result.text, /indicators: \[\]/u);
    assert.deepEqual(paths(result.text), ['fw', 'fw/org', 'fw/org/staff', 'fw/org/money', 'fw/comm']);
    const dimension = editCodebook(TEXT, { kind: 'delete', path: 'fw/org' });
    assert.equal(dimension.mapPath('fw/org/money'), null);
    assert.equal(dimension.mapPath('fw/comm/staff'), 'fw/comm/staff');
  });

  it('adds a framework from a template once, and keeps CRLF line endings and a BOM', () => {
    const crlf = `\ufeff${TEXT.replace(/\n/gu, '\r\n')}`;
    const result = editCodebook(crlf, { kind: 'add-framework', templateText: codebookYamlFromTemplates(['jones']) });
    assert.ok(result.text.startsWith('\ufeff'));
    assert.doesNotMatch(result.text, /[^\r]\n/u);
    assert.deepEqual(read(result.text).frameworks.map((f) => f.id), ['fw', 'jones']);
    assert.throws(() => editCodebook(result.text, { kind: 'add-framework', templateText: codebookYamlFromTemplates(['jones']) }), /already has the framework/u);
  });

  it('refuses to edit a codebook that cannot be read', () => {
    assert.throws(() => editCodebook('version: [', { kind: 'delete', path: 'fw' }), /cannot be read/u);
  });
});
