import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { diffVersions } from './diff/diff-versions.ts';
import type { DiffSide } from './diff/types.ts';
import { generateLargeDocument } from './examples/generate-large.ts';
import { startParseWorker, type ParseWorker } from './parse-worker.ts';
import { MAX_QUEUED } from './worker-pool.ts';
import type { ValidationResult } from './types.ts';
import { DocumentTooComplexError, ParserUnavailableError } from './parse-errors.ts';
import { readExample } from '../testing/examples.ts';
import { validateDocument } from './validate.ts';

describe('parse worker with the real parser', () => {
  const pool = startParseWorker();
  after(() => pool.close());

  test('returns what direct validation returns, valid or not', async () => {
    for (const path of ['user-signup-v2.yaml', 'invalid/missing-info.yaml']) {
      const raw = await readExample(path);
      const [pooled, direct] = await Promise.all([pool.validate(raw), validateDocument(raw)]);
      assert.deepEqual(pooled, direct, path);
    }
  });

  test('serves repeated text from the cache without parsing it again', async () => {
    const raw = await readExample('greenhouse-sensors.yaml');
    const first = await pool.validate(raw);
    const before = pool.stats();
    const started = performance.now();
    const second = await pool.validate(raw);
    assert.ok(performance.now() - started < 100, 'a cache hit takes no parse');
    assert.deepEqual(second, first);
    assert.notEqual(second, first, 'each caller gets its own copy');
    assert.deepEqual(pool.stats(), { parses: before.parses, cacheHits: before.cacheHits + 1 });
  });

  test('concurrent calls each get their own result, and duplicates in flight share one parse', async () => {
    const raws = [await readExample('ecommerce-orders.yaml'), generateLargeDocument(3), generateLargeDocument(4), 'not: [valid'];
    const fresh = raws.map((raw) => `${raw}\n# concurrent\n`);
    const before = pool.stats();
    const results = await Promise.all([...fresh, fresh[1] as string].map((raw) => pool.validate(raw)));
    assert.deepEqual(
      results.map((r) => (r.valid ? r.document.title : 'invalid')),
      [
        'E-commerce Order Events',
        'Fleet Telemetry (3 channels)',
        'Fleet Telemetry (4 channels)',
        'invalid',
        'Fleet Telemetry (3 channels)',
      ],
    );
    assert.deepEqual(pool.stats(), { parses: before.parses + 4, cacheHits: before.cacheHits + 1 });
  });

  test('compares two versions in the worker exactly as diffVersions does on the calling thread', async () => {
    const side = async (path: string): Promise<DiffSide> => {
      const result = await pool.validate(await readExample(path));
      assert.ok(result.valid, path);
      return { resolved: result.resolved, messages: result.document.messages };
    };
    const [before, after] = await Promise.all([side('ecommerce-orders.yaml'), side('versions/ecommerce-orders-1.1.0.yaml')]);
    const pooled = await pool.diff(before, after);
    assert.ok(pooled.length > 0, 'the two versions differ');
    assert.deepEqual(pooled, diffVersions(before, after));
  });

  test('a comparison that fails is rejected with why, and the worker goes on serving', async () => {
    await assert.rejects(pool.diff({ resolved: {}, messages: [] }, { resolved: {}, messages: [] }), (error: Error) => {
      assert.ok(!(error instanceof ParserUnavailableError), 'the worker is not gone');
      assert.match(error.message, /^Could not compare the versions: /);
      return true;
    });
    const before = pool.stats().parses;
    assert.equal((await pool.validate('asyncapi: 3.0.0\ninfo: { title: After, version: 1.0.0 }\n')).valid, true);
    assert.equal(pool.stats().parses, before + 1);
  });
});

