/**
 * One open transcript being coded: its sidecar data, where each code sits in the live
 * text, the coding operations and their undo history, and what to write when. The
 * extension owns one per open transcript and only translates events in and out, so
 * everything here is tested without an editor.
 *
 * Two positions per code. `diskLines` is where the code sits in the transcript as saved;
 * the live position follows every keystroke. A coding operation is written at once (a
 * code is never only in memory), but with the saved positions of the codes it did not
 * touch, so unsaved typing never moves anything on disk: the moves are written when the
 * transcript is saved and dropped when it is closed without saving (DESIGN §2, issue 3).
 *
 * The class is longer than the house's 400 lines on purpose: its parts — coding
 * operations, undo and redo, re-anchoring, taking in a sidecar changed on disk — change
 * the same private state together (the data, the live anchors, the saved lines, the
 * removed codes, the history), and split apart they would pass that state around. What
 * does not touch it lives beside it: model.ts (the types), codes-cache.ts, placing.ts.
 */
import { LiveAnchors, reanchor, type AnchorResult, type TextEdit } from '../anchoring';
import { frontMatterLastLine, lineBodyOf, parseLine, QUOTE_READS_CHARS, quoteOfLines } from '../transcript';
import { type CodeEntry, compareCodes, emptySidecar, newCodeEntry, newCodeId, parseSidecar, serializeSidecar, type SidecarData, sidecarDataEqual, type SidecarParse, type SidecarParseOk } from '../sidecar';
import { mergeSidecars } from '../merge';
import type { Problem } from '../problems';
import { CodesCache, sessionCode } from './codes-cache';
import { ReadOnlySidecarError, type CodeChanges, type CodeFields, type CodeSnapshot, type OpenOptions, type Operation, type ReanchorInput, type SessionCode, type SidecarReload } from './model';
import { allInPlace, bodiesOf } from './placing';

export class CodingSession {
  private data: SidecarData;
  private parsed: SidecarParseOk | undefined;
  private live: LiveAnchors;
  /** Saved positions, by code id. */
  private diskLines = new Map<string, [number, number]>();
  /**
   * Codes removed by an operation that undo or redo may bring back. They stay tracked
   * in `live` and keep their saved lines, so that a code brought back after typing
   * returns to where its text went and is written where it was (never reused as ids).
   */
  private removed = new Map<string, CodeEntry>();
  private readonly undoStack: Operation[] = [];
  private readonly redoStack: Operation[] = [];
  private version = 0;
  /** Saves of the transcript so far: saved lines and quotes older than the last save are stale. */
  private saves = 0;
  /** Set when the sidecar cannot be written: its codes are shown but read-only. */
  readonly brokenProblems: Problem[];

  private constructor(
    readonly sidecarPath: string,
    transcriptText: string,
    sidecar: SidecarParse | undefined,
    transcriptFileName: string,
    /** Kept for reading the sidecar again (reloadSidecar): a hostile sidecar on disk is placed off the caller's thread too. */
    private readonly deferReanchor: OpenOptions['deferReanchor'],
  ) {
    if (sidecar === undefined) {
      this.data = emptySidecar(transcriptFileName);
      this.brokenProblems = [];
    } else if (sidecar.status === 'ok') {
      this.data = sidecar.data;
      this.parsed = sidecar;
      this.brokenProblems = [];
    } else {
      this.data = emptySidecar(transcriptFileName);
      this.brokenProblems = sidecar.problems;
    }
    for (const code of this.data.codes) this.diskLines.set(code.id, [code.lines[0], code.lines[1]]);
    this.live = new LiveAnchors(transcriptText, this.data.codes);
    this.movedOnOpen = deferReanchor === undefined ? this.reconcile(transcriptText, true) : this.deferReconcile(transcriptText, true, deferReanchor);
  }

  /** Codes found elsewhere by their quotes when the session opened: the transcript changed outside the editor. */
  readonly movedOnOpen: readonly string[];

  /** `sidecarText` undefined: the transcript has no sidecar yet (one is written with the first code). */
  static open(transcriptText: string, sidecarText: string | undefined, sidecarPath: string, transcriptFileName: string, options: OpenOptions = {}): CodingSession {
    const parsed = sidecarText === undefined ? undefined : parseSidecar(sidecarText, sidecarPath);
    return new CodingSession(sidecarPath, transcriptText, parsed, transcriptFileName, options.deferReanchor);
  }

  get readOnly(): boolean {
    return this.brokenProblems.length > 0;
  }

