/**
 * CodingSession under random sequences of coding operations, undo/redo, keystrokes and
 * saves, checked against a model of which codes exist with which fields: no code is
 * ever lost or invented, every written sidecar re-parses, unsaved typing never changes
 * the written text, a save writes each attached code on its quote, and undoing
 * everything gives back the sidecar the session was opened with.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { sitsOnQuote, type TextEdit } from '../../src/core/anchoring';
import { QUOTE_MAX_CHARS, quoteOfLines } from '../../src/core/transcript/quote';
import { seededRandom as seeded } from '../../src/core/text/seeded-random';
import { CodingSession } from '../../src/core/session';
import { newCodeId, parseSidecar, serializeSidecar, type SidecarParseOk } from '../../src/core/sidecar';
import type { CodeEntry, SidecarData } from '../../src/core/sidecar/model';
import { parseLine, splitLines } from '../../src/core/transcript/transcript';

const SIDECAR = 'study/wawancara.txt.codes.yaml';
const FILE_NAME = 'wawancara.txt';

/** Few distinct lines, so that repeated and similar text is common. */
const LINE_TEXTS = [
  'Ani: Ya.',
  'Budi: Anggaran kami terbatas.',
  'Ani: Tidak ada pelatihan untuk operator.',
  'Interviewer: Lalu bagaimana?',
  '',
  'Budi: [00:01:02] Koordinasi antar bidang belum jalan.',
  '**Sekretaris:** Server sering mati.',
  'Catatan tanpa pembicara',
] as const;

const INSERTS = ['x', ' kata', '\n', '\n\n', 'Budi: Ya.\n', '\nAni: Tidak.', 'Ani: baru\nBudi: lagi', ''] as const;
const CODES = ['jones/organization/coordination', 'jones/organization/apparatus-resources', 'jones/interpretation/rules'] as const;
const POLARITIES = ['supporting', 'inhibiting', 'effort', 'neutral'] as const;
const FACTORS = ['Rapat rutin', 'Anggaran kurang', 'Faktor: "kutip" # bukan komentar', 'Pelatihan 😅'] as const;
const MEMOS = [undefined, '', 'catatan', 'dua\nbaris'] as const;

type Fields = Pick<CodeEntry, 'code' | 'polarity' | 'factor' | 'coder'> & { memo?: string };

interface ModelState {
  codes: Map<string, Fields>;
  attributes: Record<string, string>;
}

type Op =
  | { kind: 'add'; ranges: Array<[number, number]>; code: number; polarity: number; factor: number; memo: number; seed: number }
  | { kind: 'update'; pick: number; code?: number; polarity?: number; factor?: number; memo?: number }
  | { kind: 'remove'; picks: number[] }
  | { kind: 'place'; pick: number; range: [number, number] }
  | { kind: 'attributes'; agency: string; informant: string }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'type'; edits: Array<{ at: number; length: number; insert: number }> }
  | { kind: 'save' };

const nat = fc.nat({ max: 1000 });
const range = fc.tuple(nat, fc.nat({ max: 4 })).map(([start, span]): [number, number] => [start, span]);
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), ranges: fc.array(range, { minLength: 1, maxLength: 3 }), code: nat, polarity: nat, factor: nat, memo: nat, seed: fc.integer() }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('update' as const), pick: nat, code: nat, polarity: nat, factor: nat, memo: nat },
      { requiredKeys: ['kind', 'pick'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), picks: fc.array(nat, { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('place' as const), pick: nat, range }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attributes' as const), agency: fc.constantFrom('', ' ', 'Dinas Kominfo', 'BKPSDMD'), informant: fc.constantFrom('', 'Kepala') }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      edits: fc.array(fc.record({ at: nat, length: fc.oneof(fc.constant(0), fc.nat({ max: 40 })), insert: fc.nat({ max: INSERTS.length - 1 }) }), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'save' as const }) },
);

interface Scenario {
  lines: number[];
  initialCodes: Array<[number, number]>;
  withSidecar: boolean;
  markWritten: boolean;
  ops: Op[];
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  lines: fc.array(fc.nat({ max: LINE_TEXTS.length - 1 }), { minLength: 1, maxLength: 14 }),
  initialCodes: fc.array(range, { maxLength: 4 }),
  withSidecar: fc.boolean(),
  markWritten: fc.boolean(),
  ops: fc.array(opArbitrary, { maxLength: 30 }),
});

function bodiesOf(text: string): string[] {
  return splitLines(text).map((line, index) => {
    const parsed = parseLine(line, index + 1);
    return line.slice(parsed.body.start, parsed.body.end);
  });
}

