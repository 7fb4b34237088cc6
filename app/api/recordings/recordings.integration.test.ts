import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { GET as getMessages } from './[id]/messages/route.ts';
import { POST as replayPost } from './[id]/replay/route.ts';
import { POST as cancelPost } from './[id]/replay/cancel/route.ts';
import { GET as getOne } from './[id]/route.ts';
import { POST as stopPost } from './[id]/stop/route.ts';
import { GET as list, POST as start } from './route.ts';
import type { Database } from '../../../prisma/db.ts';
import type { StoredRecording } from '../../../prisma/store/recordings.ts';
import { testBackends } from '../../../testing/databases.ts';
import { useRedis, type TestRedis } from '../../../testing/redis.ts';
import { serveRoutes } from '../../../testing/route-services.ts';
import { freePort } from '../../../testing/services.ts';
import { startCountingInstance, type CountingInstance } from '../../../testing/traffic.ts';
import { waitUntil } from '../../../testing/wait.ts';
import { connectBroker, type BrokerClient, type BrokerConnection } from '../../../lib/broker/redis.ts';
import { provideServices, services } from '../../../lib/services.ts';
import { trafficKeys } from '../../../lib/traffic/keys.ts';
import type { ExportedMessage } from '../../../lib/recordings/export.ts';
import { createRecordings, MAX_RUNNING_RECORDINGS, type Recordings } from '../../../lib/recordings/recordings.ts';

const json = { 'Content-Type': 'application/json' };