  get attributes(): Readonly<Record<string, string>> {
    return this.data.attributes;
  }

  /** Every code at its live position, in sidecar order. */
  codes(): SessionCode[] {
    const positions = this.live.codes();
    let cached = this.codesCache;
    if (cached === undefined || !cached.isFor(this.data, positions)) {
      const tracked = new Map(positions.map((code) => [code.id, code]));
      const codes = this.data.codes
        .map((entry) => sessionCode(entry, tracked.get(entry.id)))
        .sort((a, b) => compareCodes(a.entry, b.entry));
      cached = this.codesCache = new CodesCache(this.data, positions, codes);
    }
    // A copy: the cache must not change under a caller that sorts or filters in place.
    return [...cached.codes];
  }

  /** The codes on a 1-based live line, as codes() would list them. */
  codesAt(line: number): SessionCode[] {
    const covers = (lines: readonly [number, number]) => lines[0] <= line && line <= lines[1];
    const positions = this.live.codes();
    const cached = this.codesCache;
    if (cached !== undefined && cached.isFor(this.data, positions)) return cached.codes.filter((code) => covers(code.entry.lines));
    // Typing moved codes since codes() was last built. The cursor's line is asked for on
    // every keystroke: build only the few codes on it, not all 2,000.
    const here = new Map(positions.filter((code) => covers([code.first, code.last])).map((code) => [code.id, code]));
    const found: SessionCode[] = [];
    for (const entry of this.data.codes) {
      const position = here.get(entry.id);
      if (position !== undefined) found.push(sessionCode(entry, position));
      else if (covers(entry.lines) && !positions.some((code) => code.id === entry.id)) found.push(sessionCode(entry, undefined));
    }
    return found.sort((a, b) => compareCodes(a.entry, b.entry));
  }

  lineCount(): number {
    return this.live.lineCount();
  }

  /** The body of a live line (after speaker label and timestamp; empty in front matter), as lineBodies gives it on saved text. */
  lineBody(line: number): string {
    if (line <= this.frontMatterEnd()) return '';
    return lineBodyOf(this.live.lineText(line));
  }

  lineKind(line: number): ReturnType<typeof parseLine>['kind'] {
    if (line <= this.frontMatterEnd()) return 'front-matter';
    return parseLine(this.live.lineText(line), line).kind;
  }

  /** Where the live text's front matter ends, recomputed only after the text changed. */
  private frontMatterEnd(): number {
    if (this.frontMatterCache?.version !== this.version) {
      const lineCount = this.live.lineCount();
      this.frontMatterCache = {
        version: this.version,
        lastLine: frontMatterLastLine((line) => (line <= lineCount ? this.live.lineText(line) : undefined)),
      };
    }
    return this.frontMatterCache.lastLine;
  }

  private frontMatterCache: { version: number; lastLine: number } | undefined;
  private codesCache: CodesCache | undefined;

  /** Keystrokes: LF offsets into the text before each edit, applied in order. */
  applyEdits(edits: readonly TextEdit[]): void {
    this.live.applyEdits(edits);
    this.version++;
  }

  get textVersion(): number {
    return this.version;
  }

  addCodes(ranges: ReadonlyArray<readonly [number, number]>, fields: CodeFields, random: () => number): string[] {
    this.assertWritable();
    // Ids of removed codes are not reused: undo may still bring them back.
    const existing = new Set([...this.data.codes.map((code) => code.id), ...this.removed.keys(), ...this.diskLines.keys()]);
    const after = new Map<string, CodeSnapshot | undefined>();
    const checked = ranges.map(([first, last]) => this.checkedRange(first, last));
    for (const [first, last] of checked) {
      const id = newCodeId(existing, random);
      existing.add(id);
      const entry = newCodeEntry(id, [first, last], fields, this.liveQuote(first, last));
      after.set(id, { entry, saved: [first, last], detached: false });
    }
    this.perform({ label: 'code', before: new Map([...after.keys()].map((id) => [id, undefined])), after, version: this.version });
    return [...after.keys()];
  }

