/**
 * Import of what the corpus does not show in one small file: positions counted in UTF-16
 * units (NVivo) next to emoji, the transcript of a video with its sync points, and bad
 * input — positions outside the text, a missing text, an undefined code, a GUID used
 * twice — each named at the element's own line while the rest is imported.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importQde, importQdpx } from '../../src/core/refi-qda/import-qdpx';
import { besideReader } from '../../src/node/beside-reader';
import { makeZip } from './helpers/refi-qda';

const CODES = `<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Budget" isCodable="true"/></Codes></CodeBook>`;
const coding = (n: number, code = 'c0000000-0000-4000-8000-000000000001'): string =>
  `<Coding guid="d0000000-0000-4000-8000-00000000000${n}"><CodeRef targetGUID="${code}"/></Coding>`;

function project(origin: string, sources: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="${origin}">\n${CODES}\n<Sources>\n${sources}\n</Sources>\n</Project>\n`;
}

describe('REFI-QDA import: positions, transcripts and bad input', () => {
  // Emoji before each selected word: UTF-16 positions run ahead of code points by one per emoji.
  const text = '😀 Anggaran dialihkan 😀 ke banjir 😀\nStaf TI kurang 😀 sekali\n';
  const utf16 = (word: string): string => {
    const start = text.indexOf(word);
    return `startPosition="${start}" endPosition="${start + word.length}"`;
  };
  const nvivoLike = (origin: string): Uint8Array =>
    makeZip({
      'project.qde': project(
        origin,
        `<TextSource guid="a0000000-0000-4000-8000-000000000001" name="wawancara" plainTextPath="internal://w.txt">
<PlainTextSelection guid="b0000000-0000-4000-8000-000000000001" ${utf16('ke banjir')}>${coding(1)}</PlainTextSelection>
<PlainTextSelection guid="b0000000-0000-4000-8000-000000000002" ${utf16('sekali')}>${coding(2)}</PlainTextSelection>
<PlainTextSelection guid="b0000000-0000-4000-8000-000000000003" ${utf16('Staf TI')}>${coding(3)}</PlainTextSelection>
</TextSource>`,
      ),
      'sources/w.txt': text,
    });

  it('reads positions as UTF-16 units where that puts the selections on word boundaries, and says so', () => {
    for (const origin of ['NVivo for Windows 12.6', 'Some other tool 1.0']) {
      const result = importQdpx(nvivoLike(origin), 'n.qdpx');
      assert.deepEqual(result.positionReadings.map((reading) => reading.unit), ['utf16'], origin);
      assert.ok(result.notices.some((notice) => /read as UTF-16 code units/u.test(notice.message)));
      const sidecar = result.files.find((file) => file.path.endsWith('.codes.yaml'))?.content ?? '';
      assert.match(sidecar, /lines: \[1, 1\]/u);
      assert.match(sidecar, /lines: \[2, 2\]/u);
      // Read as UTF-16 units each selection is whole words: widening adds exactly the rest of the line.
      assert.ok(result.notices.some((notice) => notice.message.includes('adding "😀 Anggaran dialihkan 😀" before and "😀" after (positions read as UTF-16 units)')));
      assert.ok(result.notices.some((notice) => notice.message.includes('adding "Staf TI kurang 😀" before (positions')));
    }
  });

  it('turns a video transcript with sync points into a timestamped transcript whose codes land on their lines', () => {
    const transcript = 'Pewawancara: Selamat pagi\nKaban: Anggaran kami dialihkan\n';
    const second = transcript.indexOf('Kaban');
    const qde = project(
      'ATLAS.ti 8.4.0',
      `<VideoSource guid="e0000000-0000-4000-8000-000000000001" name="rapat.mp4" path="internal://rapat.mp4">
<Transcript guid="e0000000-0000-4000-8000-000000000002" name="rapat.txt" plainTextPath="internal://rapat.txt">
<SyncPoint guid="f0000000-0000-4000-8000-000000000001" timeStamp="0" position="0"/>
<SyncPoint guid="f0000000-0000-4000-8000-000000000002" timeStamp="754000" position="${second}"/>
<SyncPoint guid="f0000000-0000-4000-8000-000000000003" timeStamp="760000" position="${transcript.length - 1}"/>
<TranscriptSelection guid="f0000000-0000-4000-8000-000000000004" fromSyncPoint="f0000000-0000-4000-8000-000000000002" toSyncPoint="f0000000-0000-4000-8000-000000000003">${coding(4)}</TranscriptSelection>
</Transcript>
</VideoSource>`,
    );
    const result = importQdpx(makeZip({ 'project.qde': qde, 'sources/rapat.txt': transcript }), 'v.qdpx');
    assert.equal(result.files.find((file) => file.path === 'rapat.txt')?.content, '[00:00:00] Pewawancara: Selamat pagi\n[00:12:34] Kaban: Anggaran kami dialihkan\n');
    assert.match(result.files.find((file) => file.path === 'rapat.txt.codes.yaml')?.content ?? '', /lines: \[2, 2\]/u);
    assert.equal(result.summary.tallies.codings.arrived, 1);
    assert.equal(result.summary.tallies.sources.arrived, 1);
    assert.equal(result.lostCodings, 0);
  });

  it('names each bad element at its own line and imports the rest', () => {
    const qde = project(
      'x',
      `<TextSource guid="a0000000-0000-4000-8000-000000000001" name="ok.txt"><PlainTextContent>Satu
Dua</PlainTextContent>
<PlainTextSelection guid="b0000000-0000-4000-8000-000000000001" startPosition="0" endPosition="4">${coding(1)}</PlainTextSelection>
<PlainTextSelection guid="b0000000-0000-4000-8000-000000000002" startPosition="5" endPosition="999">${coding(2)}</PlainTextSelection>
<PlainTextSelection guid="b0000000-0000-4000-8000-000000000003" startPosition="5" endPosition="8">${coding(3, 'c0000000-0000-4000-8000-0000000000ff')}</PlainTextSelection>
</TextSource>
<TextSource guid="a0000000-0000-4000-8000-000000000001" name="missing.txt" plainTextPath="internal://missing.txt"/>`,
    );
    const result = importQdpx(makeZip({ 'project.qde': qde }), 'bad.qdpx');
    const lineOf = (pattern: RegExp): number | undefined => result.notices.find((notice) => pattern.test(notice.message))?.line;
    const lines = qde.split('\n');
    const lineWith = (needle: string): number => lines.findIndex((line) => line.includes(needle)) + 1;
    assert.equal(lineOf(/lies outside the text/u), lineWith('b0000000-0000-4000-8000-000000000002'));
    assert.equal(lineOf(/never defines/u), lineWith('b0000000-0000-4000-8000-000000000003'));
    assert.equal(lineOf(/"missing\.txt" left out/u), lineWith('name="missing.txt"'));
    assert.equal(lineOf(/reuses the GUID a0000000/u), lineWith('name="missing.txt"'));
    assert.equal(result.summary.tallies.codings.arrived, 1);
    assert.equal(result.lostCodings, 2);
    assert.match(result.files.find((file) => file.path === 'ok.txt.codes.yaml')?.content ?? '', /lines: \[1, 1\]/u);
  });

  it('reads a .qde\'s sources beside it, never outside its folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'refi-beside-'));
    mkdirSync(join(root, 'study'));
    writeFileSync(join(root, 'study', 'a.txt'), 'Teks A\n');
    writeFileSync(join(root, 'secret.txt'), 'rahasia\n');
    const qde = project(
      'x',
      ['relative://a.txt', '../secret.txt', `absolute://${join(root, 'secret.txt')}`]
        .map((path, index) => `<TextSource guid="a0000000-0000-4000-8000-00000000000${index}" name="s${index}.txt" plainTextPath="${path}"/>`)
        .join('\n'),
    );
    const result = importQde(new TextEncoder().encode(qde), 'study/project.qde', besideReader(join(root, 'study')));
    assert.deepEqual(result.files.map((file) => file.path).filter((path) => path.endsWith('.txt')), ['s0.txt']);
    assert.equal(result.notices.filter((notice) => /outside the folder of the project/u.test(notice.message)).length, 2);
    assert.ok(!result.files.some((file) => file.content.includes('rahasia')));
  });
});
