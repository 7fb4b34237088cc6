import { Redis } from 'ioredis';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { REDIS_URL as redisUrl } from './helpers.ts';

/**
 * Follows `channel` and returns the messages received before a marker published through the portal's own
 * API: whatever a refused request might have published has arrived by then.
 */
async function follow(
  channel: string,
): Promise<{ receivedBeforeMarker: (request: APIRequestContext) => Promise<string[]>; stop: () => void }> {
  const subscriber = new Redis(redisUrl);
  const received: string[] = [];
  subscriber.on('message', (_channel: string, message: string) => received.push(message));
  await subscriber.subscribe(channel);
  return {
    async receivedBeforeMarker(request) {
      const marker = `marker ${Date.now()}`;
      expect((await request.post('/api/publish', { data: { topic: channel, payload: marker } })).status()).toBe(200);
      await expect.poll(() => received.includes(marker)).toBe(true);
      return received.slice(0, received.indexOf(marker));
    },
    stop: () => subscriber.disconnect(),
  };
}

test('a request with a foreign Origin is refused with 403 and publishes nothing', async ({ request }) => {
  const channel = `e2e.origin.${Date.now()}`;
  const tail = await follow(channel);
  try {
    const headers = { Origin: 'https://evil.example' };
    const publish = await request.post('/api/publish', { data: { topic: channel, payload: 'from evil' }, headers });
    expect(publish.status()).toBe(403);
    expect((await publish.json()).error).toMatch(/Refused a request from https:\/\/evil\.example.*ALLOWED_ORIGINS/);
    expect((await request.post(`/topics/${channel}`, { data: 'from evil', headers })).status()).toBe(403);
    const plain = await request.post('/api/publish', {
      data: JSON.stringify({ topic: channel, payload: 'as text' }),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(plain.status()).toBe(415);
    expect(await tail.receivedBeforeMarker(request)).toEqual([]);
  } finally {
    tail.stop();
  }
});

test("another site's page can neither publish nor follow the broker", async ({ page, request, baseURL }) => {
  const portal = baseURL ?? '';
  const channel = `e2e.origin.page.${Date.now()}`;
  const tail = await follow(channel);
  const queueDepth = async (): Promise<number> => ((await (await request.get('/api/queue')).json()) as { depth: number }).depth;
  try {
    const depth = await queueDepth();
    // localhost and 127.0.0.1 are different sites to the browser, though both reach this portal.
    await page.goto(`${portal.replace('127.0.0.1', 'localhost')}/api/health`);
    const socket = await page.evaluate(
      async ({ portal, channel }) => {
        const simple = { method: 'POST', mode: 'no-cors', body: JSON.stringify({ topic: channel, payload: 'from another site' }) } as const;
        await fetch(`${portal}/api/publish`, simple);
        await fetch(`${portal}/topics/${channel}`, simple);
        await fetch(`${portal}/deferred-exec`, simple);
        return new Promise<string>((resolve) => {
          const ws = new WebSocket(`${portal.replace('http:', 'ws:')}/socket.io/?EIO=4&transport=websocket`);
          ws.onopen = () => resolve('connected');
          ws.onerror = () => resolve('refused');
        });
      },
      { portal, channel },
    );
    expect(socket).toBe('refused');
    expect(await tail.receivedBeforeMarker(request)).toEqual([]);
    expect(await queueDepth()).toBe(depth);
  } finally {
    tail.stop();
  }
});

test('no other site can frame the portal, and pages load no remote images', async ({ page, request, baseURL }) => {
  const portal = baseURL ?? '';
  const headers = (await request.get('/')).headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("img-src 'self' data: blob:");
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  const api = (await request.get('/api/health')).headers();
  expect([api['x-frame-options'], api['content-security-policy']]).toEqual([
    'DENY',
    "frame-ancestors 'none'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'",
  ]);

  await page.goto(`${portal.replace('127.0.0.1', 'localhost')}/api/health`);
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.name = 'framed';
    frame.src = src;
    document.body.append(frame);
  }, `${portal}/`);
  await expect.poll(() => page.frame('framed')?.url() ?? '').toMatch(/^chrome-error:/);
});
