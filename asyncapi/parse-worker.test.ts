import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { diffVersions } from './diff/diff-versions.ts';
import type { DiffSide } from './diff/types.ts';
import { generateLargeDocument } from './examples/generate-large.ts';
import { startParseWorker } from './parse-worker.ts';
import { ParserUnavailableError } from './worker-connection.ts';
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

  test('rejects every pending request with a clear error, then starts a new worker', async () => {
    assert.equal((await pool.validate('warm-up')).valid, false);
    const pending = pool.validate('pending');
    const crash = pool.validate('crash');
    for (const request of [pending, crash]) {
      await assert.rejects(request, (error: Error) => {
        assert.ok(error instanceof ParserUnavailableError);
        assert.match(
          error.message,
          /^The document parser crashed \(simulated parser crash\) before the document was validated; send it again\.$/,
        );
        return true;
      });
    }
    const retried = await pool.validate('pending');
    assert.equal(retried.valid ? '' : retried.error, 'echo: pending');
  });

  test('a request that never ends times out, and the stuck worker is replaced', async () => {
    const impatient = startParseWorker({ workerUrl: crashingWorker, timeoutMs: 2_000 });
    try {
      await assert.rejects(impatient.validate('hang'), (error: Error) => {
        assert.ok(error instanceof ParserUnavailableError);
        assert.match(error.message, /^Validation took longer than 2 s, so the parser was restarted/);
        return true;
      });
      const next = await impatient.validate('after');
      assert.equal(next.valid ? '' : next.error, 'echo: after');
      assert.equal(impatient.stats().parses, 2);
    } finally {
      await impatient.close();
    }
  });

  test('a closed pool refuses new requests', async () => {
    await pool.close();
    await assert.rejects(pool.validate('late'), ParserUnavailableError);
  });
});

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