/** A range [start, span] of the generator, made valid for `lineCount` lines. */
function fit([start, span]: [number, number], lineCount: number): [number, number] {
  const first = 1 + (start % lineCount);
  return [first, Math.min(lineCount, first + span)];
}

function parseOk(text: string): SidecarParseOk {
  const parsed = parseSidecar(text, SIDECAR);
  assert.equal(parsed.status, 'ok', `${JSON.stringify(parsed.problems)}\n${text}`);
  return parsed as SidecarParseOk;
}

function fieldsOf(entry: CodeEntry): Fields {
  return entry.memo === undefined
    ? { code: entry.code, polarity: entry.polarity, factor: entry.factor, coder: entry.coder }
    : { code: entry.code, polarity: entry.polarity, factor: entry.factor, coder: entry.coder, memo: entry.memo };
}

const copyState = (state: ModelState): ModelState => ({ codes: new Map(state.codes), attributes: { ...state.attributes } });

function initialSidecar(text: string, scenario: Scenario): { sidecarText: string | undefined; state: ModelState } {
  const state: ModelState = { codes: new Map(), attributes: {} };
  if (!scenario.withSidecar) return { sidecarText: undefined, state };
  const bodies = bodiesOf(text);
  const random = seeded(scenario.lines.length * 31 + scenario.initialCodes.length);
  const ids = new Set<string>();
  const codes = scenario.initialCodes.map((generated, index): CodeEntry => {
    const lines = fit(generated, bodies.length);
    const id = newCodeId(ids, random);
    ids.add(id);
    const entry: CodeEntry = {
      id,
      lines,
      code: CODES[index % CODES.length] as string,
      polarity: POLARITIES[index % POLARITIES.length] as string,
      factor: `Faktor ${index}`,
      quote: quoteOfLines(bodies, lines[0], lines[1]),
      coder: 'rina',
    };
    state.codes.set(id, fieldsOf(entry));
    return entry;
  });
  state.attributes = { agency: 'BKPSDMD' };
  const data: SidecarData = { version: 1, transcript: FILE_NAME, attributes: { ...state.attributes }, codes };
  return { sidecarText: serializeSidecar(data), state };
}

function applyEditsToText(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  return result;
}