describe('parse worker when the worker fails', () => {
  const crashingWorker = new URL('../testing/crashing-worker.ts', import.meta.url);
  const pool = startParseWorker({ workerUrl: crashingWorker });
  after(() => pool.close());

  test('a crash fails only the request that caused it; the others are answered and the worker is replaced', async () => {
    assert.equal((await pool.validate('warm-up')).valid, false);
    const [before, crash, beside] = await Promise.allSettled(['before', 'crash', 'beside'].map((raw) => pool.validate(raw)));
    assert.deepEqual([before, beside].map(echoed), ['echo: before', 'echo: beside']);
    assert.equal(crash?.status, 'rejected');
    const error = crash.reason as Error;
    assert.ok(error instanceof ParserUnavailableError);
    assert.match(
      error.message,
      /^The document parser crashed \(simulated parser crash\) before the document was validated; send it again\.$/,
    );
    assert.equal(echoed(await settle(pool.validate('after'))), 'echo: after');
  });

  test('a request that never ends times out alone: the others are answered meanwhile by another worker', async () => {
    const impatient = startParseWorker({ workerUrl: crashingWorker, timeoutMs: 2_000 });
    try {
      const order: string[] = [];
      const requests = ['hang', 'a', 'b'].map((raw) => impatient.validate(raw).finally(() => order.push(raw)));
      const [hang, ...others] = await Promise.allSettled(requests);
      assert.deepEqual(others.map(echoed), ['echo: a', 'echo: b']);
      assert.deepEqual(order, ['a', 'b', 'hang'], 'not held up by the stuck one');
      assertTooComplex(hang, /^Validating this document took over 2 s, so it was stopped/);
      assert.equal(echoed(await settle(impatient.validate('after'))), 'echo: after');
      assert.equal(impatient.stats().parses, 4);
    } finally {
      await impatient.close();
    }
  });

  test('with one worker, requests queued behind a stuck one are sent to its replacement', async () => {
    const single = startParseWorker({ workerUrl: crashingWorker, timeoutMs: 1_000, maxWorkers: 1 });
    try {
      const [hang, queued] = await Promise.allSettled(['hang', 'queued'].map((raw) => single.validate(raw)));
      assertTooComplex(hang, /took over 1 s/);
      assert.equal(echoed(queued), 'echo: queued');
    } finally {
      await single.close();
    }
  });

  test('past the queue bound, a request is refused at once rather than held with its text', async () => {
    const stuck = startParseWorker({ workerUrl: crashingWorker, timeoutMs: 60_000, maxWorkers: 1, cacheSize: 0 });
    try {
      await stuck.validate('warm-up');
      const waiting = Promise.allSettled(
        ['hang', ...Array.from({ length: MAX_QUEUED }, (_, i) => `queued ${i}`)].map((raw) => stuck.validate(raw)),
      );
      await assert.rejects(stuck.validate('one too many'), (error: Error) => {
        assert.ok(error instanceof ParserUnavailableError);
        assert.match(error.message, /busy: 32 requests are waiting/);
        return true;
      });
      await stuck.close();
      await waiting;
    } finally {
      await stuck.close();
    }
  });

  test('a closed pool refuses new requests', async () => {
    await pool.close();
    await assert.rejects(pool.validate('late'), ParserUnavailableError);
  });
});

/** A document the structure check lets through (900,000 values once its aliases are expanded) that takes the parser seconds and hundreds of MB. */
function heavyDocument(): string {
  const keys = Array.from({ length: 1_000 }, (_, i) => `k${i}: v`).join(', ');
  const uses = Array.from({ length: 900 }, (_, i) => `    s${i}: *big`).join('\n');
  return `asyncapi: 3.0.0\ninfo: { title: Heavy, version: 1.0.0 }\ncomponents:\n  schemas:\n    Base:\n      x-big: &big { ${keys} }\n  x-extra:\n${uses}\n`;
}

