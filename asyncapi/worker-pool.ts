import { ParserUnavailableError } from './parse-errors.ts';
import type { Change, DiffSide } from './diff/types.ts';
import type { ValidationResult } from './types.ts';
import { WorkerConnection, type TaskResult, type WorkerTask } from './worker-connection.ts';

export interface WorkerPoolOptions {
  workerUrl: URL;
  /** How long one task may run in its worker before that worker is stopped and the task fails. */
  timeoutMs: number;
  /** Each worker's heap limit in MB. */
  heapLimitMb: number;
  /** The most workers running at once; a second one starts only while the first is busy. */
  maxWorkers: number;
}

interface Job {
  task: WorkerTask;
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

/** Requests waiting for a worker past which new ones are refused: each holds its document's text (up to 5 MB). */
export const MAX_QUEUED = 32;

const STOPPED: Record<WorkerTask['kind'], string> = {
  validate: 'The parse worker was stopped before the document was validated.',
  diff: 'The parse worker was stopped before the versions were compared.',
};

/**
 * Parse workers, each running one task at a time, fed from one queue. Workers stay warm between tasks (a cold
 * one takes seconds to load the parser); another starts, up to `maxWorkers`, only while tasks wait. A task that
 * makes its worker hang or crash fails alone: the worker is replaced and the queue goes on.
 */
export class WorkerPool {
  private readonly workers = new Set<WorkerConnection>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Validates a document in the next free worker. */
  validate(raw: string): Promise<ValidationResult> {
    return this.run({ kind: 'validate', raw }) as Promise<ValidationResult>;
  }

  /** Compares two versions (see `diffVersions`) in the next free worker. */
  diff(before: DiffSide, after: DiffSide): Promise<Change[]> {
    return this.run({ kind: 'diff', before, after }) as Promise<Change[]>;
  }

  private run(task: WorkerTask): Promise<TaskResult> {
    if (this.closed) return Promise.reject(new ParserUnavailableError(STOPPED[task.kind]));
    if (this.queue.length >= MAX_QUEUED) {
      return Promise.reject(
        new ParserUnavailableError(`The document parser is busy: ${MAX_QUEUED} requests are waiting for it. Try again shortly.`),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; running and queued tasks are rejected, later ones refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ParserUnavailableError(STOPPED[job.task.kind]));
    await Promise.all([...this.workers].map((worker) => worker.close()));
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const worker of this.workers) {
      const job = worker.idle ? this.queue.shift() : undefined;
      if (!job) continue;
      void worker
        .run(job.task)
        .then(job.resolve, job.reject)
        .finally(() => this.dispatch());
    }
    let starting = [...this.workers].filter((worker) => !worker.started).length;
    while (this.queue.length > starting && this.workers.size < this.options.maxWorkers) {
      this.start();
      starting += 1;
    }
  }

  private start(): void {
    const worker = new WorkerConnection({
      workerUrl: this.options.workerUrl,
      timeoutMs: this.options.timeoutMs,
      heapLimitMb: this.options.heapLimitMb,
      onReady: () => this.dispatch(),
      onGone: (gone, started, why) => {
        this.workers.delete(gone);
        // A worker that dies while loading would die again: fail what waits rather than restart it forever.
        const anyStarted = [...this.workers].some((worker) => worker.started);
        if (!started && !anyStarted) for (const job of this.queue.splice(0)) job.reject(why);
        this.dispatch();
      },
    });
    this.workers.add(worker);
  }
}
