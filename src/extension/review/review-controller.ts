/**
 * The disagreement review of one open transcript (issue 16, item 2): which coders are
 * compared, the items (core/agreement review.ts, recomputed from the coding session on
 * every change, so "settled" is always what the file says), and which item is current.
 * Settling writes through the session (`CodedDocuments.change`): one undo per act.
 */
import * as vscode from 'vscode';
import type { DisagreementReview, ReviewCoders, ReviewItem, ReviewTranscript, SettleChoice } from '../../core/agreement';
import type { CodedDocument } from '../coded-documents';
import type { CodingContext } from '../coding-context';
import { team } from '../lazy';
import { Disposable } from '../dispose';

/** What the commands return, for tests and scripts. */
export interface ReviewSnapshot {
  file: string;
  coders: ReviewCoders;
  items: Array<{ key: string; lines: [number, number]; dimension: string; a: string[]; b: string[]; consensus: string[]; settled: boolean }>;
  settled: number;
  /** Index of the current item; -1 when there is none. */
  current: number;
  progress: string;
}

const REVIEWING_CONTEXT = 'transcriptCoder.reviewing';

/** dist/team.js, loaded when a review starts (../lazy.ts). */
type TeamBundle = Awaited<ReturnType<typeof team>>;

export class ReviewController extends Disposable {
  private coded: CodedDocument | undefined;
  private coders: ReviewCoders | undefined;
  private review: DisagreementReview | undefined;
  private currentKey: string | undefined;
  private teamBundle: TeamBundle | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: CodingContext,
    private readonly redraw: () => void,
  ) {
    super();
    this.register(
      context.documents.onDidChangeCodes((coded) => {
        if (coded === this.coded) this.recompute();
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.coded?.document) this.stop();
      }),
    );
  }

  get active(): boolean {
    return this.coded !== undefined;
  }

  get items(): readonly ReviewItem[] {
    return this.review?.items ?? [];
  }

  get current(): ReviewItem | undefined {
    return this.items.find((item) => item.key === this.currentKey);
  }

  get reviewCoders(): ReviewCoders | undefined {
    return this.coders;
  }

  get codersWithoutCodes(): readonly string[] {
    return this.review?.codersWithoutCodes ?? [];
  }

  get document(): vscode.TextDocument | undefined {
    return this.coded?.document;
  }

  progress(): string {
    return vscode.l10n.t('{0} of {1} settled', this.review?.settled ?? 0, this.items.length);
  }

  async start(coded: CodedDocument, coders: ReviewCoders): Promise<void> {
    const bundle = await team();
    bundle.checkReviewCoders(coders);
    this.teamBundle = bundle;
    this.coded = coded;
    this.coders = coders;
    this.currentKey = undefined;
    this.context.reviewShowsAll = true;
    void vscode.commands.executeCommand('setContext', REVIEWING_CONTEXT, true);
    this.recompute();
    this.currentKey = (this.items.find((item) => !item.settled) ?? this.items[0])?.key;
    this.redraw();
    this.changed.fire();
  }

  stop(): void {
    if (this.coded === undefined) return;
    this.coded = undefined;
    this.coders = undefined;
    this.review = undefined;
    this.currentKey = undefined;
    this.context.reviewShowsAll = false;
    void vscode.commands.executeCommand('setContext', REVIEWING_CONTEXT, false);
    this.redraw();
    this.changed.fire();
  }

  /** The item `step` places after (or before) the current one, wrapping; it becomes current. */
  move(step: 1 | -1): ReviewItem | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const index = items.findIndex((item) => item.key === this.currentKey);
    const next = items[index === -1 ? (step === 1 ? 0 : items.length - 1) : (index + step + items.length) % items.length];
    this.currentKey = next?.key;
    this.changed.fire();
    return next;
  }

  select(key: string): ReviewItem | undefined {
    const item = this.items.find((candidate) => candidate.key === key);
    if (item !== undefined) {
      this.currentKey = key;
      this.changed.fire();
    }
    return item;
  }

  /** Settles the item (the current one by default); then the next unsettled item becomes current. */
  async settle(choice: SettleChoice, key = this.currentKey): Promise<boolean> {
    const coded = this.coded;
    const coders = this.coders;
    const bundle = this.teamBundle;
    const item = this.items.find((candidate) => candidate.key === key);
    if (coded === undefined || coders === undefined || bundle === undefined || item === undefined) return false;
    const settlement = bundle.settleItem(this.transcript(coded), coders, item, choice);
    const done = await this.context.documents.change(coded, (session) => {
      session.rewriteCodes(settlement, Math.random);
    });
    if (!done) return false;
    this.recompute();
    const index = this.items.findIndex((candidate) => candidate.key === item.key);
    const after = [...this.items.slice(index + 1), ...this.items.slice(0, Math.max(0, index))];
    this.currentKey = (after.find((candidate) => !candidate.settled) ?? this.items[index])?.key;
    this.changed.fire();
    return true;
  }

  /** Copies the codes both coders agree on to the consensus coder (one undo); the number of codes written. */
  async copyAgreed(): Promise<number | undefined> {
    const coded = this.coded;
    const coders = this.coders;
    const bundle = this.teamBundle;
    if (coded === undefined || coders === undefined || bundle === undefined) return undefined;
    const settlement = bundle.agreedSettlement(this.transcript(coded), coders);
    if (settlement.add.length === 0) return 0;
    const done = await this.context.documents.change(coded, (session) => {
      session.rewriteCodes(settlement, Math.random);
    });
    return done ? settlement.add.length : undefined;
  }

  snapshot(): ReviewSnapshot | undefined {
    if (this.coded === undefined || this.coders === undefined) return undefined;
    const describe = (codes: ReviewItem['a']) => codes.map((code) => `${code.code} ${code.polarity}`);
    return {
      file: vscode.workspace.asRelativePath(this.coded.document.uri),
      coders: { ...this.coders },
      items: this.items.map((item) => ({ key: item.key, lines: item.lines, dimension: item.dimension, a: describe(item.a), b: describe(item.b), consensus: describe(item.consensus), settled: item.settled })),
      settled: this.review?.settled ?? 0,
      current: this.items.findIndex((item) => item.key === this.currentKey),
      progress: this.progress(),
    };
  }

  private recompute(): void {
    if (this.coded === undefined || this.coders === undefined || this.teamBundle === undefined) return;
    this.review = this.teamBundle.listDisagreements(this.transcript(this.coded), this.coders);
    this.changed.fire();
  }

  /** The open transcript as the review reads it: live lines, every coder's codes, the attributes. */
  private transcript(coded: CodedDocument): ReviewTranscript {
    const session = coded.session;
    const lineCount = session.lineCount();
    const blankLines = new Set<number>();
    const bodies: string[] = [];
    for (let line = 1; line <= lineCount; line++) {
      bodies.push(session.lineBody(line));
      const kind = session.lineKind(line);
      if (kind === 'blank' || kind === 'front-matter') blankLines.add(line);
    }
    return {
      file: vscode.workspace.asRelativePath(coded.document.uri),
      lineCount,
      bodies,
      blankLines,
      codes: session.codes().filter((code) => !code.detached).map((code) => code.entry),
      attributes: session.attributes,
    };
  }
}
