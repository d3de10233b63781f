/**
 * Nothing is lost, over the whole pipeline (issue 7). A generated study (codebook,
 * transcripts in several encodings, sidecars with codes on their text and some that are
 * not) goes through a random sequence of what happens to a real one:
 *
 * - coding in the editor: CodingSession with coding operations, undo/redo, keystrokes,
 *   saves, or closing without saving (the extension's CodedDocuments, minus VS Code);
 * - the transcript rewritten outside the editor (lines inserted, deleted, changed,
 *   moved; the file re-saved as UTF-16, with a BOM or CRLF), then either
 *   `reanchor --write` (reanchorRecord) or the extension opening it (movedOnOpen);
 * - two coders branching and merging by code id in both directions (mergeSidecars, as
 *   the git merge driver), with the codes of each side written in a random order, and
 *   sometimes `resolve --take ours|theirs` afterwards;
 * - two writers: the CLI or another window writes the sidecar while the editor holds an
 *   unwritten change (CodingSession.reloadSidecarKeepingLocalChanges).
 *
 * After every step the study on disk is checked (reliability-fixtures checkStudy): every
 * sidecar reads, its code ids are exactly those the model says (none lost, none
 * invented), and every code either sits on its quote or `validate` reports it as moved
 * or an orphan; at the end of each case `check-integrity` must flag exactly the codes
 * not on their quote.
 *
 * 10,000 cases by default; FC_RUNS=<n> runs n, RELIABILITY_LARGE=1 runs 100,000.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { sitsOnQuote, type TextEdit } from '../../src/core/anchoring';
import { encodeText, type TextEncodingName } from '../../src/core/transcript/encoding';
import { mergeSidecars, readConflictRecords, takeSide } from '../../src/core/merge';
import { quoteOfLines } from '../../src/core/transcript/quote';
import { reanchorRecord } from '../../src/core/follow/reanchor-study';
import { CodingSession } from '../../src/core/session';
import { newCodeId, serializeSidecar } from '../../src/core/sidecar';
import type { CodeEntry } from '../../src/core/sidecar/model';
import { loadRecord } from '../../src/core/study/study';
import { splitLines } from '../../src/core/transcript/transcript';
import {
  bodiesOf,
  checkStudy,
  CODE_PATHS,
  CODEBOOK,
  CODERS,
  expectedMergeIds,
  FACTORS,
  LINE_POOL,
  MemoryStudy,
  parseOk,
  POLARITIES,
  runs,
  seeded,
} from './reliability-fixtures';

const DEFAULT_CASES = 10_000;
const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];
const INSERTS = ['x', ' kata', '\n', 'Budi: Ya.\n', '\nAni: Tidak.', ''] as const;

type EditorOp =
  | { op: 'add'; at: number; span: number; code: number; polarity: number; factor: number; seed: number }
  | { op: 'update'; pick: number; factor: number; polarity: number }
  | { op: 'remove'; pick: number }
  | { op: 'undo' }
  | { op: 'redo' }
  | { op: 'type'; at: number; del: number; insert: number }
  | { op: 'save' };

type Mutation =
  | { kind: 'insert'; at: number; line: number }
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; line: number }
  | { kind: 'edit'; at: number }
  | { kind: 'move'; from: number; count: number; to: number };

type Step =
  | { kind: 'inside'; t: number; ops: EditorOp[]; end: 'save' | 'discard' }
  | { kind: 'outside'; t: number; mutations: Mutation[]; encoding: number; crlf: boolean }
  | { kind: 'reanchor-cli' }
  | { kind: 'open-in-editor'; t: number }
  | { kind: 'merge'; t: number; ours: EditorOp[]; theirs: EditorOp[]; seed: number; resolve: 'none' | 'ours' | 'theirs' }
  | { kind: 'two-writers'; t: number; ours: EditorOp[]; theirs: EditorOp[] | 'reanchor'; seed: number };

interface InitialTranscript {
  lines: number[];
  codes: Array<{ at: number; span: number; stale: boolean }>;
  withSidecar: boolean;
  encoding: number;
}

const nat = fc.nat({ max: 1000 });
const codingOp: fc.Arbitrary<EditorOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('add' as const), at: nat, span: fc.nat({ max: 3 }), code: nat, polarity: nat, factor: nat, seed: fc.integer() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), pick: nat, factor: nat, polarity: nat }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: nat }) },
  { weight: 1, arbitrary: fc.constant({ op: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'redo' as const }) },
);
const editorOp: fc.Arbitrary<EditorOp> = fc.oneof(
  { weight: 6, arbitrary: codingOp },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('type' as const), at: nat, del: fc.oneof(fc.constant(0), fc.nat({ max: 30 })), insert: fc.nat({ max: INSERTS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'save' as const }) },
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: nat, line: fc.nat({ max: LINE_POOL.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: nat }),
  fc.record({ kind: fc.constant('replace' as const), at: nat, line: fc.nat({ max: LINE_POOL.length - 1 }) }),
  fc.record({ kind: fc.constant('edit' as const), at: nat }),
  fc.record({ kind: fc.constant('move' as const), from: nat, count: fc.integer({ min: 1, max: 4 }), to: nat }),
);
const transcriptIndex = fc.nat({ max: 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('inside' as const), t: transcriptIndex, ops: fc.array(editorOp, { maxLength: 10 }), end: fc.constantFrom('save' as const, 'discard' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('outside' as const), t: transcriptIndex, mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }), encoding: fc.nat({ max: ENCODINGS.length - 1 }), crlf: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'reanchor-cli' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open-in-editor' as const), t: transcriptIndex }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      t: transcriptIndex,
      ours: fc.array(codingOp, { maxLength: 5 }),
      theirs: fc.array(codingOp, { maxLength: 5 }),
      seed: fc.integer(),
      resolve: fc.constantFrom('none' as const, 'none' as const, 'ours' as const, 'theirs' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('two-writers' as const),
      t: transcriptIndex,
      ours: fc.array(codingOp, { minLength: 1, maxLength: 4 }),
      theirs: fc.oneof(fc.constant('reanchor' as const), fc.array(codingOp, { maxLength: 4 })),
      seed: fc.integer(),
    }),
  },
);
const initialTranscript: fc.Arbitrary<InitialTranscript> = fc.record({
  lines: fc.array(fc.nat({ max: LINE_POOL.length - 1 }), { maxLength: 14 }),
  codes: fc.array(fc.record({ at: nat, span: fc.nat({ max: 3 }), stale: fc.nat({ max: 6 }).map((n) => n === 0) }), { maxLength: 5 }),
  withSidecar: fc.nat({ max: 4 }).map((n) => n > 0),
  encoding: fc.nat({ max: ENCODINGS.length - 1 }),
});
const scenario = fc.record({
  transcripts: fc.array(initialTranscript, { minLength: 1, maxLength: 2 }),
  steps: fc.array(step, { minLength: 1, maxLength: 3 }),
  seed: fc.integer(),
});

interface TranscriptState {
  path: string;
  name: string;
  sidecarPath: string;
  /** LF text as saved on disk. */
  text: string;
}

