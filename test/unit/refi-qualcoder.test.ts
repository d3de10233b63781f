/**
 * What QualCoder's REFI-QDA importer expects of our export, checked one by one against
 * src/qualcoder/refi.py (ccbogel/QualCoder at c3204641e0a997c08219d2377eb5736cd94504bc):
 * - parse_notes (refi.py ~1768–1772) reads a Note's creationDateTime, else
 *   modifiedDateTime, and calls .replace on it: a Note without either crashes the import;
 * - load_codings_for_text (~1674–1712) reads the PlainTextSelection's Description as the
 *   coding memo, so a memo must be there to be seen;
 * - load_codings_for_text reads startPosition/endPosition with int(): both present, whole numbers.
 */
import * as assert from 'node:assert/strict';
import { exportQdpx } from '../../src/core/refi-qda/export-project';
import { parseXml, childrenNamed, childNamed, type XmlElement } from '../../src/core/xml/xml-reader';
import { emptySidecar } from '../../src/core/sidecar';
import { unzipEntries, text } from './helpers/refi-qda';
import { importQdpx } from '../../src/core/refi-qda/import-qdpx';

function all(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    if (element.name === name) found.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return found;
}

describe('REFI-QDA export as QualCoder\'s importer reads it', () => {
  const sidecar = emptySidecar('kaban.txt', { agency: 'BKPSDMD', date: '2022-01-07' });
  sidecar.codes.push({ id: 'k3x9a2mq', lines: [1, 1], code: 'jones/organization', polarity: 'inhibiting', factor: 'Staf kurang', quote: 'Kaban: Staf kurang', coder: 'rina', memo: 'Dikutip di bab 4' });
  const codebook = {
    version: 1 as const,
    frameworks: [{ id: 'jones', label: 'Jones', dimensions: [{ id: 'organization', label: 'Organisasi', color: '#4e79a7', indicators: [] }] }],
    polarities: [{ id: 'inhibiting', label: 'Penghambat' }],
  };
  const exported = exportQdpx({ name: 'studi', codebook, language: 'en', documents: [{ path: 'kaban.txt', text: 'Kaban: Staf kurang\n', sidecar, agency: 'BKPSDMD' }] });
  const qde = text(unzipEntries(exported.bytes)['project.qde']);
  const root = parseXml(qde, 'project.qde');

  it('gives every Note a creationDateTime (parse_notes calls .replace on it)', () => {
    const notes = all(root, 'Note');
    assert.ok(notes.length > 0);
    for (const note of notes) assert.match(note.attributes['creationDateTime'] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u);
    assert.equal(notes[0]?.attributes['creationDateTime'], '2022-01-07T00:00:00Z');
  });

  it('puts the memo in the selection\'s Description, where load_codings_for_text reads a coding memo', () => {
    const selection = all(root, 'PlainTextSelection')[0];
    assert.ok(selection !== undefined);
    assert.match(childNamed(selection, 'Description')?.text ?? '', /^Dikutip di bab 4/u);
    assert.ok(/^\d+$/u.test(selection.attributes['startPosition'] ?? '') && /^\d+$/u.test(selection.attributes['endPosition'] ?? ''));
  });

  it('still round-trips the memo exactly once', () => {
    const back = importQdpx(exported.bytes, 'studi.qdpx');
    const sidecarText = back.files.find((file) => file.path.endsWith('kaban.txt.codes.yaml'))?.content ?? '';
    assert.equal(sidecarText.split('Dikutip di bab 4').length - 1, 1, sidecarText);
    assert.equal(childrenNamed(root, 'Notes').length, 1);
  });
});
