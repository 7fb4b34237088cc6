import type { Change, DiffSide } from './diff/types.ts';
import { contentHash } from './hash.ts';
import { LruCache } from './lru-cache.ts';
import type { ValidationResult } from './types.ts';
import { ParserUnavailableError, WorkerConnection } from './worker-connection.ts';

export interface ParseWorkerOptions {
  /** How many results to remember by content hash; 0 turns the cache off. Default 64. */
  cacheSize?: number;
  /** The most source text, in characters, whose results the cache holds. Default 32 M. */
  cacheChars?: number;
  /** How long one document may take before the worker is presumed stuck and restarted. Default 60 s. */
  timeoutMs?: number;
  /** The worker module; tests pass a stand-in. Default `./parse-worker-thread.ts`. */
  workerUrl?: URL;
}

export interface ParseWorkerStats {
  /** Documents sent to the worker. */
  parses: number;
  /** Requests answered without a parse of their own: from the cache, or sharing one already in flight. */
  cacheHits: number;
}

/**
 * Validates AsyncAPI text and compares versions off the main thread; `lib/catalogue.ts` takes it as its
 * `DocumentValidator` and `DocumentDiffer`.
 */
export interface ParseWorker {
  validate(raw: string): Promise<ValidationResult>;
  /** `diffVersions(before, after)`, in the worker: a 300-channel document takes ~100 ms, too long for the event loop. */
  diff(before: DiffSide, after: DiffSide): Promise<Change[]>;
  stats(): ParseWorkerStats;
  /** Stops the worker; pending requests are rejected and later ones refused. */
  close(): Promise<void>;
}

/**
 * Validates documents in one worker thread, so parsing (a second or more per document) never blocks the
 * event loop serving HTTP and Socket.IO. Identical text is parsed once: results are cached by content hash
 * and concurrent duplicates share one parse. An idle parse worker does not keep the process alive; a worker that
 * crashes or gets stuck fails its pending requests with a ParserUnavailableError and is replaced on the next call.
 * @example
 * const parser = startParseWorker();
 * const result = await parser.validate(raw);
 * await parser.close();
 */
export function startParseWorker(options: ParseWorkerOptions = {}): ParseWorker {
  const workerUrl = options.workerUrl ?? new URL('./parse-worker-thread.ts', import.meta.url);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const cache = new LruCache<string, ValidationResult>({
    maxEntries: options.cacheSize ?? 64,
    maxWeight: options.cacheChars ?? 32 * 1024 * 1024,
  });
  const inFlight = new Map<string, Promise<ValidationResult>>();
  const counts: ParseWorkerStats = { parses: 0, cacheHits: 0 };
  let connection: WorkerConnection | null = null;
  let closed = false;

  const onGone = (gone: WorkerConnection): void => {
    if (connection === gone) connection = null;
  };
  const connect = (): WorkerConnection => (connection ??= new WorkerConnection({ workerUrl, timeoutMs, onGone }));

  function parse(hash: string, raw: string): Promise<ValidationResult> {
    counts.parses += 1;
    const parsing = connect()
      .validate(raw)
      .then((result) => {
        cache.set(hash, result, raw.length);
        return result;
      })
      .finally(() => inFlight.delete(hash));
    inFlight.set(hash, parsing);
    return parsing;
  }

  function lookup(hash: string): ValidationResult | Promise<ValidationResult> | undefined {
    const known = cache.get(hash) ?? inFlight.get(hash);
    if (known) counts.cacheHits += 1;
    return known;
  }

  return {
    async validate(raw) {
      if (closed) throw new ParserUnavailableError('The parse worker is stopped; start a new one with startParseWorker().');
      const hash = contentHash(raw);
      // Each caller gets its own copy, so one cannot change what the cache hands to the next.
      return structuredClone(await (lookup(hash) ?? parse(hash, raw)));
    },
    async diff(before, after) {
      if (closed) throw new ParserUnavailableError('The parse worker is stopped; start a new one with startParseWorker().');
      return connect().diff(before, after);
    },
    stats: () => ({ ...counts }),
    async close() {
      closed = true;
      const current = connection;
      connection = null;
      await current?.close();
    },
  };
}