class Pipeline {
  readonly study = new MemoryStudy({ 'codebook.yaml': CODEBOOK });
  readonly transcripts: TranscriptState[] = [];
  readonly expected = new Map<string, Set<string>>();
  readonly figures = { steps: 0, merges: 0, conflicts: 0, reloads: 0, codes: 0, reported: 0 };

  constructor(initial: InitialTranscript[], seed: number) {
    const random = seeded(seed);
    initial.forEach((transcript, index) => {
      const name = `wawancara-${index + 1}.txt`;
      const path = `transcripts/dinas-${index % 2}/${name}`;
      const state: TranscriptState = { path, name, sidecarPath: `${path}.codes.yaml`, text: transcript.lines.map((line) => LINE_POOL[line]).join('\n') + (transcript.lines.length > 0 ? '\n' : '') };
      this.transcripts.push(state);
      this.writeTranscript(state, ENCODINGS[transcript.encoding] ?? 'utf-8', false);
      const ids = new Set<string>();
      this.expected.set(state.sidecarPath, ids);
      if (!transcript.withSidecar) return;
      const bodies = bodiesOf(state.text);
      const codes: CodeEntry[] = [];
      transcript.codes.forEach((generated, n) => {
        const lineCount = Math.max(1, bodies.length);
        const first = 1 + (generated.at % lineCount);
        const lines: [number, number] = [first, Math.min(lineCount, first + generated.span)];
        const id = newCodeId(ids, random);
        ids.add(id);
        codes.push({
          id,
          lines: generated.stale && n % 2 === 0 ? [lines[0] + 40, lines[1] + 40] : lines,
          code: CODE_PATHS[n % CODE_PATHS.length] as string,
          polarity: POLARITIES[n % POLARITIES.length] as string,
          factor: FACTORS[n % FACTORS.length] as string,
          quote: generated.stale ? 'Teks yang sudah tidak ada di transkrip' : quoteOfLines(bodies, lines[0], lines[1]),
          coder: CODERS[n % CODERS.length] as string,
        });
      });
      this.study.write(state.sidecarPath, serializeSidecar({ version: 1, transcript: name, attributes: { agency: `Dinas ${index % 2}` }, codes }));
    });
  }

