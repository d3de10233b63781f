import { strict as assert } from 'node:assert';
import {
  allCodePaths,
  codeLabel,
  dimensionPathOf,
  isValidId,
  parseCodebook,
  resolveCodePath,
} from '../../src/core/codebook/codebook';

describe('code paths', () => {
  const { codebook: parsed, problems } = parseCodebook([
    'version: 1',
    'frameworks:',
    '  - id: jones',
    '    label: Charles O. Jones',
    '    dimensions:',
    '      - id: organization',
    '        label: {en: Organization, id: Organisasi}',
    '        color: "#4e79a7"',
    '        indicators:',
    '          - id: coordination',
    '            label: {en: Coordination between parties, id: Koordinasi antar pihak}',
    '      - {id: interpretation, label: {en: Interpretation, id: Interpretasi}, color: "#f28e2b"}',
    '  - id: edward3',
    '    label: Edward III',
    '    dimensions:',
    '      - {id: resources, label: Resources, color: "#4e79a7", indicators: [{id: staff, label: Staff}]}',
  ].join('\n'), 'codebook.yaml');
  assert.deepEqual(problems, []);
  const codebook = parsed!;

  it('resolves a dimension and an indicator', () => {
    const dimension = resolveCodePath(codebook, 'jones/organization');
    assert.equal(dimension?.dimension.id, 'organization');
    assert.equal(dimension?.indicator, undefined);
    assert.equal(dimension?.dimensionPath, 'jones/organization');
    const indicator = resolveCodePath(codebook, 'jones/organization/coordination');
    assert.equal(indicator?.framework.id, 'jones');
    assert.equal(indicator?.indicator?.id, 'coordination');
    assert.equal(indicator?.path, 'jones/organization/coordination');
    assert.equal(indicator?.dimensionPath, 'jones/organization');
  });

  it('returns undefined for unknown frameworks, dimensions, indicators and malformed paths', () => {
    for (const path of ['edward3/organization', 'ostrom/rules', 'jones/resources', 'jones/organization/budget', 'jones', '',
      'jones/organization/coordination/extra', 'Jones/organization', 'jones//coordination']) {
      assert.equal(resolveCodePath(codebook, path), undefined, path);
    }
  });

  it('resolves in a second framework', () => {
    const staff = resolveCodePath(codebook, 'edward3/resources/staff');
    assert.equal(staff?.framework.id, 'edward3');
    assert.equal(staff?.dimensionPath, 'edward3/resources');
  });

  it('labels a code in the language asked for', () => {
    assert.equal(codeLabel(resolveCodePath(codebook, 'jones/organization/coordination')!, 'en'), 'Organization › Coordination between parties');
    assert.equal(codeLabel(resolveCodePath(codebook, 'jones/organization/coordination')!, 'id-ID'), 'Organisasi › Koordinasi antar pihak');
    assert.equal(codeLabel(resolveCodePath(codebook, 'jones/interpretation')!, 'fr'), 'Interpretation');
    assert.equal(codeLabel(resolveCodePath(codebook, 'edward3/resources/staff')!, 'id'), 'Resources › Staff');
  });

  it('lists every dimension and indicator path in codebook order', () => {
    assert.deepEqual(allCodePaths(codebook), [
      'jones/organization',
      'jones/organization/coordination',
      'jones/interpretation',
      'edward3/resources',
      'edward3/resources/staff',
    ]);
  });

  it('takes the dimension path of a code path', () => {
    assert.equal(dimensionPathOf('jones/organization/coordination'), 'jones/organization');
    assert.equal(dimensionPathOf('jones/organization'), 'jones/organization');
    assert.equal(dimensionPathOf('jones'), 'jones');
  });

  it('knows a valid id', () => {
    for (const id of ['jones', 'edward3', 'vanmeter-vanhorn', '3d', 'a']) assert.ok(isValidId(id), id);
    for (const id of ['', 'Jones', '-a', 'a_b', 'a b', 'a/b', 'organisasi!', 'é']) assert.ok(!isValidId(id), id);
  });
});