describe('parse worker with a document too heavy for it, on the real parser', () => {
  /** Sends the heavy document with two valid ones; checks the valid ones are answered first and the heavy one fails alone. */
  async function heavyBesideValid(pool: ParseWorker, expected: RegExp): Promise<void> {
    const valid = [await readExample('ecommerce-orders.yaml'), 'asyncapi: 3.0.0\ninfo: { title: Small, version: 1.0.0 }\n'];
    await warmBothWorkers(pool);
    const order: string[] = [];
    const requests = [heavyDocument(), ...valid].map((raw, index) => pool.validate(raw).finally(() => order.push(`#${index}`)));
    const [heavy, ...others] = await Promise.allSettled(requests);
    assert.deepEqual(
      others.map((outcome) => outcome.status === 'fulfilled' && outcome.value.valid && outcome.value.document.title),
      ['E-commerce Order Events', 'Small'],
    );
    assert.equal(order.at(-1), '#0', 'the valid documents are not held up by the heavy one');
    assertTooComplex(heavy, expected);
    const later = await pool.validate('asyncapi: 3.0.0\ninfo: { title: Later, version: 1.0.0 }\n');
    assert.equal(later.valid && later.document.title, 'Later');
  }

  /**
   * Starts both workers and loads their parsers first, so that the order below depends on the heavy document alone,
   * not on how long a cold worker takes to start on a loaded machine (several seconds on 2 busy cores).
   */
  async function warmBothWorkers(pool: ParseWorker): Promise<void> {
    const warm = ['A', 'B'].map((title) => pool.validate(`asyncapi: 3.0.0\ninfo: { title: Warm ${title}, version: 1.0.0 }\n`));
    const results = await Promise.all(warm);
    assert.deepEqual(
      results.map((result) => result.valid),
      [true, true],
    );
  }

  test('one that blows the heap fails alone with 422-style "ran out of memory"; the others and later ones are served', async () => {
    const pool = startParseWorker({ heapLimitMb: 64 });
    try {
      await heavyBesideValid(pool, /^Validating this document ran out of memory \(the parser may use 64 MB\), so it was stopped/);
    } finally {
      await pool.close();
    }
  });

  test('one that takes too long fails alone with "took over 5 s"; the others and later ones are served', async () => {
    const pool = startParseWorker({ timeoutMs: 5_000 });
    try {
      await heavyBesideValid(pool, /^Validating this document took over 5 s, so it was stopped/);
    } finally {
      await pool.close();
    }
  });
});

function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return Promise.allSettled([promise]).then(([outcome]) => outcome);
}

/** The stand-in worker's echo, or why the request failed. */
function echoed(outcome: PromiseSettledResult<ValidationResult> | undefined): string {
  if (outcome?.status !== 'fulfilled') return `rejected: ${String(outcome?.reason)}`;
  return outcome.value.valid ? 'valid' : outcome.value.error;
}

function assertTooComplex(outcome: PromiseSettledResult<unknown> | undefined, message: RegExp): void {
  assert.equal(outcome?.status, 'rejected');
  const error = outcome.reason as Error;
  assert.ok(error instanceof DocumentTooComplexError, String(error));
  assert.match(error.message, message);
}

/** Runs a module body in a fresh `node --import tsx` and resolves with its exit code and time taken. */
function runScript(body: string): Promise<{ code: number | null; ms: number; stderr: string }> {
  const poolUrl = new URL('./parse-worker.ts', import.meta.url).href;
  const script = `import { startParseWorker } from ${JSON.stringify(poolUrl)};\n${body}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - started, stderr });
    });
  });
}

describe('parse worker and process exit', { concurrency: true }, () => {
  test('close() with a request in flight rejects it and lets the process exit', async () => {
    const { code, stderr } = await runScript(`
      const pool = startParseWorker();
      const outcome = pool
        .validate('asyncapi: 3.0.0\\ninfo: { title: T, version: 1.0.0 }\\n')
        .then(() => 2, (error) => (error.message === 'The parse worker was stopped before the document was validated.' ? 0 : 3));
      await pool.close();
      process.exitCode = await outcome;`);
    assert.equal(code, 0, stderr);
  });

  test('an idle pool does not keep the process alive', async () => {
    const { code, ms, stderr } = await runScript(`
      const pool = startParseWorker();
      const result = await pool.validate('');
      if (result.valid || !result.error.startsWith('The document is empty')) process.exit(2);`);
    assert.equal(code, 0, stderr);
    assert.ok(ms < 15_000, `exited after ${Math.round(ms)} ms`);
  });
});