  writeTranscript(state: TranscriptState, encoding: TextEncodingName, crlf: boolean): void {
    this.study.write(state.path, encodeText(state.text, encoding, crlf ? 'crlf' : 'lf'));
  }

  sidecar(state: TranscriptState): string | undefined {
    return this.study.text(state.sidecarPath);
  }

  async run(current: Step, label: string): Promise<void> {
    this.figures.steps++;
    const state = 't' in current ? this.transcripts[current.t % this.transcripts.length] : undefined;
    switch (current.kind) {
      case 'inside':
        if (state !== undefined) this.inside(state, current.ops, current.end);
        return;
      case 'outside':
        if (state !== undefined) this.outside(state, current);
        return;
      case 'reanchor-cli':
        await this.reanchorCli(label);
        return;
      case 'open-in-editor':
        if (state !== undefined) this.openInEditor(state);
        return;
      case 'merge':
        if (state !== undefined) this.merge(state, current, label);
        return;
      case 'two-writers':
        if (state !== undefined) await this.twoWriters(state, current, label);
        return;
    }
  }

  /** Coding in the editor, with the writes CodedDocuments makes, ending in a save or a close without saving. */
  private inside(state: TranscriptState, ops: readonly EditorOp[], end: 'save' | 'discard'): void {
    const ids = this.expected.get(state.sidecarPath) ?? new Set<string>();
    const editor = new Editor(state, this.sidecar(state), ids, true);
    editor.perform(ops);
    if (end === 'save') {
      editor.save();
    } else if (editor.codedWhileDirty && editor.written !== undefined) {
      // Closed without saving after coding on unsaved text: CodedDocuments.onClosed places those codes on the saved text by quote.
      const onDisk = CodingSession.open(editor.savedText, editor.written, state.sidecarPath, state.name);
      editor.written = onDisk.sidecarText({ savedText: editor.savedText }) ?? editor.written;
    }
    state.text = editor.savedText;
    if (editor.transcriptSaved) this.writeTranscript(state, 'utf-8', false);
    if (editor.written !== undefined) this.study.write(state.sidecarPath, editor.written);
    this.expected.set(state.sidecarPath, editor.ids);
  }

