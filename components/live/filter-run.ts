import { EXPRESSION_BUDGET } from './payload-expression.ts';
import { expressionInput, type CompiledTriage, type FilterableMessage } from './triage-filter.ts';

/** How a filter's expression is faring: what the page says next to the field. */
export interface FilterProgress {
  /** Rows waiting for the expression. */
  pending: number;
  /** Rows the expression skipped: their payload is not whole JSON. */
  skipped: number;
  /** Rows the expression failed on, and the last failure. */
  failed: number;
  lastError: string | null;
  /** Set once the expression went over its budget too often and was stopped: it keeps nothing more. */
  stopped: boolean;
}

interface FilterRunOptions<T> {
  /** Called with each kept entry, in the order the entries were offered. */
  onMatch: (entry: T) => void;
  /** Called when the progress changes. */
  onProgress: () => void;
  /** Entries waiting at most; the oldest beyond it are given up (the tail has discarded them too). */
  maxPending: number;
  /** Milliseconds of evaluation before yielding to the page. */
  sliceMs?: number;
}

/** Rows over budget before the expression is stopped. */
const MAX_OVER_BUDGET = 3;

/**
 * Runs one compiled filter over entries in arrival order: the plain fields at once, the JSONata expression
 * (asynchronous) one row after the other, so matches come out in the order entries went in. `cancel` stops it.
 * @example const run = new FilterRun(compileTriage(filter), (e) => e.message, { onMatch, onProgress, maxPending: 10_000 });
 */
export class FilterRun<T> {
  readonly progress: FilterProgress = { pending: 0, skipped: 0, failed: 0, lastError: null, stopped: false };
  private readonly queue: T[] = [];
  private overBudget = 0;
  private running: Promise<void> | null = null;
  private cancelled = false;

  constructor(
    readonly triage: CompiledTriage,
    private readonly messageOf: (entry: T) => FilterableMessage | undefined,
    private readonly options: FilterRunOptions<T>,
  ) {}

  /** Offers the next entry; an entry without a message (a gap) is always kept. */
  offer(entry: T): void {
    if (this.cancelled) return;
    const message = this.messageOf(entry);
    if (message && !this.triage.accepts(message)) return;
    if (!message || !this.triage.expression) {
      if (this.queue.length === 0) this.options.onMatch(entry);
      else this.enqueue(entry);
      return;
    }
    if (this.progress.stopped) return;
    this.enqueue(entry);
  }

  /** Resolves once every entry offered so far has been judged. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  cancel(): void {
    this.cancelled = true;
    this.queue.length = 0;
  }

  private enqueue(entry: T): void {
    this.queue.push(entry);
    if (this.queue.length > this.options.maxPending) this.queue.shift();
    this.progress.pending = this.queue.length;
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    const sliceMs = this.options.sliceMs ?? 12;
    let sliceStart = Date.now();
    for (let entry = this.queue.shift(); entry !== undefined && !this.cancelled; entry = this.queue.shift()) {
      await this.judge(entry);
      this.progress.pending = this.queue.length;
      if (Date.now() - sliceStart >= sliceMs) {
        this.options.onProgress();
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = Date.now();
      }
    }
    this.progress.pending = 0;
    if (!this.cancelled) this.options.onProgress();
  }

  private async judge(entry: T): Promise<void> {
    const message = this.messageOf(entry);
    const expression = this.triage.expression;
    if (!message || !expression) return this.options.onMatch(entry);
    if (this.progress.stopped) return;
    const input = expressionInput(message);
    if (!input) {
      this.progress.skipped += 1;
      return;
    }
    const outcome = await expression.evaluate(input);
    if (this.cancelled) return;
    if (outcome.kind === 'match') return this.options.onMatch(entry);
    if (outcome.kind === 'miss') return;
    this.progress.failed += 1;
    this.progress.lastError = outcome.error;
    if (outcome.budget && ++this.overBudget >= MAX_OVER_BUDGET) {
      this.progress.stopped = true;
      this.progress.lastError = `Stopped: the expression went over its budget (${EXPRESSION_BUDGET.timeout} ms, depth ${EXPRESSION_BUDGET.stack}, ${EXPRESSION_BUDGET.sequence} items) on ${MAX_OVER_BUDGET} rows. ${outcome.error}`;
      this.queue.length = 0;
    }
  }
}
