import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLiveServer, type LiveTestServer, type TailClient } from '../../testing/live.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address.ts';
import { parseTrustedProxies } from '../auth/trusted-proxies.ts';
import { connectSubscriber, type SubscriberConnection } from '../broker/redis.ts';
import type { TailAck } from './events.ts';

const LIMITS = { maxPatternLength: 12, maxPatternsPerClient: 2, maxPatterns: 4, maxPatternsPerKey: 2, maxConnectionsPerAddress: 3 };

/** Connects a client and resolves once the server accepted it, or with the error it refused it with. */
function connected(client: TailClient): Promise<Error | null> {
  return new Promise((resolve) => {
    client.once('connect', () => resolve(null));
    client.once('connect_error', (error) => resolve(error));
  });
}

describe('live tail limits', () => {
  let redis: TestRedis;
  let subscriber: SubscriberConnection;
  let live: LiveTestServer;

  before(async () => {
    redis = await useRedis();
    subscriber = connectSubscriber(redis.url, { connectionName: `${redis.prefix}subscriber` });
    live = await startLiveServer({ subscriber: subscriber.redis, limits: LIMITS });
  });

  after(async () => {
    await live.stop();
    await subscriber.close();
    await redis.stop();
  });

  const follow = (client: TailClient, patterns: string[]): Promise<TailAck> => client.emitWithAck('tail:subscribe', { patterns });

  test('patterns are bounded in length, per client and in all', async () => {
    const first = live.connect();
    const second = live.connect();
    assert.equal(await connected(first), null);
    assert.equal(await connected(second), null);

    const long = await follow(first, ['x'.repeat(13)]);
    assert.equal(long.ok, false);
    assert.match(long.ok ? '' : long.error, /at most 12 characters \(LIVE_MAX_PATTERN_LENGTH\)/);

    assert.deepEqual(await follow(first, ['a.*', 'b.*']), { ok: true, patterns: ['a.*', 'b.*'] });
    const third = await follow(first, ['c.*']);
    assert.match(third.ok ? '' : third.error, /at most 2 patterns \(LIVE_MAX_PATTERNS_PER_CLIENT\)/);

    const unkeyed = await follow(second, ['c.*']);
    assert.match(unkeyed.ok ? '' : unkeyed.error, /already follows 2 patterns with no literal start or end.*LIVE_MAX_PATTERNS_PER_KEY/);
    assert.deepEqual(await follow(second, ['ord1.*', 'ord2.*']), { ok: true, patterns: ['ord1.*', 'ord2.*'] });
    const third2 = live.connect();
    assert.equal(await connected(third2), null);
    const fifth = await follow(third2, ['ord3.*']);
    assert.match(fifth.ok ? '' : fifth.error, /already follows 4 distinct patterns.*LIVE_MAX_PATTERNS\)/);
    assert.deepEqual(await follow(third2, ['a.*']), { ok: true, patterns: ['a.*'] }, 'a pattern already followed costs nothing');
    third2.disconnect();

    first.disconnect();
    second.disconnect();
  });

  test('one address may hold only so many connections, and gets one back when it closes one', async () => {
    const clients = [live.connect(), live.connect(), live.connect()];
    for (const client of clients) assert.equal(await connected(client), null);
    const refused = await connected(live.connect());
    assert.match(refused?.message ?? 'accepted', /At most 3 live connections .*LIVE_MAX_CONNECTIONS_PER_ADDRESS/);
    clients[0]!.disconnect();
    let accepted: Error | null = new Error('not tried');
    let client = live.connect();
    for (let attempt = 0; attempt < 50 && accepted; attempt++) {
      accepted = await connected(client);
      if (accepted) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        client = live.connect();
      }
    }
    assert.equal(accepted, null);
    for (const open of [client, ...clients]) open.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  test('handshakes whose transport closes before they complete leave no count behind', async () => {
    // Engine.IO long-polling: open a session, then send Socket.IO's CONNECT and the transport's close together.
    for (let i = 0; i < LIMITS.maxConnectionsPerAddress + 2; i++) {
      const opened = await fetch(`${live.url}/socket.io/?EIO=4&transport=polling`);
      const { sid } = JSON.parse((await opened.text()).slice(1)) as { sid: string };
      await fetch(`${live.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '40\u001e1' });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await connected(live.connect()), null, 'a real client still gets in');
  });

  test('behind a trusted proxy the limit counts each forwarded client, and a stamp sent by the client is replaced', async () => {
    const parsed = parseTrustedProxies('127.0.0.1');
    assert.ok('proxies' in parsed);
    const proxied = await startLiveServer({ subscriber: subscriber.redis, limits: LIMITS, trustedProxies: parsed.proxies });
    try {
      let spoofed = 0;
      const from = (client: string) =>
        proxied.connect({ extraHeaders: { 'X-Forwarded-For': client, [CLIENT_ADDRESS_HEADER]: `203.0.113.${++spoofed}` } });
      for (let i = 0; i < LIMITS.maxConnectionsPerAddress; i++) assert.equal(await connected(from('198.51.100.1')), null);
      const refused = await connected(from('198.51.100.1'));
      assert.match(refused?.message ?? 'accepted', /At most 3 live connections/);
      assert.equal(await connected(from('198.51.100.2')), null, 'another client behind the same proxy');
    } finally {
      await proxied.stop();
    }
  });
});