  /** The transcript rewritten by another editor, a sync tool or git. */
  private outside(state: TranscriptState, step: Extract<Step, { kind: 'outside' }>): void {
    const lines = splitLines(state.text);
    for (const change of step.mutations) {
      const at = lines.length === 0 ? 0 : change.kind === 'move' ? change.from % lines.length : change.at % (change.kind === 'insert' ? lines.length + 1 : lines.length);
      switch (change.kind) {
        case 'insert':
          lines.splice(at, 0, LINE_POOL[change.line] as string);
          break;
        case 'delete':
          lines.splice(at, 1);
          break;
        case 'replace':
          if (lines.length > 0) lines[at] = LINE_POOL[change.line] as string;
          break;
        case 'edit':
          if (lines.length > 0) lines[at] = `${lines[at] ?? ''} (ralat)`;
          break;
        case 'move': {
          const moved = lines.splice(at, change.count);
          lines.splice(change.to % (lines.length + 1), 0, ...moved);
          break;
        }
      }
    }
    state.text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    this.writeTranscript(state, ENCODINGS[step.encoding] ?? 'utf-8', step.crlf);
  }

  /** `transcript-coder reanchor --write`: exact finds are written, fuzzy ones and orphans left for a person. */
  private async reanchorCli(label: string): Promise<void> {
    // As loadStudy reads each record (the codebook plays no part in re-anchoring).
    const records = await Promise.all(this.transcripts.filter((state) => this.study.files.has(state.sidecarPath)).map((state) => loadRecord(this.study, state.sidecarPath, 'all')));
    for (const record of records) {
      const outcome = reanchorRecord(record);
      if (outcome.newText === undefined) continue;
      this.study.write(record.sidecarPath, outcome.newText);
      const bodies = record.transcript?.bodies ?? [];
      for (const code of parseOk(outcome.newText, record.sidecarPath).data.codes) {
        const move = outcome.moves.find((candidate) => candidate.id === code.id);
        if (move?.result.status === 'moved') assert.ok(sitsOnQuote(bodies, code), `${label}: a code reanchor moved is on its quote`);
      }
    }
  }

  /** The extension opening a transcript that changed outside it: codes found at their quotes are written where they are. */
  private openInEditor(state: TranscriptState): void {
    const sidecar = this.sidecar(state);
    const session = CodingSession.open(state.text, sidecar, state.sidecarPath, state.name);
    if (session.movedOnOpen.length === 0) return;
    const written = session.sidecarText({ savedText: state.text });
    if (written !== undefined) this.study.write(state.sidecarPath, written);
  }

  /** Two coders branch from the sidecar on disk and git merges them with the driver, in both directions. */
  private merge(state: TranscriptState, step: Extract<Step, { kind: 'merge' }>, label: string): void {
    const base = this.sidecar(state);
    const ids = this.expected.get(state.sidecarPath) ?? new Set<string>();
    const branch = (ops: readonly EditorOp[], seed: number): { text: string | undefined; ids: Set<string> } => {
      const editor = new Editor(state, base, ids, false, seed);
      editor.perform(ops);
      return { text: editor.written ?? base, ids: editor.ids };
    };
    const ours = branch(step.ours, step.seed);
    const theirs = branch(step.theirs, step.seed ^ 0x5bd1e995);
    if (ours.text === undefined || theirs.text === undefined) {
      // Only one side has the file: git takes it as it is.
      const only = ours.text ?? theirs.text;
      if (only !== undefined) this.study.write(state.sidecarPath, only);
      this.expected.set(state.sidecarPath, ours.text !== undefined ? ours.ids : theirs.ids);
      return;
    }
    const random = seeded(step.seed);
    const oursText = shuffleCodes(ours.text, random);
    const theirsText = shuffleCodes(theirs.text, random);
    const merged = mergeSidecars(base, oursText, theirsText, state.sidecarPath);
    const swapped = mergeSidecars(base, theirsText, oursText, state.sidecarPath);
    assert.equal(swapped.status === 'failed', merged.status === 'failed', `${label}: the merge fails either way round or neither`);
    this.figures.merges++;
    if (merged.status === 'failed') {
      // The driver leaves ours for a person; nothing of theirs is lost, it stays on their branch.
      this.study.write(state.sidecarPath, oursText);
      this.expected.set(state.sidecarPath, ours.ids);
      return;
    }
    const expected = expectedMergeIds(base, oursText, theirsText, state.sidecarPath);
    const mergedIds = parseOk(merged.text, state.sidecarPath).data.codes.map((code) => code.id).sort();
    assert.deepEqual(mergedIds, [...expected].sort(), `${label}: the merge keeps every code either side has, but what one side deleted and the other left alone`);
    assert.deepEqual(parseOk(swapped.text, state.sidecarPath).data.codes.map((code) => code.id).sort(), mergedIds, `${label}: merging the other way round keeps the same codes`);
    this.figures.conflicts += merged.conflicts.length;
    let text = merged.text;
    if (step.resolve !== 'none') {
      const deletedBy = [...readConflictRecords(text, state.sidecarPath).records.codes].filter(([, record]) => record['deleted-by'] === step.resolve).map(([id]) => id);
      const taken = takeSide(text, state.sidecarPath, step.resolve);
      if (taken.status !== 'failed') {
        text = taken.text;
        for (const id of deletedBy) expected.delete(id);
      }
    }
    this.study.write(state.sidecarPath, text);
    this.expected.set(state.sidecarPath, expected);
  }

