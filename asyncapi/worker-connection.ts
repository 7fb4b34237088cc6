import { Worker } from 'node:worker_threads';
import type { Change, DiffSide } from './diff/types.ts';
import type { ValidationResult } from './types.ts';

/** The work the parse worker does: validating a document, or comparing two parsed versions of one. */
export type WorkerTask = { kind: 'validate'; raw: string } | { kind: 'diff'; before: DiffSide; after: DiffSide };

/** A request to the parse worker. */
export type ParseRequest = WorkerTask & { id: number };

/** The parse worker's answer to the request with the same id: its result, or why the task failed. */
export type ParseResponse = { id: number; result: ValidationResult | Change[] } | { id: number; error: string };

/** The parse worker is gone (crashed, exited or closed) before answering; the request may be retried. */
export class ParserUnavailableError extends Error {
  override readonly name = 'ParserUnavailableError' as const;
}

const UNFINISHED: Record<WorkerTask['kind'], string> = {
  validate: 'before the document was validated',
  diff: 'before the versions were compared',
};

interface Pending {
  kind: WorkerTask['kind'];
  resolve: (result: ValidationResult | Change[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface WorkerConnectionOptions {
  workerUrl: URL;
  /** How long one request may take before the worker is presumed stuck and stopped. */
  timeoutMs: number;
  /** Called once when the worker is gone, so its owner makes a new one. */
  onGone: (connection: WorkerConnection) => void;
}

// The worker is TypeScript, but Node 20 does not apply `--import tsx` hooks inside worker threads: the
// worker registers tsx itself (resolved from here, whatever the working directory) and then loads the module.
const TSX_API = import.meta.resolve('tsx/esm/api');
const bootstrap = (workerUrl: URL): string =>
  `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); });`;

/**
 * A document that gets past the structure check and still makes the parser grow (the 300-channel document
 * peaks at about 220 MB of process memory) ends its own worker, not the portal: a worker over this heap dies
 * and is replaced.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 } as const;

/**
 * One parse worker thread and the requests waiting for it. It keeps the process alive only while requests
 * are pending. Once it fails or a request times out, the worker is stopped, every pending request is
 * rejected and `onGone` is called so a new one is made.
 */
export class WorkerConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: ParserUnavailableError | null = null;

  constructor(private readonly options: WorkerConnectionOptions) {
    // The parent's flags (`--test`, `--import tsx`) are not for the worker; some are refused in workers.
    this.worker = new Worker(bootstrap(options.workerUrl), { eval: true, execArgv: [], resourceLimits: WORKER_LIMITS });
    this.worker.unref();
    this.worker.on('message', (response: ParseResponse) => this.settle(response));
    this.worker.on('error', (error) =>
      this.fail((unfinished) => `The document parser crashed (${error.message}) ${unfinished}; send it again.`),
    );
    this.worker.on('exit', (code) =>
      this.fail((unfinished) => `The document parser stopped (exit code ${code}) ${unfinished}; send it again.`),
    );
  }

  /** Sends a document to the worker; resolves with its result or rejects with a ParserUnavailableError. */
  validate(raw: string): Promise<ValidationResult> {
    return this.request({ kind: 'validate', raw }) as Promise<ValidationResult>;
  }

  /** Has the worker compare two versions (see `diffVersions`); rejects if the comparison fails or the worker is gone. */
  diff(before: DiffSide, after: DiffSide): Promise<Change[]> {
    return this.request({ kind: 'diff', before, after }) as Promise<Change[]>;
  }

  private request(task: WorkerTask): Promise<ValidationResult | Change[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timeOut(task.kind), this.options.timeoutMs).unref();
      this.pending.set(id, { kind: task.kind, resolve, reject, timer });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...task, id } satisfies ParseRequest);
    });
  }

  /** Stops the worker; requests still waiting are rejected. */
  async close(): Promise<void> {
    this.fail((unfinished) => `The parse worker was stopped ${unfinished}.`);
    await this.worker.terminate();
  }

  private settle(response: ParseResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in response) pending.reject(new Error(response.error));
    else pending.resolve(response.result);
  }

  // A parse that never ends (YAML aliases that expand exponentially do this) would block every later one.
  private timeOut(kind: WorkerTask['kind']): void {
    const seconds = this.options.timeoutMs / 1000;
    const why =
      kind === 'validate'
        ? `Validation took longer than ${seconds} s, so the parser was restarted; documents whose YAML aliases expand enormously do this.`
        : `Comparing the versions took longer than ${seconds} s, so the parser was restarted.`;
    this.fail(() => `${why} Other documents can be sent again.`);
    void this.worker.terminate();
  }

  /** Rejects every pending request with the message `describe` gives for what it was waiting for. */
  private fail(describe: (unfinished: string) => string): void {
    if (this.failure) return;
    this.failure = new ParserUnavailableError(describe('before the request was answered'));
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new ParserUnavailableError(describe(UNFINISHED[pending.kind])));
    }
    this.pending.clear();
    this.options.onGone(this);
  }
}
