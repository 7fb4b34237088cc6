import { Worker } from 'node:worker_threads';
import type { Change, DiffSide } from './diff/types.ts';
import { DocumentTooComplexError, ParserUnavailableError } from './parse-errors.ts';
import type { ValidationResult } from './types.ts';

/** The work the parse worker does: validating a document, or comparing two parsed versions of one. */
export type WorkerTask = { kind: 'validate'; raw: string } | { kind: 'diff'; before: DiffSide; after: DiffSide };

/** A request to the parse worker. */
export type ParseRequest = WorkerTask & { id: number };

/** The parse worker's answer to the request with the same id: its result, or why the task failed. */
export type ParseResponse = { id: number; result: ValidationResult | Change[] } | { id: number; error: string };

/** What a parse worker posts: `ready` once its modules are loaded, then one answer per request. */
export type WorkerMessage = { ready: true } | ParseResponse;

export type TaskResult = ValidationResult | Change[];

const UNFINISHED: Record<WorkerTask['kind'], string> = {
  validate: 'before the document was validated',
  diff: 'before the versions were compared',
};
const SUBJECT: Record<WorkerTask['kind'], string> = { validate: 'Validating this document', diff: 'Comparing these versions' };

interface Current {
  id: number;
  kind: WorkerTask['kind'];
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface WorkerConnectionOptions {
  workerUrl: URL;
  /** How long one task may take, from when the worker starts it, before the worker is presumed stuck and stopped. */
  timeoutMs: number;
  /** The worker's heap limit (`maxOldGenerationSizeMb`): a task that needs more ends the worker, not the portal. */
  heapLimitMb: number;
  /** Called once the worker has loaded and can take a task. */
  onReady: (connection: WorkerConnection) => void;
  /** Called once when the worker is gone; `started` says whether it had become ready. */
  onGone: (connection: WorkerConnection, started: boolean, why: Error) => void;
}

// The worker is TypeScript, but Node 20 does not apply `--import tsx` hooks inside worker threads: the
// worker registers tsx itself (resolved from here, whatever the working directory) and then loads the module.
const TSX_API = import.meta.resolve('tsx/esm/api');
const bootstrap = (workerUrl: URL): string =>
  `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); });`;

/**
 * One parse worker thread running one task at a time, so a document that makes it hang or run out of memory
 * fails alone: the worker is stopped and only that task is rejected. It keeps the process alive only while it
 * starts or works.
 */
export class WorkerConnection {
  private readonly worker: Worker;
  private current: Current | null = null;
  private nextId = 1;
  private ready = false;
  private gone = false;

  constructor(private readonly options: WorkerConnectionOptions) {
    // The parent's flags (`--test`, `--import tsx`) are not for the worker; some are refused in workers.
    this.worker = new Worker(bootstrap(options.workerUrl), {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb },
    });
    this.worker.on('message', (message: WorkerMessage) => ('ready' in message ? this.becomeReady() : this.settle(message)));
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.end((kind) =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new DocumentTooComplexError(
              `${SUBJECT[kind]} ran out of memory (the parser may use ${options.heapLimitMb} MB), so it was stopped. ` +
                'Split the document or remove what its YAML aliases repeat.',
            )
          : new ParserUnavailableError(`The document parser crashed (${error.message}) ${UNFINISHED[kind]}; send it again.`),
      ),
    );
    this.worker.on('exit', (code) =>
      this.end((kind) => new ParserUnavailableError(`The document parser stopped (exit code ${code}) ${UNFINISHED[kind]}; send it again.`)),
    );
  }

  /** Loaded, alive and not working on a task. */
  get idle(): boolean {
    return this.ready && !this.gone && this.current === null;
  }

  get started(): boolean {
    return this.ready;
  }

  /** Runs a task on this idle worker; rejects with a DocumentTooComplexError or ParserUnavailableError when the worker ends first. */
  run(task: WorkerTask): Promise<TaskResult> {
    if (!this.idle) return Promise.reject(new Error('WorkerConnection.run() needs an idle worker'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timeOut(), this.options.timeoutMs).unref();
      this.current = { id, kind: task.kind, resolve, reject, timer };
      this.worker.ref();
      this.worker.postMessage({ ...task, id } satisfies ParseRequest);
    });
  }

  /** Stops the worker; a task still running is rejected. */
  async close(): Promise<void> {
    this.end((kind) => new ParserUnavailableError(`The parse worker was stopped ${UNFINISHED[kind]}.`));
    await this.worker.terminate();
  }

  private becomeReady(): void {
    this.ready = true;
    this.worker.unref();
    this.options.onReady(this);
  }

  private settle(response: ParseResponse): void {
    const current = this.current;
    if (!current || current.id !== response.id) return;
    this.current = null;
    clearTimeout(current.timer);
    this.worker.unref();
    if ('error' in response) current.reject(new Error(response.error));
    else current.resolve(response.result);
  }

  // A parse that never ends (YAML aliases that expand exponentially do this) would hold the worker forever.
  private timeOut(): void {
    const seconds = this.options.timeoutMs / 1000;
    this.end(
      (kind) =>
        new DocumentTooComplexError(
          `${SUBJECT[kind]} took over ${seconds} s, so it was stopped; documents whose YAML aliases expand enormously do this. ` +
            'Simplify the document; other documents are not affected.',
        ),
    );
    void this.worker.terminate();
  }

  /** Rejects the running task with the error `describe` gives for its kind, once, and tells the owner. */
  private end(describe: (kind: WorkerTask['kind']) => Error): void {
    if (this.gone) return;
    this.gone = true;
    const current = this.current;
    this.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.reject(describe(current.kind));
    }
    this.options.onGone(this, this.ready, describe('validate'));
  }
}
