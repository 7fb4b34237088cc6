import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { expect, test } from '@playwright/test';
import { REDIS_URL as redisUrl } from './helpers.ts';

test('POST /topics/:topic publishes the raw body verbatim', async ({ request }) => {
  const subscriber = new Redis(redisUrl);
  try {
    const received = new Promise<string>((resolve) => subscriber.on('message', (_channel: string, message: string) => resolve(message)));
    await subscriber.subscribe('orderCreated');
    const body = '{"orderId":"o-1",  "note":"spacing kept"}';
    const response = await request.post('/topics/orderCreated', { data: body, headers: { 'Content-Type': 'application/json' } });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ message: 'message published' });
    expect(await received).toBe(body);
  } finally {
    subscriber.disconnect();
  }
});

test('topic master is reserved', async ({ request }) => {
  const response = await request.post('/topics/master', { data: 'x' });
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: 'master is a reserved topic' });
});

test('POST /api/publish checks the topic and payload', async ({ request }) => {
  const ok = await request.post('/api/publish', { data: { topic: 'e2e.api', payload: { a: 1 } } });
  expect(ok.status()).toBe(200);
  expect(typeof (await ok.json()).receivers).toBe('number');
  for (const topic of ['', 'x'.repeat(1025), 'bad\u0001topic']) {
    const bad = await request.post('/api/publish', { data: { topic, payload: 'x' } });
    expect(bad.status(), JSON.stringify(topic)).toBe(422);
    const body = await bad.json();
    expect(body.error).toMatch(/topic/i);
    expect(body.issues).toEqual([expect.objectContaining({ path: 'topic' })]);
  }
  const big = await request.post('/api/publish', { data: { topic: 'e2e.big', payload: 'x'.repeat(1024 * 1024 + 1) } });
  expect(big.status()).toBe(413);
});

function startWorker(name: string, delayMs: number, reclaimAfterMs: number): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(
    'node',
    ['--import', 'tsx', 'scripts/worker.ts', '--name', name, '--delay', String(delayMs), '--reclaim-after', String(reclaimAfterMs)],
    {
      env: { ...process.env, REDIS_URL: redisUrl },
    },
  );
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

test('the deferred queue survives a worker killed mid-task', async ({ request }) => {
  const body = `resize image ${Date.now()}`;
  const doomed = startWorker('doomed', 60_000, 60_000);
  try {
    await expect.poll(doomed.output).toContain('waiting for deferred events');
    const queued = await request.post('/deferred-exec', { data: body });
    expect(queued.status()).toBe(200);
    const { id } = (await queued.json()) as { id: string };
    await expect.poll(doomed.output).toContain(`Processing deferred event ${id}`);
    doomed.child.kill('SIGKILL');
    await expect.poll(async () => (await (await request.get('/api/queue')).json()).pending).toBe(1);

    const rescuer = startWorker('rescuer', 10, 500);
    try {
      await expect.poll(rescuer.output, { timeout: 20_000 }).toContain(`Processed deferred event ${id}`);
      const stats = await (await request.get('/api/queue')).json();
      expect(stats.pending).toBe(0);
      expect(stats.recentlyProcessed[0]).toMatchObject({ id, body, consumer: 'rescuer' });
    } finally {
      rescuer.child.kill();
    }
  } finally {
    doomed.child.kill('SIGKILL');
  }
});