  /**
   * The editor holds an unwritten coding change while the CLI (reanchor --write) or
   * another window writes the sidecar: CodedDocuments.write finds the file changed since
   * it read it and merges by code id instead of overwriting.
   */
  private async twoWriters(state: TranscriptState, step: Extract<Step, { kind: 'two-writers' }>, label: string): Promise<void> {
    const base = this.sidecar(state);
    const ids = this.expected.get(state.sidecarPath) ?? new Set<string>();
    const editor = new Editor(state, base, ids, false, step.seed);
    // The other writer goes first.
    let disk: string | undefined;
    let diskIds = ids;
    if (step.theirs === 'reanchor') {
      await this.reanchorCli(label);
      disk = this.sidecar(state);
    } else {
      const other = new Editor(state, base, ids, false, step.seed ^ 0x27d4eb2d);
      other.perform(step.theirs);
      disk = other.written ?? base;
      diskIds = other.ids;
      if (disk !== undefined) this.study.write(state.sidecarPath, disk);
    }
    editor.perform(step.ours);
    const ours = editor.session.sidecarText();
    if (ours === undefined) {
      // This editor has nothing to write (no sidecar, nothing coded): the other writer's file stands.
      this.expected.set(state.sidecarPath, diskIds);
      return;
    }
    if (disk === undefined || disk === base || disk === ours) {
      this.study.write(state.sidecarPath, ours);
      this.expected.set(state.sidecarPath, editor.ids);
      return;
    }
    this.figures.reloads++;
    const reload = editor.session.reloadSidecarKeepingLocalChanges(disk, base, state.text);
    assert.notEqual(reload.status, 'broken', `${label}: a readable sidecar on disk is merged`);
    const written = editor.session.sidecarText();
    assert.ok(written !== undefined, `${label}: the merged sidecar is written`);
    let expected: Set<string>;
    if (reload.status === 'merged') {
      expected = expectedMergeIds(base, ours, disk, state.sidecarPath);
      this.figures.conflicts += reload.conflicts.length;
      if (reload.conflicts.length > 0) {
        assert.ok(readConflictRecords(written, state.sidecarPath).records.codes.size > 0 || /\nconflict:/u.test(written), `${label}: the conflicts are recorded in the file`);
      }
    } else {
      // Replayed: the disk version, with this editor's removals and changes on top.
      const baseCodes = new Map(base === undefined ? [] : parseOk(base, state.sidecarPath).data.codes.map((code) => [code.id, JSON.stringify(code)]));
      const removedHere = [...baseCodes.keys()].filter((id) => !editor.ids.has(id));
      const changedHere = parseOk(ours, state.sidecarPath).data.codes.filter((code) => baseCodes.get(code.id) !== JSON.stringify(code)).map((code) => code.id);
      expected = new Set([...diskIds, ...changedHere].filter((id) => !removedHere.includes(id)));
    }
    assert.deepEqual(parseOk(written, state.sidecarPath).data.codes.map((code) => code.id).sort(), [...expected].sort(), `${label}: no update is lost (${reload.status})`);
    this.study.write(state.sidecarPath, written);
    this.expected.set(state.sidecarPath, expected);
  }
}