  /**
   * Removes codes, adds others and sets attributes as one step (one undo): what settling a
   * disagreement writes (core/agreement review.ts). Returns the ids of the new codes.
   */
  rewriteCodes(
    change: { remove: readonly string[]; add: ReadonlyArray<{ lines: readonly [number, number]; fields: CodeFields }>; attributes?: Record<string, string> },
    random: () => number,
  ): string[] {
    this.assertWritable();
    const existing = new Set([...this.data.codes.map((code) => code.id), ...this.removed.keys(), ...this.diskLines.keys()]);
    const before = new Map<string, CodeSnapshot | undefined>();
    const after = new Map<string, CodeSnapshot | undefined>();
    for (const id of change.remove) {
      const current = this.snapshot(id);
      if (current === undefined) continue;
      before.set(id, current);
      after.set(id, undefined);
    }
    for (const { lines, fields } of change.add) {
      const [first, last] = this.checkedRange(lines[0], lines[1]);
      const id = newCodeId(existing, random);
      existing.add(id);
      before.set(id, undefined);
      after.set(id, { entry: newCodeEntry(id, [first, last], fields, this.liveQuote(first, last)), saved: [first, last], detached: false });
    }
    const attributes = change.attributes === undefined ? {} : { attributesBefore: { ...this.data.attributes }, attributesAfter: { ...change.attributes } };
    this.perform({ label: 'settle disagreement', before, after, version: this.version, ...attributes });
    return [...after].filter(([, snapshot]) => snapshot !== undefined).map(([id]) => id);
  }

  updateCode(id: string, changes: CodeChanges): void {
    this.assertWritable();
    const current = this.snapshot(id);
    if (current === undefined) throw new Error(`no code ${id} in ${this.sidecarPath}`);
    const next: CodeEntry = { ...current.entry, ...changes };
    if (next.memo === undefined || next.memo === '') delete next.memo;
    this.perform({ label: 'edit code', before: new Map([[id, current]]), after: new Map([[id, { ...current, entry: next }]]), version: this.version });
  }

  removeCodes(ids: readonly string[]): void {
    this.assertWritable();
    const before = new Map<string, CodeSnapshot | undefined>();
    for (const id of ids) {
      const current = this.snapshot(id);
      if (current !== undefined) before.set(id, current);
    }
    this.perform({ label: 'remove code', before, after: new Map([...before.keys()].map((id) => [id, undefined])), version: this.version });
  }

  /** Moves a code (an orphan, typically) onto the given live lines. */
  placeCode(id: string, lines: readonly [number, number]): void {
    this.placeCodes([{ id, lines }]);
  }

  /**
   * Moves codes onto the given live lines in one step (one undo): each gets the quote of
   * its new lines, and is written there at once, as a new code is.
   */
  placeCodes(placements: ReadonlyArray<{ id: string; lines: readonly [number, number] }>): void {
    this.assertWritable();
    const before = new Map<string, CodeSnapshot | undefined>();
    const after = new Map<string, CodeSnapshot | undefined>();
    for (const { id, lines } of placements) {
      const current = this.snapshot(id);
      if (current === undefined) throw new Error(`no code ${id} in ${this.sidecarPath}`);
      const placed = this.checkedRange(lines[0], lines[1]);
      before.set(id, current);
      after.set(id, { entry: { ...current.entry, lines: placed, quote: this.liveQuote(placed[0], placed[1]) }, saved: placed, detached: false });
    }
    this.perform({ label: placements.length === 1 ? 're-anchor code' : 're-anchor codes', before, after, version: this.version, placed: true });
  }

  /**
   * Codes that re-anchoring found only as similar text (a typo fixed, a word changed)
   * when the text last changed outside the editor, by id: where and how alike. Such a
   * code is kept off its text (detached, as an orphan) until a person accepts the place.
   */
  similarText(id: string): { lines: [number, number]; score: number } | undefined {
    return this.similar.get(id);
  }

  private similar = new Map<string, { lines: [number, number]; score: number }>();

  /** Where a code is written in the sidecar (its saved lines), when it is a code of this session. */
  savedLines(id: string): [number, number] | undefined {
    const saved = this.diskLines.get(id);
    return saved === undefined ? undefined : [saved[0], saved[1]];
  }

  /** Whether the saved positions of some codes differ from their live ones (found elsewhere, or typing): a save would write them. */
  hasUnsavedPositions(): boolean {
    return this.live.codes().some((code) => {
      const saved = this.diskLines.get(code.id);
      return !code.detached && saved !== undefined && (saved[0] !== code.first || saved[1] !== code.last);
    });
  }