let database: Database;
let redis: TestRedis;
let connection: BrokerConnection;
let publisher: Redis;
let instance: CountingInstance;
let p: string;

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (path: string, body?: unknown) =>
  new Request(`http://127.0.0.1:3000${path}`, {
    method: 'POST',
    headers: json,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function startRecording(body: Record<string, unknown>): Promise<string> {
  const response = await start(post('/api/recordings', body));
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { id: string }).id;
}
async function recording(id: string): Promise<StoredRecording> {
  return (await (await getOne(new Request(`http://127.0.0.1:3000/api/recordings/${id}`), params(id))).json()) as StoredRecording;
}
async function exported(id: string): Promise<ExportedMessage[]> {
  const response = await getMessages(new Request(`http://127.0.0.1:3000/api/recordings/${id}/messages?format=ndjson`), params(id));
  assert.equal(response.headers.get('Content-Type'), 'application/x-ndjson');
  return (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportedMessage);
}
/** A stopped recording stored as is, one message a channel, each `gapMs` after the one before: channels no capture would hear. */
async function storedRecording(name: string, channels: string[], gapMs = 0): Promise<string> {
  const id = randomUUID();
  const start = Date.now() - channels.length * gapMs;
  await database.prisma.recording.create({
    data: {
      id,
      name,
      patterns: ['*'],
      state: 'stopped',
      maxMessages: 100,
      maxSeconds: 60,
      messageCount: channels.length,
      createdById: 't',
      createdByName: 't',
    },
  });
  await database.prisma.recordedMessage.createMany({
    data: channels.map((channel, seq) => ({
      recordingId: id,
      seq,
      channel,
      payload: new Uint8Array(Buffer.from(`${name} ${seq}`)),
      size: `${name} ${seq}`.length,
      receivedAt: new Date(start + seq * gapMs),
    })),
  });
  return id;
}

/** Serves `recordings` instead of the counting instance's while `body` runs. */
async function servedBy<T>(recordings: Recordings, body: () => Promise<T>): Promise<T> {
  const live = services();
  provideServices({ ...live, recordings });
  try {
    return await body();
  } finally {
    provideServices(live);
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A plain subscriber to `pattern`, collecting what it receives. */
async function listen(pattern: string): Promise<{ received: { channel: string; message: string; at: number }[]; close(): Promise<void> }> {
  const client = redis.connect();
  const received: { channel: string; message: string; at: number }[] = [];
  client.on('pmessage', (_pattern: string, channel: string, message: string) => received.push({ channel, message, at: performance.now() }));
  await client.psubscribe(pattern);
  return { received, close: async () => void (await client.punsubscribe(pattern)) };
}

/** A stopped recording of `count` messages on `${p}<topic>`, published `gapMs` apart. */
async function recorded(topic: string, count: number, gapMs = 0): Promise<string> {
  const id = await startRecording({ name: topic, patterns: [`${p}${topic}.*`] });
  for (let i = 0; i < count; i++) {
    if (gapMs > 0 && i > 0) await sleep(gapMs);
    await publisher.publish(`${p}${topic}.${i}`, JSON.stringify({ i }));
  }
  await waitUntil(async () => (await recording(id)).messages === count, `${count} messages recorded`);
  assert.equal((await stopPost(post(`/api/recordings/${id}/stop`), params(id))).status, 200);
  return id;
}

for (const backend of testBackends())
  describe(`recordings (${backend.name}, Redis)`, { skip: backend.skip ?? false }, () => {
    before(async () => {
      database = await backend.open();
      redis = await useRedis();
      p = redis.prefix;
      connection = connectBroker(redis.url);
      publisher = redis.connect();
      serveRoutes(database, connection);
      instance = await startCountingInstance({
        target: { kind: 'server', url: redis.url },
        catalogue: { indexedChannels: () => Promise.resolve([]), onChange: () => () => {} },
        keys: trafficKeys(randomUUID()),
        name: `${p}recordings`,
        observePattern: `${p}*`,
        flushMs: 20,
        recordingsDb: database.prisma,
      });
      provideServices({ ...services(), recordings: instance.recordings! });
      await waitUntil(() => instance.monitor.counting(), 'the instance to count', 10_000);
    });
    after(async () => {
      await instance?.stop();
      await connection?.close();
      await redis?.stop();
      await database?.close();
    });

    test('records exactly the messages published on its patterns after it starts, in order, and lists them', async () => {
      await publisher.publish(`${p}orders.early`, 'before');
      const id = await startRecording({ name: 'orders', patterns: [`${p}orders.*`] });
      const sent = Array.from({ length: 50 }, (_, i) => JSON.stringify({ order: i }));
      for (const [i, payload] of sent.entries()) {
        await publisher.publish(`${p}orders.${i}`, payload);
        await publisher.publish(`${p}elsewhere.${i}`, 'not recorded');
      }
      await waitUntil(async () => (await recording(id)).messages === 50, '50 messages recorded');
      await sleep(200);
      const messages = await exported(id);
      assert.deepEqual(
        messages.map((message) => [message.seq, message.channel, message.payload]),
        sent.map((payload, i) => [i, `${p}orders.${i}`, payload]),
      );
      const listed = ((await (await list(new Request('http://127.0.0.1:3000/api/recordings'))).json()) as { recordings: StoredRecording[] })
        .recordings;
      const mine = listed.find((item) => item.id === id)!;
      assert.equal(mine.state, 'recording');
      assert.equal(
        mine.bytes,
        sent.reduce((sum, payload, i) => sum + payload.length + `${p}orders.${i}`.length, 0),
      );
      const stopped = (await (await stopPost(post(`/api/recordings/${id}/stop`), params(id))).json()) as StoredRecording;
      assert.equal(stopped.state, 'stopped');
      assert.equal(stopped.stopReason, 'stopped');
      await publisher.publish(`${p}orders.after`, 'after the stop');
      await sleep(200);
      assert.equal((await recording(id)).messages, 50);
      const actions = await database.prisma.auditEvent.findMany({ where: { target: `recording:${id}` }, orderBy: { id: 'asc' } });
      assert.deepEqual(
        actions.map((event) => event.action),
        ['recording.start', 'recording.stop'],
      );
    });

    test('stops by itself at maxMessages, keeping the first ones', async () => {
      const id = await startRecording({ name: 'capped', patterns: [`${p}capped.*`], maxMessages: 5 });
      for (let i = 0; i < 8; i++) await publisher.publish(`${p}capped.${i}`, String(i));
      await waitUntil(async () => (await recording(id)).state === 'stopped', 'the recording to stop');
      const stopped = await recording(id);
      assert.equal(stopped.stopReason, 'maxMessages');
      assert.equal(stopped.messages, 5);
      assert.deepEqual(
        (await exported(id)).map((message) => message.payload),
        ['0', '1', '2', '3', '4'],
      );
    });

    test('stops by itself at maxSeconds, audited as the portal', async () => {
      const id = await startRecording({ name: 'timed', patterns: [`${p}timed.*`], maxSeconds: 1 });
      await publisher.publish(`${p}timed.0`, 'in time');
      await waitUntil(async () => (await recording(id)).state === 'stopped', 'the recording to stop', 5_000);
      await publisher.publish(`${p}timed.1`, 'too late');
      await sleep(200);
      const stopped = await recording(id);
      assert.deepEqual([stopped.stopReason, stopped.messages], ['maxSeconds', 1]);
      const audit = await database.prisma.auditEvent.findFirst({ where: { target: `recording:${id}`, action: 'recording.stop' } });
      assert.deepEqual([audit?.actorName, audit?.detail], ['portal', { name: 'timed', reason: 'maxSeconds', messages: 1 }]);
    });

    test('refuses bad input: too many patterns, a bad glob, bounds past their maximum', async () => {
      for (const body of [
        { name: 'x', patterns: Array.from({ length: 11 }, (_, i) => `p${i}`) },
        { name: 'x', patterns: [] },
        { name: 'x', patterns: [`a*${'?'.repeat(40)}*`] },
        { name: 'x'.repeat(101), patterns: ['a'] },
        { name: 'x', patterns: ['a'], maxMessages: 100_001 },
        { name: 'x', patterns: ['a'], maxSeconds: 86_401 },
      ])
        assert.equal((await start(post('/api/recordings', body))).status, 422, JSON.stringify(body).slice(0, 80));
    });

    test('exports as ndjson and as one JSON document', async () => {
      const id = await recorded('export', 3);
      const response = await getMessages(new Request(`http://127.0.0.1:3000/api/recordings/${id}/messages?format=json`), params(id));
      const body = (await response.json()) as { recording: StoredRecording; messages: ExportedMessage[] };
      assert.equal(body.recording.id, id);
      assert.deepEqual(
        body.messages.map((message) => message.payload),
        ['{"i":0}', '{"i":1}', '{"i":2}'],
      );
      assert.deepEqual(await exported(id), body.messages);
      const bad = await getMessages(new Request(`http://127.0.0.1:3000/api/recordings/${id}/messages?format=xml`), params(id));
      assert.equal(bad.status, 400);
    });

    test('replays at "max" onto a topic prefix, in order, with its progress readable', async () => {
      const id = await recorded('replayed', 30);
      const subscriber = await listen(`${p}again.*`);
      const response = await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max', topicPrefix: `${p}again.` }), params(id));
      assert.equal(response.status, 202);
      await waitUntil(() => subscriber.received.length === 30, '30 replayed messages');
      assert.deepEqual(
        subscriber.received.map((message) => [message.channel, message.message]),
        Array.from({ length: 30 }, (_, i) => [`${p}again.${p}replayed.${i}`, JSON.stringify({ i })]),
      );
      await waitUntil(async () => (await recording(id)).replay.state === 'finished', 'the replay to finish');
      assert.equal((await recording(id)).replay.sent, 30);
      await subscriber.close();
      const audit = await database.prisma.auditEvent.findFirst({ where: { target: `recording:${id}`, action: 'recording.replay' } });
      assert.deepEqual(audit?.detail, { name: 'replayed', speed: 'max', topicPrefix: `${p}again.`, messages: 30 });
    });

    test('replays at speed 10 keeping the spacing, divided by ten', async () => {
      const id = await recorded('spaced', 4, 300);
      const originals = await exported(id);
      const span = Date.parse(originals.at(-1)!.receivedAt) - Date.parse(originals[0]!.receivedAt);
      const subscriber = await listen(`${p}ten.*`);
      await replayPost(post(`/api/recordings/${id}/replay`, { speed: 10, topicPrefix: `${p}ten.` }), params(id));
      await waitUntil(() => subscriber.received.length === 4, '4 replayed messages');
      assert.deepEqual(
        subscriber.received.map((message) => message.message),
        ['{"i":0}', '{"i":1}', '{"i":2}', '{"i":3}'],
      );
      const replayedSpan = subscriber.received.at(-1)!.at - subscriber.received[0]!.at;
      assert.ok(replayedSpan >= (span / 10) * 0.8, `replayed over ${replayedSpan} ms, recorded over ${span} ms`);
      await subscriber.close();
    });

    test('a replay is cancelled, and a second one is refused while one runs', async () => {
      const id = await recorded('slow', 3, 1_000);
      const subscriber = await listen(`${p}cancel.*`);
      assert.equal(
        (await replayPost(post(`/api/recordings/${id}/replay`, { speed: 1, topicPrefix: `${p}cancel.` }), params(id))).status,
        202,
      );
      await waitUntil(() => subscriber.received.length === 1, 'the first replayed message');
      const again = await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max' }), params(id));
      assert.equal(again.status, 409);
      const cancelled = await cancelPost(post(`/api/recordings/${id}/replay/cancel`), params(id));
      assert.equal(cancelled.status, 200);
      await sleep(2_500);
      assert.equal(subscriber.received.length, 1);
      assert.equal((await recording(id)).replay.state, 'cancelled');
      assert.equal((await cancelPost(post(`/api/recordings/${id}/replay/cancel`), params(id))).status, 409);
      await subscriber.close();
    });

    test('a replay skips, and counts, every topic /api/publish refuses, and refuses such a prefix with 400', async () => {
      const id = await storedRecording(`skip ${p}`, ['master', 'event-portal:sockets', `${p}kept.0`, `${p}kept.1`]);
      const master = await listen('master');
      const portal = await listen('event-portal:sockets');
      const kept = await listen(`${p}kept.*`);
      assert.equal((await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max' }), params(id))).status, 202);
      await waitUntil(async () => (await recording(id)).replay.state === 'finished', 'the replay to finish');
      await sleep(100);
      assert.deepEqual(
        kept.received.map((message) => message.message),
        [`skip ${p} 2`, `skip ${p} 3`],
      );
      assert.deepEqual(
        [...master.received, ...portal.received].filter((message) => message.message.startsWith(`skip ${p}`)),
        [],
      );
      assert.deepEqual([(await recording(id)).replay.sent, (await recording(id)).replay.skipped], [2, 2]);
      for (const topicPrefix of ['master', 'event-portal:']) {
        const refused = await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max', topicPrefix }), params(id));
        assert.equal(refused.status, 400, topicPrefix);
        assert.match(((await refused.json()) as { error: string }).error, /topicPrefix/);
      }
      await Promise.all([master.close(), portal.close(), kept.close()]);
    });

    test('a replay waiting out a long recorded gap keeps its progress fresh: no second one starts', async () => {
      const id = await storedRecording(`gap ${p}`, [`${p}gap.0`, `${p}gap.1`], 2_000);
      const recordings = createRecordings({
        db: database.prisma,
        broker: connection,
        channel: 'event-portal:recordings:gap',
        staleReplayMs: 600,
      });
      const subscriber = await listen(`${p}gap.*`);
      try {
        await servedBy(recordings, async () => {
          assert.equal((await replayPost(post(`/api/recordings/${id}/replay`, { speed: 1 }), params(id))).status, 202);
          await sleep(1_500);
          assert.equal((await recording(id)).replay.state, 'running');
          assert.equal((await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max' }), params(id))).status, 409);
        });
        await waitUntil(async () => (await recording(id)).replay.state === 'finished', 'the replay to finish');
        await sleep(100);
        assert.deepEqual(
          subscriber.received.map((message) => message.message),
          [`gap ${p} 0`, `gap ${p} 1`],
        );
      } finally {
        await recordings.close();
        await subscriber.close();
      }
    });

    test('a replay taken over by another run stops at once and leaves the row to that run', async () => {
      const id = await storedRecording(`over ${p}`, [`${p}over.0`, `${p}over.1`], 1_500);
      const recordings = createRecordings({
        db: database.prisma,
        broker: connection,
        channel: 'event-portal:recordings:over',
        staleReplayMs: 600,
      });
      const subscriber = await listen(`${p}over.*`);
      try {
        await servedBy(recordings, () => replayPost(post(`/api/recordings/${id}/replay`, { speed: 1 }), params(id)));
        await waitUntil(() => subscriber.received.length === 1, 'the first replayed message');
        await database.prisma.recording.update({ where: { id }, data: { replayRunId: 'another run', replaySent: 0 } });
        await sleep(2_000);
        assert.equal(subscriber.received.length, 1);
        const row = await database.prisma.recording.findUniqueOrThrow({ where: { id } });
        assert.deepEqual([row.replayState, row.replayRunId, row.replaySent], ['running', 'another run', 0]);
      } finally {
        await recordings.close();
        await subscriber.close();
      }
    });

    test('a replay of one still recording is refused with 409', async () => {
      const id = await startRecording({ name: 'running', patterns: [`${p}running.*`] });
      const response = await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max' }), params(id));
      assert.equal(response.status, 409);
      await stopPost(post(`/api/recordings/${id}/stop`), params(id));
    });

    test('a start whose Redis notice fails still answers 201, and the capture picks it up from the database', async () => {
      const failing = { publish: () => Promise.reject(new Error('connection lost')) } as unknown as BrokerClient;
      const broker = { redis: failing, state: () => 'ready' as const, lastError: () => null };
      const recordings = createRecordings({ db: database.prisma, broker, channel: 'event-portal:recordings:failing' });
      const id = await servedBy(recordings, () => startRecording({ name: 'unannounced', patterns: [`${p}unannounced.*`] }));
      assert.equal((await recording(id)).state, 'recording');
      await waitUntil(
        async () => {
          await publisher.publish(`${p}unannounced.0`, 'heard');
          return (await recording(id)).messages > 0;
        },
        'the reconciled recording to capture',
        10_000,
      );
      await stopPost(post(`/api/recordings/${id}/stop`), params(id));
    });

    test(`refuses a start with 409 while ${MAX_RUNNING_RECORDINGS} recordings run`, async () => {
      const already = await database.prisma.recording.count({ where: { state: 'recording' } });
      const started: string[] = [];
      try {
        for (let i = already; i < MAX_RUNNING_RECORDINGS; i++)
          started.push(await startRecording({ name: `many ${i}`, patterns: [`${p}many.${i}`] }));
        const refused = await start(post('/api/recordings', { name: 'one too many', patterns: [`${p}many.x`] }));
        assert.equal(refused.status, 409);
        assert.match(((await refused.json()) as { error: string }).error, /20 recordings are running/);
        assert.equal(await database.prisma.recording.count({ where: { name: 'one too many' } }), 0);
      } finally {
        for (const id of started) await stopPost(post(`/api/recordings/${id}/stop`), params(id));
      }
      const again = await startRecording({ name: 'room again', patterns: [`${p}many.y`] });
      await stopPost(post(`/api/recordings/${again}/stop`), params(again));
    });

    test('a replay is refused with 503 while Redis is down', async () => {
      const id = await recorded('down', 1);
      const dead = connectBroker(`redis://127.0.0.1:${await freePort()}`);
      const live = services();
      provideServices({
        ...live,
        recordings: createRecordings({ db: database.prisma, broker: dead, channel: 'event-portal:recordings:dead' }),
      });
      try {
        const response = await replayPost(post(`/api/recordings/${id}/replay`, { speed: 'max' }), params(id));
        assert.equal(response.status, 503);
        assert.match(((await response.json()) as { error: string }).error, /Redis/);
        assert.equal((await recording(id)).replay.state, 'idle');
      } finally {
        provideServices(live);
        await dead.close();
      }
    });
  });
