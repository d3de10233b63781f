/**
 * Test helpers for REFI-QDA and transcript import: schema validation with libxml2
 * (xmllint-wasm, from the npm registry, so no system package is needed), reading and
 * building zip archives, and patching archives into the broken shapes attackers and
 * failing disks make.
 */
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS = join(__dirname, '..', '..', '..', 'schemas', 'refi-qda');
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'refi-qda');

export async function assertValidAgainst(schema: 'Project-mrt2019.xsd' | 'Codebook.xsd', xml: string, fileName: string): Promise<void> {
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [await readFile(join(SCHEMAS, schema), 'utf8')],
  });
  assert.equal(result.valid, true, `${fileName} is not valid against ${schema}:\n${result.rawOutput}`);
}

/** Every entry of a zip, as fflate reads it (names in archive order). */
export function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function text(bytes: Uint8Array | undefined): string {
  assert.ok(bytes !== undefined, 'entry missing');
  return new TextDecoder().decode(bytes);
}

/** A zip from path → text or bytes, in the order given. */
export function makeZip(files: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const tree: Zippable = {};
  for (const [path, content] of Object.entries(files)) tree[path] = [typeof content === 'string' ? strToU8(content) : content, { level }];
  return zipSync(tree);
}

/**
 * Overwrites a 32-bit field of the central-directory record of `entryName` (offset from
 * the record's start: 20 compressed size, 24 uncompressed size, 16 CRC-32).
 */
export function patchCentralDirectory(zip: Uint8Array, entryName: string, fieldOffset: number, value: number): Uint8Array {
  const copy = new Uint8Array(zip);
  const view = new DataView(copy.buffer);
  const name = strToU8(entryName);
  for (let offset = 0; offset + 46 < copy.length; offset++) {
    if (view.getUint32(offset, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(offset + 28, true);
    const found = copy.subarray(offset + 46, offset + 46 + nameLength);
    if (nameLength === name.length && found.every((byte, index) => byte === name[index])) {
      view.setUint32(offset + fieldOffset, value, true);
      return copy;
    }
  }
  throw new Error(`no central directory record for ${entryName}`);
}

/**
 * A minimal .docx: the parts Word needs to open it, with `bodyXml` inside <w:body>, and
 * `sideParts` (relationship type → XML, e.g. `footnotes`) linked from the document as Word links them.
 */
export function makeDocx(bodyXml: string, sideParts: Record<string, string> = {}): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const sides = Object.entries(sideParts);
  const relationships = sides
    .map(([type], index) => `<Relationship Id="rIdS${index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${type}${index}.xml"/>`)
    .join('');
  const extraParts: Record<string, string> = {};
  for (const [index, [type, xml]] of sides.entries()) extraParts[`word/${type}${index}.xml`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${xml.replace(/^<(w:\w+)/u, `<$1 xmlns:w="${W}"`)}`;
  if (sides.length > 0) {
    extraParts['word/_rels/document.xml.rels'] =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + relationships + '</Relationships>';
  }
  return makeZip({
    ...extraParts,
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`,
  });
}

/** A paragraph of runs; `**text**` runs are bold, as Word writes a speaker label. */
export function paragraph(...runs: string[]): string {
  const run = (content: string): string => {
    const bold = content.startsWith('**') && content.endsWith('**');
    const inner = bold ? content.slice(2, -2) : content;
    const parts = inner.split(/(\t|\n)/u).map((part) => (part === '\t' ? '<w:tab/>' : part === '\n' ? '<w:br/>' : `<w:t xml:space="preserve">${escapeXml(part)}</w:t>`));
    return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}${parts.join('')}</w:r>`;
  };
  return `<w:p>${runs.map(run).join('')}</w:p>`;
}

export function escapeXml(value: string): string {
  return value.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}
