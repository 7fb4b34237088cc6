import type { Change, DiffSide } from './diff/types.ts';
import { contentHash } from './hash.ts';
import { LruCache } from './lru-cache.ts';
import { ParserUnavailableError } from './parse-errors.ts';
import type { ValidationResult } from './types.ts';
import { WorkerPool } from './worker-pool.ts';

export interface ParseWorkerOptions {
  /** How many results to remember by content hash; 0 turns the cache off. Default 64. */
  cacheSize?: number;
  /** The most source text, in characters, whose results the cache holds. Default 32 M. */
  cacheChars?: number;
  /** How long one document may take in its worker before that worker is stopped and the document refused. Default 60 s. */
  timeoutMs?: number;
  /** Each worker's heap limit in MB; a document that needs more is refused. Default 1024. */
  heapLimitMb?: number;
  /** The most worker threads at once; a second starts only while the first is busy. Default 2. */
  maxWorkers?: number;
  /** The worker module; tests pass a stand-in. Default `./parse-worker-thread.ts`. */
  workerUrl?: URL;
}

/**
 * A document that gets past the structure check and still makes the parser grow (the 300-channel document
 * peaks at about 220 MB of process memory) ends its own worker, not the portal.
 */
const DEFAULT_HEAP_LIMIT_MB = 1024;

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
 * Validates documents in worker threads, so parsing (a second or more per document) never blocks the event loop
 * serving HTTP and Socket.IO. Identical text is parsed once: results are cached by content hash and concurrent
 * duplicates share one parse. Idle workers stay warm and do not keep the process alive. A document that makes its
 * worker run out of time or memory fails alone with a DocumentTooComplexError; a worker that crashes fails its one
 * request with a ParserUnavailableError. Either way the worker is replaced and other requests are served.
 * @example
 * const parser = startParseWorker();
 * const result = await parser.validate(raw);
 * await parser.close();
 */
export function startParseWorker(options: ParseWorkerOptions = {}): ParseWorker {
  const workerUrl = options.workerUrl ?? new URL('./parse-worker-thread.ts', import.meta.url);
  const workers = new WorkerPool({
    workerUrl,
    timeoutMs: options.timeoutMs ?? 60_000,
    heapLimitMb: options.heapLimitMb ?? DEFAULT_HEAP_LIMIT_MB,
    maxWorkers: options.maxWorkers ?? 2,
  });
  const cache = new LruCache<string, ValidationResult>({
    maxEntries: options.cacheSize ?? 64,
    maxWeight: options.cacheChars ?? 32 * 1024 * 1024,
  });
  const inFlight = new Map<string, Promise<ValidationResult>>();
  const counts: ParseWorkerStats = { parses: 0, cacheHits: 0 };
  let closed = false;

  function parse(hash: string, raw: string): Promise<ValidationResult> {
    counts.parses += 1;
    const parsing = workers
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
      return workers.diff(before, after);
    },
    stats: () => ({ ...counts }),
    async close() {
      closed = true;
      await workers.close();
    },
  };
}