/** Runs one scenario and checks the invariants after every step. */
function run(scenario: Scenario): void {
  let text = scenario.lines.map((index) => LINE_TEXTS[index]).join('\n') + '\n';
  const initial = initialSidecar(text, scenario);
  const session = CodingSession.open(text, initial.sidecarText, SIDECAR, FILE_NAME);
  assert.equal(session.sidecarText(), initial.sidecarText, 'a canonical sidecar is written back unchanged');

  let model = copyState(initial.state);
  const undoModel: ModelState[] = [];
  const redoModel: ModelState[] = [];
  let saved = false;
  let written = initial.sidecarText !== undefined;

  const ids = (): string[] => [...model.codes.keys()].sort();
  const perform = (next: ModelState): void => {
    undoModel.push(model);
    redoModel.length = 0;
    model = next;
  };

  const check = (step: string): string | undefined => {
    const out = session.sidecarText();
    const lineCount = session.lineCount();
    // codesAt first: after typing it builds only the codes on its line, without codes()'s cache.
    const byLine = Array.from({ length: lineCount }, (_, index) => session.codesAt(index + 1));
    const live = session.codes();
    assert.deepEqual(live.map((code) => code.entry.id).sort(), ids(), `${step}: live codes`);
    for (const { entry } of live) assert.deepEqual(fieldsOf(entry), model.codes.get(entry.id), `${step}: live fields of ${entry.id}`);
    byLine.forEach((codes, index) => {
      const line = index + 1;
      const expected = live.filter(({ entry }) => entry.lines[0] <= line && line <= entry.lines[1]);
      assert.deepEqual(codes, expected, `${step}: codesAt(${line}) is codes() on that line`);
      assert.deepEqual(session.codesAt(line), expected, `${step}: codesAt(${line}) again, from codes()'s cache`);
    });
    for (const { entry } of live) {
      assert.ok(1 <= entry.lines[0] && entry.lines[0] <= entry.lines[1] && entry.lines[1] <= lineCount, `${step}: live lines ${entry.lines} of ${lineCount}`);
    }
    if (out === undefined) {
      assert.ok(!written && model.codes.size === 0 && Object.keys(model.attributes).length === 0, `${step}: nothing written`);
      return out;
    }
    const data = parseOk(out).data;
    assert.deepEqual(data.codes.map((code) => code.id).sort(), ids(), `${step}: written codes\n${out}`);
    for (const code of data.codes) {
      assert.deepEqual(fieldsOf(code), model.codes.get(code.id), `${step}: fields of ${code.id}`);
      assert.ok(code.lines[0] >= 1 && code.lines[0] <= code.lines[1], `${step}: lines of ${code.id}`);
      assert.ok(Array.from(code.quote).length <= QUOTE_MAX_CHARS);
    }
    assert.deepEqual(data.attributes, model.attributes, `${step}: attributes`);
    return out;
  };

  /** Where each code was last written: only a save or a placement may change that. */
  let writtenLines = new Map<string, string>();
  const emit = (step: string, movesCodes: boolean): void => {
    const out = check(step);
    const now = new Map(out === undefined ? [] : parseOk(out).data.codes.map((code) => [code.id, String(code.lines)]));
    if (!movesCodes) {
      for (const [id, lines] of now) {
        const before = writtenLines.get(id);
        if (before !== undefined) assert.equal(lines, before, `${step}: ${id} is written where it was (its saved lines)`);
      }
    }
    writtenLines = now;
    if (out !== undefined && scenario.markWritten) {
      session.markWritten(out);
      written = true;
    }
  };
  emit('open', true);

  for (const [index, op] of scenario.ops.entries()) {
    const step = `step ${index} ${JSON.stringify(op)}`;
    const current = [...model.codes.keys()];
    // Lines of the text as a file: codes cannot sit on the empty line after a final line break.
    const lineCount = splitLines(text).length;
    let placing = false;
    if (lineCount === 0 && (op.kind === 'add' || (op.kind === 'place' && current.length > 0))) {
      const attempt = (): unknown =>
        op.kind === 'add' ? session.addCodes([[1, 1]], { code: 'a/b', polarity: 'neutral', factor: 'f', coder: 'adi' }, seeded(1)) : session.placeCode(current[0] as string, [1, 1]);
      assert.throws(attempt, RangeError, `${step}: no line to code in an empty transcript`);
      check(step);
      continue;
    }
    switch (op.kind) {
      case 'add': {
        const fields: Fields = {
          code: CODES[op.code % CODES.length] as string,
          polarity: POLARITIES[op.polarity % POLARITIES.length] as string,
          factor: FACTORS[op.factor % FACTORS.length] as string,
          coder: 'adi',
        };
        const memo = MEMOS[op.memo % MEMOS.length];
        const added = session.addCodes(
          op.ranges.map((generated) => fit(generated, lineCount)),
          memo === undefined ? fields : { ...fields, memo },
          seeded(op.seed),
        );
        assert.equal(added.length, op.ranges.length);
        const next = copyState(model);
        for (const id of added) {
          assert.ok(!next.codes.has(id), `${step}: id ${id} reused`);
          next.codes.set(id, memo === undefined || memo === '' ? fields : { ...fields, memo });
        }
        perform(next);
        break;
      }
      case 'update': {
        const id = current[op.pick % Math.max(1, current.length)];
        if (id === undefined) continue;
        const changes: { code?: string; polarity?: string; factor?: string; memo?: string } = {};
        if (op.code !== undefined) changes.code = CODES[op.code % CODES.length] as string;
        if (op.polarity !== undefined) changes.polarity = POLARITIES[op.polarity % POLARITIES.length] as string;
        if (op.factor !== undefined) changes.factor = FACTORS[op.factor % FACTORS.length] as string;
        if (op.memo !== undefined) {
          const memo = MEMOS[op.memo % MEMOS.length];
          if (memo !== undefined) changes.memo = memo;
        }
        session.updateCode(id, changes);
        const next = copyState(model);
        const updated: Fields = { ...(model.codes.get(id) as Fields), ...changes };
        if (updated.memo === undefined || updated.memo === '') delete updated.memo;
        next.codes.set(id, updated);
        perform(next);
        break;
      }
      case 'remove': {
        if (current.length === 0) continue;
        const removed = [...new Set(op.picks.map((pick) => current[pick % current.length] as string))];
        session.removeCodes(removed);
        const next = copyState(model);
        for (const id of removed) next.codes.delete(id);
        perform(next);
        break;
      }
      case 'place': {
        const id = current[op.pick % Math.max(1, current.length)];
        if (id === undefined) continue;
        session.placeCode(id, fit(op.range, lineCount));
        perform(copyState(model));
        break;
      }
      case 'attributes': {
        session.setAttributes({ agency: op.agency, informant: op.informant });
        const next = copyState(model);
        next.attributes = Object.fromEntries(Object.entries({ agency: op.agency, informant: op.informant }).filter(([, value]) => value.trim() !== ''));
        perform(next);
        break;
      }
      case 'undo': {
        placing = session.undoInfo()?.label === 're-anchor code';
        const previous = undoModel.pop();
        assert.equal(session.undo(), previous !== undefined, `${step}: undo available`);
        if (previous !== undefined) {
          redoModel.push(model);
          model = previous;
        }
        break;
      }
      case 'redo': {
        placing = session.redoInfo()?.label === 're-anchor code';
        const next = redoModel.pop();
        assert.equal(session.redo(), next !== undefined, `${step}: redo available`);
        if (next !== undefined) {
          undoModel.push(model);
          model = next;
        }
        break;
      }
      case 'type': {
        const before = session.sidecarText();
        const edits: TextEdit[] = [];
        let length = text.length;
        for (const generated of op.edits) {
          const offset = generated.at % (length + 1);
          const deleted = Math.min(generated.length, length - offset);
          const inserted = INSERTS[generated.insert] as string;
          edits.push({ offset, length: deleted, text: inserted });
          length += inserted.length - deleted;
        }
        session.applyEdits(edits);
        text = applyEditsToText(text, edits);
        if (undoModel.length > 0) assert.equal(session.undoInfo()?.isNewest, false, `${step}: a keystroke is newer than the operation`);
        // Also shows that sidecarText is a pure read.
        assert.equal(session.sidecarText(), before, `${step}: unsaved typing changes nothing on disk`);
        continue;
      }
      case 'save': {
        const out = session.sidecarText({ savedText: text });
        saved = true;
        check(step);
        if (out !== undefined) {
          const bodies = bodiesOf(text);
          const detached = new Set(session.codes().filter((code) => code.detached).map((code) => code.entry.id));
          for (const code of parseOk(out).data.codes) {
            if (detached.has(code.id)) continue;
            assert.ok(sitsOnQuote(bodies, code), `${step}: ${code.id} at ${code.lines} is written on its quote "${code.quote}"\n${text}`);
          }
          assert.equal(session.sidecarText({ savedText: text }), out, `${step}: saving again changes nothing`);
        }
        emit(step, true);
        continue;
      }
    }
    if (op.kind !== 'undo' && op.kind !== 'redo') assert.equal(session.undoInfo()?.isNewest, true, `${step}: the operation is the newest change`);
    emit(step, placing || op.kind === 'place');
  }

  // Undo everything, then redo everything.
  const beforeUndoAll = session.sidecarText();
  let undone = 0;
  while (session.undo()) undone++;
  assert.equal(undone, undoModel.length, 'every operation can be undone');
  assert.deepEqual(session.codes().map((code) => code.entry.id).sort(), [...initial.state.codes.keys()].sort(), 'undo all: the original codes');
  const afterUndoAll = session.sidecarText();
  if (!saved && (initial.sidecarText !== undefined || !written)) {
    assert.equal(afterUndoAll, initial.sidecarText, 'undo all: the original sidecar text');
  } else if (afterUndoAll !== undefined) {
    parseOk(afterUndoAll);
  }
  for (let redone = 0; redone < undone; redone++) assert.equal(session.redo(), true, 'every undone operation can be redone');
  assert.deepEqual(session.codes().map((code) => code.entry.id).sort(), ids(), 'redo all that was undone: the codes before undo all');
  // After a save, undo and redo of a placement write it where it is now (its old saved lines are stale).
  if (!saved) assert.equal(session.sidecarText(), beforeUndoAll, 'redo all that was undone: the text before undo all');
}

describe('CodingSession (property)', function () {
  // Each step writes and re-reads a sidecar; a run is a few hundred of them.
  this.timeout(300_000);

  it('never loses or invents a code, writes only parseable sidecars, and undo all gives back the original', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        run(scenario);
      }),
      { numRuns: 150 },
    );
  });

  it('the same with long sequences on a transcript of many lines', () => {
    const long = fc.record({
      lines: fc.array(fc.nat({ max: LINE_TEXTS.length - 1 }), { minLength: 20, maxLength: 60 }),
      initialCodes: fc.array(range, { minLength: 3, maxLength: 8 }),
      withSidecar: fc.constant(true),
      markWritten: fc.boolean(),
      ops: fc.array(opArbitrary, { minLength: 30, maxLength: 60 }),
    });
    fc.assert(
      fc.property(long, (scenario) => {
        run(scenario);
      }),
      { numRuns: 30 },
    );
  });
});