/**
 * One editor on one transcript: CodingSession driven as CodedDocuments drives it, with
 * a model of which code ids exist (undo and redo included).
 */
class Editor {
  readonly session: CodingSession;
  ids: Set<string>;
  private readonly undoIds: Set<string>[] = [];
  private readonly redoIds: Set<string>[] = [];
  /** The live text. */
  text: string;
  savedText: string;
  transcriptSaved = false;
  codedWhileDirty = false;
  /** The sidecar as last written. */
  written: string | undefined;

  constructor(
    private readonly state: TranscriptState,
    sidecar: string | undefined,
    ids: ReadonlySet<string>,
    private readonly typing: boolean,
    private readonly seed = 1,
  ) {
    this.session = CodingSession.open(state.text, sidecar, state.sidecarPath, state.name);
    this.ids = new Set(ids);
    this.text = state.text;
    this.savedText = state.text;
    this.written = undefined;
  }

  perform(ops: readonly EditorOp[]): void {
    ops.forEach((op, index) => this.apply(op, index));
    this.flush();
  }

  /**
   * CodedDocuments writes after every coding operation; only the last write of a run of
   * operations reaches the disk before anything else reads it, so the editor here writes
   * once at the end of a run (and at every save). Per-operation writes are what
   * session-property.test.ts checks.
   */
  private flush(): void {
    if (!this.pendingWrite) return;
    this.pendingWrite = false;
    const written = this.session.sidecarText();
    if (written !== undefined) this.wrote(written);
  }

  private pendingWrite = false;

  save(): void {
    this.pendingWrite = false;
    const written = this.session.sidecarText({ savedText: this.text });
    this.savedText = this.text;
    this.transcriptSaved = true;
    this.codedWhileDirty = false;
    if (written !== undefined) this.wrote(written);
  }

  /** As CodedDocuments writes: the text written becomes the base the next write keeps layout from. */
  private wrote(text: string): void {
    this.written = text;
    this.session.markWritten(text);
  }

  private coded(next: Set<string> | undefined): void {
    if (next !== undefined) {
      this.undoIds.push(this.ids);
      this.redoIds.length = 0;
      this.ids = next;
    }
    if (this.text !== this.savedText) this.codedWhileDirty = true;
    this.pendingWrite = true;
  }

