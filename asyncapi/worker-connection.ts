import { Worker } from 'node:worker_threads';
import type { ValidationResult } from './types.ts';

/** A request to the parse worker. */
export interface ParseRequest {
  id: number;
  raw: string;
}

/** The parse worker's answer to the request with the same id. */
export interface ParseResponse {
  id: number;
  result: ValidationResult;
}

/** The parse worker is gone (crashed, exited or closed) before answering; the request may be retried. */
export class ParserUnavailableError extends Error {
  override readonly name = 'ParserUnavailableError' as const;
}

const RETRY = 'before the document was validated; send it again.';

interface Pending {
  resolve: (result: ValidationResult) => void;
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
    this.worker = new Worker(bootstrap(options.workerUrl), { eval: true, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (response: ParseResponse) => this.settle(response));
    this.worker.on('error', (error) => this.fail(`The document parser crashed (${error.message}) ${RETRY}`));
    this.worker.on('exit', (code) => this.fail(`The document parser stopped (exit code ${code}) ${RETRY}`));
  }

  /** Sends a document to the worker; resolves with its result or rejects with a ParserUnavailableError. */
  request(raw: string): Promise<ValidationResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timeOut(), this.options.timeoutMs).unref();
      this.pending.set(id, { resolve, reject, timer });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, raw } satisfies ParseRequest);
    });
  }

  /** Stops the worker; requests still waiting are rejected. */
  async close(): Promise<void> {
    this.fail('The parse pool was closed before the document was validated.');
    await this.worker.terminate();
  }

  private settle({ id, result }: ParseResponse): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.worker.unref();
    pending.resolve(result);
  }

  // A parse that never ends (YAML aliases that expand exponentially do this) would block every later one.
  private timeOut(): void {
    const seconds = this.options.timeoutMs / 1000;
    this.fail(`Validation took longer than ${seconds} s, so the parser was restarted; documents whose YAML aliases expand enormously do this. Other documents can be sent again.`);
    void this.worker.terminate();
  }

  private fail(message: string): void {
    if (this.failure) return;
    this.failure = new ParserUnavailableError(message);
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(this.failure);
    }
    this.pending.clear();
    this.options.onGone(this);
  }
}