  setAttributes(attributes: Record<string, string>): void {
    this.assertWritable();
    const cleaned = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value.trim() !== ''));
    this.perform({ label: 'attributes', before: new Map(), after: new Map(), attributesBefore: { ...this.data.attributes }, attributesAfter: cleaned, version: this.version });
  }

  /** The operation undo would revert, and whether it was the newest change to the transcript. */
  undoInfo(): { label: string; isNewest: boolean } | undefined {
    const top = this.undoStack.at(-1);
    return top === undefined ? undefined : { label: top.label, isNewest: top.version === this.version };
  }

  redoInfo(): { label: string; isNewest: boolean } | undefined {
    const top = this.redoStack.at(-1);
    return top === undefined ? undefined : { label: top.label, isNewest: top.version === this.version };
  }

  /** Throws ReadOnlySidecarError while the sidecar is broken: nothing can be written. */
  undo(): boolean {
    if (this.undoStack.length === 0) return false;
    this.assertWritable();
    const operation = this.undoStack.pop();
    if (operation === undefined) return false;
    this.applyState(operation.before, operation.attributesBefore, operation.placed, operation.saves !== this.saves);
    this.redoStack.push({ ...operation, version: this.version });
    return true;
  }

  redo(): boolean {
    if (this.redoStack.length === 0) return false;
    this.assertWritable();
    const operation = this.redoStack.pop();
    if (operation === undefined) return false;
    this.applyState(operation.after, operation.attributesAfter, operation.placed, operation.saves !== this.saves);
    this.undoStack.push({ ...operation, version: this.version });
    return true;
  }

  /**
   * The sidecar text to write now. `saved: true` after the transcript was saved with
   * `savedText`: every code takes its live position and a fresh quote. Otherwise codes
   * keep their saved positions and only coding changes are written. Undefined when the
   * sidecar is broken, or when there is nothing to write for a transcript without one.
   */
  sidecarText(saved?: { savedText: string }): string | undefined {
    if (this.readOnly) return undefined;
    if (saved !== undefined) this.adoptLivePositions(saved.savedText);
    if (this.parsed === undefined && this.data.codes.length === 0 && Object.keys(this.data.attributes).length === 0) return undefined;
    return serializeSidecar(this.writtenData(), this.parsed);
  }

  /** The data as written: every code at its saved lines. */
  private writtenData(): SidecarData {
    const codes = this.data.codes.map((entry) => {
      const disk = this.diskLines.get(entry.id);
      return disk === undefined ? entry : { ...entry, lines: disk };
    });
    return { ...this.data, codes };
  }

  /** After writing `text`: it becomes the base that comments and layout are kept from. */
  markWritten(text: string): void {
    const reparsed = parseSidecar(text, this.sidecarPath);
    if (reparsed.status === 'ok') this.parsed = reparsed;
  }

  /**
   * The sidecar changed on disk (git pull, another window): take its codes, and place
   * them in the live text by re-anchoring their quotes.
   */
  reloadSidecar(sidecarText: string, liveText: string): SidecarParse {
    const reparsed = parseSidecar(sidecarText, this.sidecarPath);
    if (reparsed.status !== 'ok') {
      this.brokenProblems.splice(0, this.brokenProblems.length, ...reparsed.problems);
      return reparsed;
    }
    this.brokenProblems.splice(0);
    this.parsed = reparsed;
    this.data = reparsed.data;
    this.diskLines = new Map(this.data.codes.map((code) => [code.id, [code.lines[0], code.lines[1]]]));
    this.removed = new Map();
    for (const code of this.live.codes()) this.live.removeCode(code.id);
    for (const code of this.data.codes) this.live.addCode(code);
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    // Every code is tracked afresh at its lines on disk: what waited for a placement waits again if off its text.
    this.awaitingPlace.clear();
    this.reconcileWithText(liveText, { deferReanchor: this.deferReanchor });
    return reparsed;
  }

  /**
   * Whether this session holds coding changes that `baseText` (what it last read or wrote)
   * does not: only then may taking in the disk's version write anything back. A sidecar
   * written by hand is otherwise left exactly as its author wrote it.
   */
  hasUnwrittenChanges(baseText: string | undefined): boolean {
    if (this.sidecarText() === undefined) return false;
    const base = baseText === undefined ? undefined : parseSidecar(baseText, this.sidecarPath);
    return !(base?.status === 'ok' && sidecarDataEqual(base.data, this.writtenData()));
  }

  /**
   * The sidecar changed on disk while this session had coding changes to write (another
   * window, the CLI): a three-way merge by code id of `baseText` (what this session last
   * read or wrote), this session's version and the disk's — the merge git's driver does
   * (merge/mergeSidecars) — so neither side's work is lost. A field both sides changed
   * differently keeps this session's value and the disk's is recorded in the file
   * (`conflict:`), for `transcript-coder resolve` or a person to decide. Codes whose place
   * the merge kept stay where they are in the live text; others are placed by quote.
   * When the merge refuses (both sides hold unresolved conflicts), this session's
   * changes are replayed on the disk version by code id instead, its own winning.
   */
  reloadSidecarKeepingLocalChanges(diskText: string, baseText: string | undefined, liveText: string): SidecarReload {
    const oursText = this.sidecarText();
    // Nothing of ours to keep: the disk version as it is, comments and layout included.
    if (oursText === undefined || !this.hasUnwrittenChanges(baseText)) {
      return this.reloadSidecar(diskText, liveText).status === 'ok' ? { status: 'merged', conflicts: [] } : { status: 'broken' };
    }
    const merged = mergeSidecars(baseText, oursText, diskText, this.sidecarPath);
    if (merged.status === 'failed') {
      if (parseSidecar(diskText, this.sidecarPath).status !== 'ok') {
        this.reloadSidecar(diskText, liveText);
        return { status: 'broken' };
      }
      this.replayLocalChanges(diskText, baseText, liveText);
      return { status: 'replayed', message: merged.message ?? 'the merge was refused' };
    }
    // Ours as it is now (live lines, saved lines, orphan flag), to keep codes where they are.
    const live = new Map(this.live.codes().map((code) => [code.id, code]));
    const before = new Map<string, CodeSnapshot>();
    for (const entry of this.data.codes) {
      const position = live.get(entry.id);
      const lines: [number, number] = position === undefined ? [entry.lines[0], entry.lines[1]] : [position.first, position.last];
      const saved = this.diskLines.get(entry.id) ?? lines;
      before.set(entry.id, { entry: { ...entry, lines }, saved: [saved[0], saved[1]], detached: position?.detached ?? false });
    }
    if (this.reloadSidecar(merged.text, liveText).status !== 'ok') return { status: 'broken' };
    const kept = new Map<string, CodeSnapshot | undefined>();
    for (const code of this.data.codes) {
      const mine = before.get(code.id);
      if (mine === undefined || mine.saved[0] !== code.lines[0] || mine.saved[1] !== code.lines[1] || mine.entry.quote !== code.quote) continue;
      kept.set(code.id, { entry: { ...code, lines: mine.entry.lines }, saved: mine.saved, detached: mine.detached });
    }
    this.applyState(kept, undefined, true);
    return { status: 'merged', conflicts: merged.conflicts };
  }

  /** This session's changes since `baseText`, put on the disk version by code id; ours wins where both changed. */
  private replayLocalChanges(diskText: string, baseText: string | undefined, liveText: string): void {
    const base = baseText === undefined ? undefined : parseSidecar(baseText, this.sidecarPath);
    const baseCodes = new Map(base?.status === 'ok' ? base.data.codes.map((code) => [code.id, code]) : []);
    const baseAttributes = base?.status === 'ok' ? base.data.attributes : {};
    // Ours as written (saved lines): unsaved typing moves codes but does not change them.
    const ours = this.data.codes.map((code) => ({ ...code, lines: this.diskLines.get(code.id) ?? code.lines }));
    const oursById = new Map(ours.map((code) => [code.id, code]));
    const changed = ours.filter((code) => !sameCode(baseCodes.get(code.id), code));
    const removed = [...baseCodes.keys()].filter((id) => !oursById.has(id));
    const attributesChanged = JSON.stringify(baseAttributes) !== JSON.stringify(this.data.attributes);
    const ourAttributes = this.data.attributes;
    // Ours as they are now: live lines, saved lines (unsaved typing is not written) and orphan flag.
    const changedSnapshots = changed.flatMap((code) => {
      const snapshot = this.snapshot(code.id);
      return snapshot === undefined ? [] : [[code.id, snapshot] as const];
    });
    if (this.reloadSidecar(diskText, liveText).status !== 'ok') return;
    const state = new Map<string, CodeSnapshot | undefined>([...changedSnapshots, ...removed.map((id) => [id, undefined] as const)]);
    this.applyState(state, attributesChanged ? ourAttributes : undefined, true);
  }

  /**
   * Places codes that are not on their quote in `text` (the transcript changed outside
   * the editor). `text` becomes the live text. Exact finds move; a code whose text is
   * gone becomes an orphan where it was; others are left where they were. Saved lines
   * are not changed: they are written when the transcript is saved. Returns the ids
   * that moved.
   */
  reconcileWithText(text: string, options: OpenOptions = {}): string[] {
    return options.deferReanchor === undefined ? this.reconcile(text, false) : this.deferReconcile(text, false, options.deferReanchor);
  }

  /** `liveIsText`: the live text was just made from `text` (opening), so they need no comparing. */
  private reconcile(text: string, liveIsText: boolean): string[] {
    const inputs = this.reconcileInputs(text, liveIsText);
    return inputs === undefined ? [] : this.takeResults(reanchor(bodiesOf(text), inputs), undefined);
  }

  /** The codes to re-anchor on `text`, or undefined when every code is on its quote where it is. */
  private reconcileInputs(text: string, liveIsText: boolean): ReanchorInput[] | undefined {
    if (!liveIsText && this.live.text() !== text) {
      // The live text is out of step (reloaded from disk, or an edit the session missed):
      // start again from `text`, with every code where it was, then find them by quote.
      this.live = new LiveAnchors(
        text,
        this.live.codes().map((code) => ({ id: code.id, lines: [code.first, code.last] as const, detached: code.detached })),
      );
      this.version++;
    }
    this.similar = new Map();
    const livePositions = new Map(this.live.codes().map((code) => [code.id, code]));
    const inputs = [...this.data.codes, ...this.removed.values()].map((entry) => {
      const position = livePositions.get(entry.id);
      return { id: entry.id, quote: entry.quote, lines: position === undefined ? entry.lines : ([position.first, position.last] as [number, number]) };
    });
    // The usual case — the transcript is as it was saved — needs no more than a look at
    // the coded lines: reanchor would find every code in place and change nothing.
    const lines = { count: this.fileLineCount(), frontMatterEnd: this.frontMatterEnd(), text: (line: number) => this.live.lineText(line) };
    return allInPlace(lines, inputs) ? undefined : inputs;
  }

  /**
   * Re-anchoring's results on the live text. `awaited` (a deferred re-anchoring): only
   * codes still waiting off their text are placed.
   */
  private takeResults(results: readonly AnchorResult[], awaited: ReadonlyMap<string, number> | undefined): string[] {
    const moved: string[] = [];
    const livePositions = new Map(this.live.codes().map((code) => [code.id, code]));
    // Codes to track again at new lines, or detached: taken out in one pass, then added.
    const replaced = new Map<string, { id: string; lines: [number, number]; detached?: boolean }>();
    for (const result of results) {
      const position = livePositions.get(result.id);
      if (awaited !== undefined && (!awaited.has(result.id) || position?.detached !== true)) continue;
      // A code off its text whose quote is where it is shown is on its text again.
      if (result.status === 'moved' || (result.status === 'in-place' && position?.detached === true)) {
        replaced.set(result.id, { id: result.id, lines: result.lines });
        if (result.status === 'moved' && !this.removed.has(result.id)) moved.push(result.id);
      } else if (result.status === 'orphan' || result.status === 'fuzzy') {
        // Similar text is never taken silently: the code waits off its text for a person to accept it.
        if (result.status === 'fuzzy') this.similar.set(result.id, { lines: result.lines, score: result.score ?? 0 });
        if (position === undefined || position.detached) continue;
        replaced.set(result.id, { id: result.id, lines: [position.first, position.last], detached: true });
      }
    }
    if (replaced.size > 0) {
      this.live.removeCodes(new Set(replaced.keys()));
      for (const code of replaced.values()) this.live.addCode(code);
    }
    return moved;
  }

  /**
   * Codes waiting for a deferred re-anchoring (see OpenOptions), each with how many lines
   * past its first it spans: a waiting code is off its text, shown on one line.
   */
  private awaitingPlace = new Map<string, number>();

  /**
   * Reconciling without re-anchoring here: every code waits off its text for
   * `finishReanchor` (those off it already too, as reconcile re-anchors them as well).
   */
  private deferReconcile(text: string, liveIsText: boolean, defer: NonNullable<OpenOptions['deferReanchor']>): string[] {
    const inputs = this.reconcileInputs(text, liveIsText);
    if (inputs === undefined) return [];
    if (!defer({ lines: this.fileLineCount(), codes: inputs.length })) return this.takeResults(reanchor(bodiesOf(text), inputs), undefined);
    const livePositions = new Map(this.live.codes().map((code) => [code.id, code]));
    const detaching = new Set<string>();
    for (const input of inputs) {
      const position = livePositions.get(input.id);
      if (position === undefined || this.awaitingPlace.has(input.id)) continue;
      this.awaitingPlace.set(input.id, position.detached ? 0 : position.last - position.first);
      if (!position.detached) detaching.add(input.id);
    }
    if (detaching.size > 0) {
      const positions = this.live.codes().filter((code) => detaching.has(code.id));
      // One pass over the tracked codes, not one per code: 2,000 codes would take 4 million steps.
      this.live.removeCodes(detaching);
      for (const position of positions) this.live.addCode({ id: position.id, lines: [position.first, position.last], detached: true });
    }
    return [];
  }

  /** Whether codes wait for a deferred re-anchoring (pendingReanchor). */
  get awaitsReanchor(): boolean {
    return this.awaitingPlace.size > 0;
  }

  /**
   * The re-anchoring this session waits for (opened with `deferReanchor`), on the live
   * text as it is now; undefined when none. Run it with `reanchorTranscriptText`, off
   * the caller's thread if it likes, and give the results to `finishReanchor`.
   */
  pendingReanchor(): { text: string; codes: ReanchorInput[] } | undefined {
    if (this.awaitingPlace.size === 0) return undefined;
    const entries = new Map([...this.data.codes, ...this.removed.values()].map((entry) => [entry.id, entry]));
    const codes: ReanchorInput[] = [];
    for (const position of this.live.codes()) {
      const span = this.awaitingPlace.get(position.id);
      const entry = entries.get(position.id);
      if (span === undefined || entry === undefined || !position.detached) continue;
      codes.push({ id: entry.id, quote: entry.quote, lines: [position.first, position.first + span] });
    }
    return { text: this.live.text(), codes };
  }

  /**
   * Takes the results of `pendingReanchor()`'s re-anchoring. Undefined when the live
   * text is no longer the text they were found on (the user typed meanwhile): nothing is
   * taken, ask `pendingReanchor()` again. Otherwise the ids of codes that moved.
   * Codes the user placed, removed or coded again meanwhile are left as they are now.
   */
  finishReanchor(text: string, results: readonly AnchorResult[]): string[] | undefined {
    if (this.awaitingPlace.size === 0) return [];
    if (this.live.text() !== text) return undefined;
    const moved = this.takeResults(results, this.awaitingPlace);
    this.awaitingPlace.clear();
    return moved;
  }

  /** A code as it is now: live lines, saved lines, orphan or not. */
  private snapshot(id: string): CodeSnapshot | undefined {
    const entry = this.data.codes.find((code) => code.id === id);
    if (entry === undefined) return undefined;
    const position = this.live.codes().find((code) => code.id === id);
    const lines: [number, number] = position === undefined ? [entry.lines[0], entry.lines[1]] : [position.first, position.last];
    const saved = this.diskLines.get(id);
    return { entry: { ...entry, lines }, saved: saved === undefined ? lines : [saved[0], saved[1]], detached: position?.detached ?? false };
  }

  /** The quote of live lines first..last, computed as quoteOfLines computes it on saved text. */
  private liveQuote(first: number, last: number): string {
    const bodies: string[] = [];
    let length = 0;
    // quoteOfLines stops once it has four quotes' worth of text; read no more lines than it would.
    for (let line = first; line <= last && length <= QUOTE_READS_CHARS; line++) {
      const body = this.lineBody(line);
      bodies.push(body);
      length += body.length + 1;
    }
    return quoteOfLines(bodies, 1, bodies.length);
  }

  /**
   * Lines a code may be put on, as written: 1-based, first <= last, within the lines of
   * the text as a file. The empty line an editor shows after a final line break is not
   * a line of the file (splitLines): a range reaching it ends on the line before.
   */
  private checkedRange(first: number, last: number): [number, number] {
    const shown = this.live.lineCount();
    const lineCount = this.fileLineCount();
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < first || first > lineCount || last > shown) {
      throw new RangeError(`lines ${first}..${last} are not lines of the transcript (1..${lineCount})`);
    }
    return [first, Math.min(last, lineCount)];
  }

  /** Lines of the live text as a file (splitLines): without the empty line after a final line break. */
  private fileLineCount(): number {
    const shown = this.live.lineCount();
    return shown > 0 && this.live.lineText(shown) === '' ? shown - 1 : shown;
  }

  private perform(operation: Operation): void {
    // Nothing to do (no ranges, no known ids): no undo step that would do nothing.
    if (operation.before.size === 0 && operation.after.size === 0 && operation.attributesAfter === undefined) return;
    this.applyState(operation.after, operation.attributesAfter, operation.placed);
    this.undoStack.push({ ...operation, saves: this.saves });
    this.redoStack.length = 0;
  }

  /**
   * Puts codes into the given state. A code that is still tracked (present, or removed
   * by an operation undo can revert) keeps its live position, its saved one and its
   * quote: an edit of its factor must not write unsaved moves, and bringing it back
   * after typing puts it where its text went. A new code is written where it is now.
   * `placed`: the state's positions, saved lines and orphan flag are restored as well;
   * `stale` (the transcript was saved since the state was taken): its saved lines and
   * quote belong to an older file, so a placed code is written where it is now, with
   * the quote of its lines now, as a new code is.
   */
  private applyState(
    state: Map<string, CodeSnapshot | undefined>,
    attributes: Record<string, string> | undefined,
    placed = false,
    stale = false,
  ): void {
    const livePositions = new Map(this.live.codes().map((code) => [code.id, code]));
    let codes = this.data.codes;
    for (const [id, snapshot] of state) {
      const current = codes.find((code) => code.id === id) ?? this.removed.get(id);
      codes = codes.filter((code) => code.id !== id);
      if (snapshot === undefined) {
        // Keep tracking it (and its saved lines): undo may bring it back.
        if (current !== undefined) this.removed.set(id, current);
        continue;
      }
      this.removed.delete(id);
      const position = livePositions.get(id);
      if (position !== undefined && !placed) {
        const lines: [number, number] = [position.first, position.last];
        codes = [...codes, { ...snapshot.entry, lines, quote: current?.quote ?? snapshot.entry.quote }];
        if (!this.diskLines.has(id)) this.diskLines.set(id, lines);
        continue;
      }
      this.live.removeCode(id);
      this.live.addCode({ id, lines: snapshot.entry.lines, detached: snapshot.detached });
      const now = this.live.codes().find((code) => code.id === id);
      const fileLines = this.fileLineCount();
      if (stale && now !== undefined && !now.detached && fileLines > 0) {
        const lines: [number, number] = [Math.min(now.first, fileLines), Math.min(now.last, fileLines)];
        codes = [...codes, { ...snapshot.entry, lines, quote: this.liveQuote(lines[0], lines[1]) }];
        this.diskLines.set(id, lines);
      } else {
        codes = [...codes, { ...snapshot.entry, lines: [snapshot.entry.lines[0], snapshot.entry.lines[1]] }];
        this.diskLines.set(id, [snapshot.saved[0], snapshot.saved[1]]);
      }
    }
    this.data = { ...this.data, codes: codes.sort(compareCodes), ...(attributes === undefined ? {} : { attributes: { ...attributes } }) };
  }

  private adoptLivePositions(savedText: string): void {
    this.saves++;
    const bodies = bodiesOf(savedText);
    const live = new Map(this.live.codes().map((code) => [code.id, code]));
    const adopt = (entry: CodeEntry): CodeEntry => {
      const position = live.get(entry.id);
      // A detached code keeps its last written place and quote: it is an orphan for a person to place.
      if (position === undefined || position.detached || bodies.length === 0) return { ...entry, lines: this.diskLines.get(entry.id) ?? entry.lines };
      // The editor's empty line after a final line break is not a line of the file.
      const lines: [number, number] = [Math.min(position.first, bodies.length), Math.min(position.last, bodies.length)];
      return { ...entry, lines, quote: quoteOfLines(bodies, lines[0], lines[1]) };
    };
    this.data = { ...this.data, codes: this.data.codes.map(adopt).sort(compareCodes) };
    this.removed = new Map([...this.removed].map(([id, entry]) => [id, adopt(entry)]));
    this.diskLines = new Map([...this.data.codes, ...this.removed.values()].map((code) => [code.id, [code.lines[0], code.lines[1]]]));
  }

  private assertWritable(): void {
    if (this.readOnly) {
      const first = this.brokenProblems[0];
      throw new ReadOnlySidecarError(
        `${this.sidecarPath} cannot be changed until it is fixed${first === undefined ? '' : `: line ${first.line}: ${first.message}`}`,
      );
    }
  }
}

function sameCode(a: CodeEntry | undefined, b: CodeEntry): boolean {
  return a !== undefined && JSON.stringify({ ...a, lines: [...a.lines] }) === JSON.stringify({ ...b, lines: [...b.lines] });
}
