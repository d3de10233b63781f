import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { DEFAULT_POLARITIES, DIMENSION_PALETTE, parseCodebook, type Framework } from '../../src/core/codebook/codebook';
import { codebookYamlFromTemplates, FRAMEWORK_TEMPLATES, templateIds } from '../../src/core/codebook/templates';

const templateById = (id: string): Framework => {
  const template = FRAMEWORK_TEMPLATES.find((f) => f.id === id);
  assert.ok(template, id);
  return template;
};
const indicatorIds = (framework: Framework) =>
  Object.fromEntries(framework.dimensions.map((d) => [d.id, d.indicators.map((i) => i.id)]));
const labelIn = (label: unknown, language: string) => (label as Record<string, string>)[language];

// WCAG 2 relative luminance and contrast ratio.
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
// CIE76 colour difference in CIELAB (D65): about 2.3 is just noticeable; 20 is clearly different.
function lab(hex: string): [number, number, number] {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

const LIGHT_THEME = '#ffffff';
const DARK_THEME = '#1e1e1e';

describe('built-in framework templates', () => {
  it('offers the frameworks of DESIGN §4 in a fixed order', () => {
    assert.deepEqual(templateIds(), ['jones', 'edward3', 'vanmeter-vanhorn', 'indrajit', 'policy-process', 'barriers']);
  });

  it('has the Jones and Edward III indicators of DESIGN §4', () => {
    assert.deepEqual(indicatorIds(templateById('jones')), {
      organization: ['apparatus-resources', 'facilities-ict', 'communication', 'coordination'],
      interpretation: ['socialization', 'rule-interpretation', 'procedure-clarity'],
      application: ['leadership-commitment', 'supervision', 'budget-priority', 'evaluation'],
    });
    assert.deepEqual(indicatorIds(templateById('edward3')), {
      communication: ['transmission', 'clarity', 'consistency'],
      resources: ['staff', 'information', 'authority', 'facilities', 'budget'],
      disposition: ['appointment', 'incentives'],
      'bureaucratic-structure': ['sop', 'fragmentation'],
    });
  });

  it('has the dimensions of the other frameworks of DESIGN §4', () => {
    const dimensionIds = (id: string) => templateById(id).dimensions.map((d) => d.id);
    assert.deepEqual(dimensionIds('vanmeter-vanhorn'), [
      'standards-objectives', 'resources', 'agency-characteristics', 'inter-organizational-communication',
      'economic-social-political', 'disposition',
    ]);
    assert.deepEqual(dimensionIds('indrajit'), ['support', 'capacity', 'value']);
    assert.deepEqual(indicatorIds(templateById('policy-process')).utilisation, ['output', 'outcome']);
    assert.deepEqual(dimensionIds('policy-process'), ['policy', 'programme', 'utilisation']);
    assert.deepEqual(dimensionIds('barriers'), [
      'human-resources', 'infrastructure', 'budget', 'security-privacy', 'digital-divide', 'bureaucratic-culture',
      'inter-agency-coordination', 'regulation-change', 'disasters',
    ]);
  });

  it('labels everything in English and Indonesian and describes every dimension in both', () => {
    for (const framework of FRAMEWORK_TEMPLATES) {
      const labelled = [framework, ...framework.dimensions, ...framework.dimensions.flatMap((d) => d.indicators)];
      for (const item of labelled) {
        for (const language of ['en', 'id']) assert.ok(labelIn(item.label, language), `${framework.id}/${item.id} ${language}`);
      }
      for (const dimension of framework.dimensions) {
        for (const language of ['en', 'id']) assert.ok(labelIn(dimension.description, language), `${dimension.id} ${language}`);
      }
    }
  });

  it('uses the Indonesian terms of the literature', () => {
    const indonesian = (path: string) => {
      const [frameworkId, dimensionId, indicatorId] = path.split('/');
      const dimension = templateById(frameworkId!).dimensions.find((d) => d.id === dimensionId);
      const item = indicatorId === undefined ? dimension : dimension?.indicators.find((i) => i.id === indicatorId);
      return labelIn(item?.label, 'id');
    };
    const expected: Record<string, string> = {
      'jones/organization': 'Organisasi',
      'jones/organization/apparatus-resources': 'Sumber daya aparatur dan unit kerja',
      'jones/organization/facilities-ict': 'Sarana dan prasarana TIK',
      'jones/organization/coordination': 'Koordinasi antar pihak',
      'jones/interpretation/socialization': 'Sosialisasi dan pengarahan',
      'jones/application/leadership-commitment': 'Komitmen pimpinan',
      'jones/application/budget-priority': 'Prioritas anggaran',
      'edward3/bureaucratic-structure': 'Struktur birokrasi',
      'vanmeter-vanhorn/standards-objectives': 'Standar dan sasaran kebijakan',
      'vanmeter-vanhorn/agency-characteristics': 'Karakteristik agen pelaksana',
      'vanmeter-vanhorn/economic-social-political': 'Kondisi ekonomi, sosial dan politik',
      'vanmeter-vanhorn/disposition': 'Disposisi pelaksana',
      'indrajit/value': 'Nilai manfaat',
      'barriers/digital-divide': 'Kesenjangan digital',
    };
    for (const [path, term] of Object.entries(expected)) assert.equal(indonesian(path), term, path);
  });

  it('gives each dimension a colour readable on light and dark themes, distinct within its framework', () => {
    for (const framework of FRAMEWORK_TEMPLATES) {
      const colors = framework.dimensions.map((d) => d.color);
      for (const color of colors) {
        assert.match(color, /^#[0-9a-f]{6}$/);
        assert.ok(contrast(color, LIGHT_THEME) >= 2, `${framework.id} ${color} on light: ${contrast(color, LIGHT_THEME).toFixed(2)}`);
        assert.ok(contrast(color, DARK_THEME) >= 2, `${framework.id} ${color} on dark: ${contrast(color, DARK_THEME).toFixed(2)}`);
      }
      colors.forEach((a, i) => colors.slice(i + 1).forEach((b) => {
        assert.ok(deltaE(a, b) >= 20, `${framework.id}: ${a} and ${b} are too alike (ΔE ${deltaE(a, b).toFixed(1)})`);
      }));
    }
  });

  it('gives missing colours from a palette that meets the same bar', () => {
    for (const color of DIMENSION_PALETTE) {
      assert.ok(contrast(color, LIGHT_THEME) >= 2 && contrast(color, DARK_THEME) >= 2, color);
      for (const other of DIMENSION_PALETTE) if (other !== color) assert.ok(deltaE(color, other) >= 20, `${color} ${other}`);
    }
    // The check itself can fail: Tableau's own yellow is too light for a white background.
    assert.ok(contrast('#edc948', LIGHT_THEME) < 2);
  });
});

describe('codebookYamlFromTemplates', () => {
  for (const id of templateIds()) {
    it(`writes the '${id}' template so that it reads back unchanged, with no problems`, () => {
      const { codebook, problems } = parseCodebook(codebookYamlFromTemplates([id]), 'codebook.yaml');
      assert.deepEqual(problems, []);
      assert.deepEqual(codebook, { version: 1, frameworks: [templateById(id)], polarities: DEFAULT_POLARITIES });
    });
  }

  it('writes all templates together, in the order asked for, each once', () => {
    const ids = ['barriers', 'jones', 'edward3', 'jones'];
    const { codebook, problems } = parseCodebook(codebookYamlFromTemplates(ids), 'codebook.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook?.frameworks.map((f) => f.id), ['barriers', 'jones', 'edward3']);
  });

  it('writes YAML that any YAML reader maps to the template data (round trip)', () => {
    const text = codebookYamlFromTemplates(templateIds());
    const plain = (framework: Framework) => ({
      ...framework,
      dimensions: framework.dimensions.map(({ indicators, ...dimension }) =>
        indicators.length === 0 ? dimension : { ...dimension, indicators }),
    });
    assert.deepEqual(parse(text), {
      version: 1,
      frameworks: FRAMEWORK_TEMPLATES.map(plain),
      polarities: DEFAULT_POLARITIES,
    });
  });

  it('explains itself in a header and writes polarities and quoted colours out', () => {
    const text = codebookYamlFromTemplates(['jones']);
    assert.match(text, /^# Transcript Coder codebook \(format version 1\)\.\n/);
    assert.match(text, /jones\/organization\/coordination/);
    assert.match(text, /\n {8}color: "#4e79a7"\n/);
    assert.match(text, /\n {8}label: \{en: Organization, id: Organisasi\}\n/);
    assert.match(text, /\npolarities:\n {2}- \{id: supporting, label: \{en: Supporting, id: Pendukung\}\}\n/);
    assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
  });

  it('quotes text that YAML would misread', () => {
    const text = codebookYamlFromTemplates(['vanmeter-vanhorn']);
    // A comma inside {...} would split the label; a colon followed by a space would start a mapping.
    assert.match(text, /label: \{en: "Economic, social and political conditions", id: "Kondisi ekonomi, sosial dan politik"\}/);
    assert.match(text, /\n {10}en: "The environment of the implementing bodies: economic resources/);
    // Plain text stays plain, so the file reads like one a person wrote.
    assert.match(text, /\n {10}en: How clear and realistic the measures and targets of the policy are\.\n/);
  });

  it('writes an empty but valid codebook when no template is chosen', () => {
    const { codebook, problems } = parseCodebook(codebookYamlFromTemplates([]), 'codebook.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook?.frameworks, []);
  });

  it('refuses an unknown template, listing the known ones', () => {
    assert.throws(
      () => codebookYamlFromTemplates(['jones', 'ostrom']),
      /unknown codebook template 'ostrom'; the built-in templates are jones, edward3, vanmeter-vanhorn, indrajit, policy-process, barriers/,
    );
  });
});
