/**
 * A project as QualCoder's exporter writes ours back (refi.py text_selection_xml: one
 * PlainTextSelection per coding, the machine map gone): the polarity folder is known by
 * its name, and each polarity coding goes to the codes of the same passage and coder.
 * What cannot be paired is named, never dropped in silence.
 */
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { importQde } from '../../src/core/refi-qda/import-qdpx';
import type { SidecarData } from '../../src/core/sidecar';

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const RINA = G(900);
const BUDI = G(901);
const CODE_A = G(1);
const CODE_B = G(2);
const SUPPORTING = G(11);
const INHIBITING = G(12);

const TEXT = 'Kaban: Anggaran kurang.\nSekretaris: Staf belum dilatih.\nKaban: Selesai.\n';
const LINE_1 = 'startPosition="0" endPosition="23"';
const LINE_2 = 'startPosition="24" endPosition="56"';
const LINE_3 = 'startPosition="57" endPosition="72"';

let selections = 100;
function selection(at: string, code: string, user: string, memo?: string): string {
  selections++;
  const description = memo === undefined ? '' : `<Description>${memo}</Description>`;
  return `<PlainTextSelection guid="${G(selections)}" ${at} name="(the selected text)" creatingUser="${user}">${description}<Coding guid="${G(selections + 500)}" creatingUser="${user}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
}

function qualcoderLike(sources: string): Uint8Array {
  return new TextEncoder().encode(`<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="studi.qda" origin="QualCoder 4.0 Beta">
<Users><User guid="${RINA}" name="rina"/><User guid="${BUDI}" name="budi"/></Users>
<CodeBook><Codes>
<Code guid="${G(20)}" name="Jones" isCodable="false">
<Code guid="${CODE_A}" name="Budget" isCodable="true"/>
<Code guid="${CODE_B}" name="Staff" isCodable="true"/>
</Code>
<Code guid="${G(21)}" name="Polarity" isCodable="false">
<Code guid="${SUPPORTING}" name="Supporting" isCodable="true"/>
<Code guid="${INHIBITING}" name="Inhibiting" isCodable="true"/>
</Code>
</Codes></CodeBook>
<Sources><TextSource guid="${G(30)}" name="dinas a.txt"><PlainTextContent>${TEXT}</PlainTextContent>
${sources}
</TextSource></Sources>
<Description></Description>
</Project>
`);
}

function codesOf(result: ReturnType<typeof importQde>): SidecarData['codes'] {
  const sidecar = result.files.find((file) => file.path.endsWith('.codes.yaml'));
  return (parseYaml(sidecar?.content ?? '') as SidecarData).codes;
}

describe('REFI-QDA import: polarity codings on selections of their own (QualCoder writes each coding so)', () => {
  it('gives each code the polarity of its passage and coder, and reads the folder as the polarities with their ids', () => {
    const result = importQde(
      qualcoderLike(
        [
          selection(LINE_1, CODE_A, RINA, 'Memo satu'),
          selection(LINE_1, SUPPORTING, RINA, 'Memo satu'),
          // Budi codes the same line: Rina's polarity is not his.
          selection(LINE_1, CODE_A, BUDI),
          selection(LINE_1, INHIBITING, BUDI),
          selection(LINE_2, CODE_B, RINA),
          selection(LINE_2, INHIBITING, RINA),
        ].join('\n'),
      ),
      'studi.qde',
    );
    assert.equal(result.lostCodings, 0);
    assert.equal(result.summary.tallies.codings.arrived, 6);
    const codes = codesOf(result).map(({ lines, code, polarity, coder, memo }) => `${lines[0]} ${code} ${polarity} ${coder} ${memo ?? '-'}`);
    assert.deepEqual(codes.sort(), ['1 jones/budget inhibiting budi -', '1 jones/budget supporting rina Memo satu', '2 jones/staff inhibiting rina -']);
    const codebook = result.files.find((file) => file.path === 'codebook.yaml')?.content ?? '';
    assert.match(codebook, /id: supporting, label: \{en: "Supporting", id: "Pendukung"\}/u);
    assert.doesNotMatch(codebook, /id: polarity\b/u);
    assert.ok(result.notices.some((notice) => notice.line === 9 && /code folder "Polarity" read as the polarities/u.test(notice.message)));
    assert.ok(!result.notices.some((notice) => /project description/u.test(notice.message)), 'an empty project Description is nothing left out');
  });

  it('decides between two polarities of one passage by the memo QualCoder copied to both, else names the choice', () => {
    const result = importQde(
      qualcoderLike(
        [
          selection(LINE_1, CODE_A, RINA, 'Dana ada'),
          selection(LINE_1, SUPPORTING, RINA, 'Dana ada'),
          selection(LINE_1, CODE_B, RINA, 'Staf kurang'),
          selection(LINE_1, INHIBITING, RINA, 'Staf kurang'),
          // No memo tells these apart.
          selection(LINE_2, CODE_A, RINA),
          selection(LINE_2, CODE_B, RINA),
          selection(LINE_2, SUPPORTING, RINA),
          selection(LINE_2, INHIBITING, RINA),
        ].join('\n'),
      ),
      'studi.qde',
    );
    assert.equal(result.lostCodings, 0);
    const codes = codesOf(result).map(({ lines, code, polarity }) => `${lines[0]} ${code} ${polarity}`);
    assert.deepEqual(codes.sort(), ['1 jones/budget supporting', '1 jones/staff inhibiting', '2 jones/budget supporting', '2 jones/staff supporting']);
    const choices = result.notices.filter((notice) => /has 2 polarities \(supporting, inhibiting\); kept the first/u.test(notice.message));
    assert.equal(choices.length, 2);
  });

  it('keeps a memo found only on the polarity coding, and names a polarity with no code beside it as left out', () => {
    const result = importQde(
      qualcoderLike(
        [
          selection(LINE_1, CODE_A, RINA),
          // Written in QualCoder on the polarity coding alone.
          selection(LINE_1, SUPPORTING, RINA, 'Catatan di QualCoder'),
          // A polarity coding alone: nothing to give it to.
          selection(LINE_3, INHIBITING, RINA),
        ].join('\n'),
      ),
      'studi.qde',
    );
    assert.deepEqual(
      codesOf(result).map(({ code, polarity, memo }) => ({ code, polarity, memo })),
      [{ code: 'jones/budget', polarity: 'supporting', memo: 'Catatan di QualCoder' }],
    );
    assert.equal(result.lostCodings, 1);
    assert.ok(result.notices.some((notice) => /has no code that line codes can hold; left out \(1 coding\(s\) lost\)/u.test(notice.message)));
  });

  it('leaves an ordinary folder called "Polarity" alone when none of its codes is a polarity', () => {
    const bytes = new TextDecoder().decode(qualcoderLike(selection(LINE_1, SUPPORTING, RINA))).replace('name="Supporting"', 'name="Positif"').replace('name="Inhibiting"', 'name="Negatif"');
    const result = importQde(new TextEncoder().encode(bytes), 'studi.qde');
    assert.deepEqual(codesOf(result).map(({ code, polarity }) => `${code} ${polarity}`), ['polarity/positif neutral']);
    assert.ok(!result.notices.some((notice) => /read as the polarities/u.test(notice.message)));
  });
});