  private apply(op: EditorOp, index: number): void {
    const current = this.session.codes().map((code) => code.entry.id);
    assert.deepEqual([...current].sort(), [...this.ids].sort(), `editor op ${index}: the session holds the codes the model says`);
    const lineCount = splitLines(this.text).length;
    switch (op.op) {
      case 'add': {
        if (lineCount === 0) return;
        const first = 1 + (op.at % lineCount);
        const added = this.session.addCodes(
          [[first, Math.min(lineCount, first + op.span)]],
          {
            code: CODE_PATHS[op.code % CODE_PATHS.length] as string,
            polarity: POLARITIES[op.polarity % POLARITIES.length] as string,
            factor: FACTORS[op.factor % FACTORS.length] as string,
            coder: CODERS[(op.seed >>> 0) % CODERS.length] as string,
          },
          seeded(op.seed ^ this.seed),
        );
        for (const id of added) assert.ok(!this.ids.has(id), `editor op ${index}: a new code takes an id no code has`);
        this.coded(new Set([...this.ids, ...added]));
        return;
      }
      case 'update': {
        const id = current[op.pick % Math.max(1, current.length)];
        if (id === undefined) return;
        this.session.updateCode(id, { factor: FACTORS[op.factor % FACTORS.length] as string, polarity: POLARITIES[op.polarity % POLARITIES.length] as string });
        this.coded(new Set(this.ids));
        return;
      }
      case 'remove': {
        const id = current[op.pick % Math.max(1, current.length)];
        if (id === undefined) return;
        this.session.removeCodes([id]);
        this.coded(new Set([...this.ids].filter((other) => other !== id)));
        return;
      }
      case 'undo': {
        const previous = this.undoIds.pop();
        assert.equal(this.session.undo(), previous !== undefined, `editor op ${index}: undo is there exactly when the model has something to undo`);
        if (previous !== undefined) {
          this.redoIds.push(this.ids);
          this.ids = previous;
          this.coded(undefined);
        }
        return;
      }
      case 'redo': {
        const next = this.redoIds.pop();
        assert.equal(this.session.redo(), next !== undefined, `editor op ${index}: redo is there exactly when the model has something to redo`);
        if (next !== undefined) {
          this.undoIds.push(this.ids);
          this.ids = next;
          this.coded(undefined);
        }
        return;
      }
      case 'type': {
        if (!this.typing) return;
        const offset = op.at % (this.text.length + 1);
        const edit: TextEdit = { offset, length: Math.min(op.del, this.text.length - offset), text: INSERTS[op.insert] as string };
        this.session.applyEdits([edit]);
        this.text = this.text.slice(0, edit.offset) + edit.text + this.text.slice(edit.offset + edit.length);
        return;
      }
      case 'save':
        if (this.typing) this.save();
        return;
    }
  }
}

/** The codes of a sidecar written in another order, as a person or another tool might. */
function shuffleCodes(text: string, random: () => number): string {
  const lines = text.split('\n');
  const start = lines.indexOf('codes:');
  if (start < 0) return text;
  let end = start + 1;
  while (end < lines.length && (lines[end]?.startsWith(' ') ?? false)) end++;
  const blocks: string[][] = [];
  for (let index = start + 1; index < end; index++) {
    const line = lines[index] ?? '';
    if (line.startsWith('  - ')) blocks.push([line]);
    else blocks[blocks.length - 1]?.push(line);
  }
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j] as string[], blocks[i] as string[]];
  }
  return [...lines.slice(0, start + 1), ...blocks.flat(), ...lines.slice(end)].join('\n');
}

export const pipelineFigures = { cases: 0, steps: 0, codesChecked: 0, codesReported: 0, merges: 0, conflicts: 0, reloads: 0 };

describe('reliability: nothing is lost over the whole pipeline (property)', function () {
  this.timeout(600_000);

  it(`every code stays on its text or is reported, and no code id is lost, over ${runs(DEFAULT_CASES)} generated studies`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ transcripts, steps, seed }) => {
        const pipeline = new Pipeline(transcripts, seed);
        await checkStudy(pipeline.study, pipeline.expected, 'initial study', { integrity: false });
        for (const [index, current] of steps.entries()) {
          const label = `step ${index} ${current.kind}`;
          await pipeline.run(current, label);
          const last = index === steps.length - 1;
          const checked = await checkStudy(pipeline.study, pipeline.expected, label, { integrity: last });
          pipelineFigures.codesChecked += checked.codes;
          pipelineFigures.codesReported += checked.reported;
        }
        pipelineFigures.cases++;
        pipelineFigures.steps += pipeline.figures.steps;
        pipelineFigures.merges += pipeline.figures.merges;
        pipelineFigures.conflicts += pipeline.figures.conflicts;
        pipelineFigures.reloads += pipeline.figures.reloads;
      }),
      { numRuns: runs(DEFAULT_CASES) },
    );
    assert.ok(pipelineFigures.cases >= runs(DEFAULT_CASES));
    // The generators reach every part of the pipeline.
    assert.ok(pipelineFigures.merges > 0 && pipelineFigures.reloads > 0 && pipelineFigures.codesReported > 0, JSON.stringify(pipelineFigures));
    if (process.env['RELIABILITY_FIGURES'] === '1') console.log(`pipeline figures: ${JSON.stringify(pipelineFigures)}`);
  });
});
