import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { readExample } from '../../testing/examples.ts';
import { INVALID_READING, READING } from '../../testing/publishing.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { replyProxy } from '../../testing/reply-proxy.ts';
import { waitUntil } from '../../testing/wait.ts';
import { validateDocument } from '../../asyncapi/validate.ts';
import { createBrokerService } from '../broker/broker-service.ts';
import { DEFERRED_STREAM, enqueueDeferred, nextDeferredId, withdrawDeferred } from '../broker/deferred-queue.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { createCatalogue } from '../catalogue.ts';
import { createSchemaPublisher, type SchemaPublisher } from '../publishing/schema-publisher.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';
import { SEND_DEADLINE_MS } from './group-send.ts';
import type { AuditContext } from './types.ts';

const EDA: AuditContext = { actor: { kind: 'user', id: 'u-eda', name: 'Eda' }, ip: '198.51.100.4' };
// Only the audit row keeps the address, and PostgreSQL refuses a NUL in text: this row alone cannot be stored.
const UNWRITABLE: AuditContext = { actor: EDA.actor, ip: '198.51.100.\u0000' };

for (const backend of testBackends()) {
  describe(`audited sending to Redis on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let redis: TestRedis;
    let connection: BrokerConnection;
    let publisher: SchemaPublisher;
    let audit: AuditLog;
    let subscriber: Redis;
    const received: string[] = [];
    const rows = async (action: string) => (await audit.list({ action, limit: 100 })).events;

    before(async () => {
      database = await backend.open();
      await createCatalogue({ db: database.prisma, validator: { validate: validateDocument } }).register(
        await readExample('greenhouse-sensors.yaml'),
      );
      redis = await useRedis();
      connection = connectBroker(redis.url);
      await once(connection.redis, 'ready');
      subscriber = redis.connect();
      await subscriber.psubscribe('*');
      subscriber.on('pmessage', (_pattern: string, _channel: string, message: string) => received.push(message));
      publisher = createSchemaPublisher({ db: database.prisma, publish: createBrokerService(connection).publish });
      audit = createAuditLog(database.prisma);
    });
    after(async () => {
      await connection?.close();
      await redis?.stop();
      await database?.close();
    });

    /** Publishes a marker and waits for it: whatever was sent before it has arrived by then. */
    async function sentBefore(): Promise<string[]> {
      const marker = `${redis.prefix}marker-${Date.now()}`;
      await connection.redis.publish(`${redis.prefix}marker`, marker);
      await waitUntil(() => received.includes(marker), 'the marker');
      return received.splice(0).filter((m) => m !== marker);
    }

    test('a publish writes one event.publish row with topic, bytes and forced', async () => {
      const topic = `${redis.prefix}orders`;
      await publisher.publish({ topic, payload: 'héllo' }, EDA);
      const [event] = await rows('event.publish');
      assert.deepEqual(
        { actor: event?.actor, target: event?.target, detail: event?.detail, ip: event?.ip },
        { actor: EDA.actor, target: topic, detail: { topic, bytes: 6, forced: false }, ip: EDA.ip },
      );
      assert.deepEqual(await sentBefore(), ['héllo']);
    });

    test('a payload sent despite its schema is audited as forced; one refused by it is neither sent nor audited', async () => {
      const topic = 'greenhouse/north/sensor/th-0042/reading';
      const payload = JSON.stringify(INVALID_READING);
      await assert.rejects(publisher.publish({ topic, payload, schema: READING }, EDA), { name: 'PayloadViolationError' });
      assert.equal((await rows('event.publish')).length, 1);
      await publisher.publish({ topic, payload, schema: READING, force: true }, EDA);
      const [event] = await rows('event.publish');
      assert.deepEqual(event?.detail, { topic, bytes: Buffer.byteLength(payload), forced: true });
      assert.deepEqual(await sentBefore(), [payload]);
    });

    test('a publish that fails (Redis down) is not audited', async () => {
      const down = connectBroker('redis://127.0.0.1:1');
      const offline = createSchemaPublisher({ db: database.prisma, publish: createBrokerService(down).publish });
      await assert.rejects(offline.publish({ topic: `${redis.prefix}lost`, payload: 'x' }, EDA), { name: 'BrokerUnavailableError' });
      await down.close();
      assert.equal((await rows('event.publish')).length, 2);
    });

    test('a publish whose row cannot be stored is never sent', async () => {
      await assert.rejects(publisher.publish({ topic: `${redis.prefix}unaudited`, payload: 'secret' }, UNWRITABLE), /auditEvent\.create/);
      assert.deepEqual(await sentBefore(), []);
      assert.equal((await rows('event.publish')).length, 2);
    });

    test('with the database out of reach, nothing is sent', async () => {
      const gone = await backend.open();
      await gone.close();
      const cut = createSchemaPublisher({ db: gone.prisma, publish: createBrokerService(connection).publish });
      await assert.rejects(cut.publish({ topic: `${redis.prefix}unrecorded`, payload: 'x' }, EDA));
      assert.deepEqual(await sentBefore(), []);
    });

    test('publishes at once each get their row, in the order they were sent', async () => {
      const before = (await rows('event.publish')).length;
      const topic = `${redis.prefix}burst`;
      const payloads = Array.from({ length: 40 }, (_, i) => `burst-${i}`);
      await Promise.all(payloads.map((payload) => publisher.publish({ topic, payload }, EDA)));
      assert.deepEqual(await sentBefore(), payloads);
      const stored = (await rows('event.publish')).slice(0, payloads.length).reverse();
      assert.equal((await rows('event.publish')).length, before + payloads.length);
      assert.deepEqual(
        stored.map((event) => event.detail.bytes),
        payloads.map((payload) => payload.length),
      );
    });

    test('among publishes at once, one whose row cannot be stored fails alone and is never sent', async () => {
      const before = (await rows('event.publish')).length;
      const topic = `${redis.prefix}mixed`;
      const outcomes = await Promise.allSettled(
        ['a', 'b', 'unwritable', 'c'].map((payload) => publisher.publish({ topic, payload }, payload === 'unwritable' ? UNWRITABLE : EDA)),
      );
      assert.deepEqual(
        outcomes.map((outcome) => outcome.status),
        ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
      );
      assert.deepEqual(await sentBefore(), ['a', 'b', 'c']);
      assert.equal((await rows('event.publish')).length, before + 3);
    });

    test('among publishes at once, those Redis refuses are not audited and the others are', async () => {
      const before = (await rows('event.publish')).length;
      const down = connectBroker('redis://127.0.0.1:1');
      const offline = createSchemaPublisher({ db: database.prisma, publish: createBrokerService(down).publish });
      const topic = `${redis.prefix}half`;
      const outcomes = await Promise.allSettled([
        publisher.publish({ topic, payload: 'kept-1' }, EDA),
        offline.publish({ topic, payload: 'lost' }, EDA),
        publisher.publish({ topic, payload: 'kept-2' }, EDA),
      ]);
      await down.close();
      assert.deepEqual(
        outcomes.map((outcome) => outcome.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.deepEqual(await sentBefore(), ['kept-1', 'kept-2']);
      const stored = (await rows('event.publish')).slice(0, 2);
      assert.equal((await rows('event.publish')).length, before + 2);
      assert.deepEqual(
        stored.map((event) => event.detail.bytes),
        [6, 6],
      );
    });

    test('a publish Redis does not answer is in doubt by its deadline, unaudited, and holds up no other publish', async () => {
      const url = new URL(redis.url);
      const proxy = await replyProxy(Number(url.port || 6379));
      const stalled = connectBroker(`redis://127.0.0.1:${proxy.port}${url.pathname}`);
      const logged: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = (chunk: string | Uint8Array) => (logged.push(String(chunk)), write(chunk));
      const said = (...parts: string[]) => logged.some((line) => parts.every((part) => line.includes(part)));
      try {
        await once(stalled.redis, 'ready');
        const unanswered = createSchemaPublisher({ db: database.prisma, publish: createBrokerService(stalled).publish });
        const before = (await rows('event.publish')).length;
        const [lost, healthy] = [`${redis.prefix}unanswered`, `${redis.prefix}healthy`];
        proxy.holdRepliesFrom('publish');
        // Past Prisma's default transaction timeout (5 s): what a Redis SIGSTOPped for a while does.
        const released = new Promise((resolve) => setTimeout(resolve, 6_000)).then(() => proxy.release());
        const started = Date.now();
        const timed = (publishing: Promise<unknown>) =>
          publishing.then(
            () => ({ ms: Date.now() - started, error: null }),
            (error: Error) => ({ ms: Date.now() - started, error }),
          );
        // While a first group commits, the unanswered publish and another queue up for the second; one more arrives
        // while that one waits for its reply, and goes in the third.
        const first = timed(publisher.publish({ topic: healthy, payload: 'first' }, EDA));
        const inDoubt = timed(unanswered.publish({ topic: lost, payload: 'no reply' }, EDA));
        const sameGroup = timed(publisher.publish({ topic: healthy, payload: 'same group' }, EDA));
        await waitUntil(() => proxy.holding(), 'the PUBLISH to go out');
        const nextGroup = timed(publisher.publish({ topic: healthy, payload: 'next group' }, EDA));

        const limit = SEND_DEADLINE_MS + 1_000;
        const doubt = await inDoubt;
        assert.equal(doubt.error?.name, 'PublishOutcomeUnknownError', String(doubt.error));
        assert.equal((doubt.error as Error & { topic?: string }).topic, lost);
        assert.ok(doubt.ms < limit, `answered after ${doubt.ms} ms`);
        for (const [name, outcome] of [
          ['first', await first],
          ['same group', await sameGroup],
          ['next group', await nextGroup],
        ] as const) {
          assert.equal(outcome.error, null, `${name}: ${String(outcome.error)}`);
          assert.ok(outcome.ms < limit, `${name} waited ${outcome.ms} ms`);
        }
        assert.deepEqual((await sentBefore()).sort(), ['first', 'next group', 'no reply', 'same group'], 'the PUBLISH in doubt did go out');

        assert.ok(said(lost, 'may have been sent, and has no audit row'), 'the publish in doubt is logged');

        await released;
        await waitUntil(() => said(lost, 'in doubt was confirmed'), 'the late reply to be logged');
        const stored = await rows('event.publish');
        assert.equal(stored.length, before + 3);
        assert.deepEqual(
          stored.slice(0, 3).map((event) => event.target),
          [healthy, healthy, healthy],
          'the late reply stored no row for the publish in doubt',
        );
        assert.ok(!said('failed to commit'), 'no group lost its rows to a transaction that timed out');
      } finally {
        process.stderr.write = write;
        proxy.release();
        await stalled.close();
        await proxy.close();
      }
    });

    /** The deferred queue on a Redis database of this test's own (the stream's name is fixed), and a queue for a body. */
    async function deferredQueue() {
      const queueRedis = new Redis(await redis.claimDatabase());
      // A database claimed before by a run that stopped half-way may still hold its stream.
      await queueRedis.del(DEFERRED_STREAM);
      const queue = (body: string) => ({
        nextId: () => nextDeferredId(queueRedis),
        enqueue: (id: string) => enqueueDeferred(queueRedis, body, id),
        withdraw: (id: string) => withdrawDeferred(queueRedis, id),
      });
      /** How many events were ever added to the stream, withdrawn ones included (XINFO STREAM's entries-added). */
      const everAdded = async () => {
        const info = (await queueRedis.xinfo('STREAM', DEFERRED_STREAM)) as unknown[];
        return Number(info[info.indexOf('entries-added') + 1]);
      };
      const close = async () => {
        await queueRedis.del(DEFERRED_STREAM);
        queueRedis.disconnect();
      };
      return { queueRedis, queue, everAdded, close };
    }

    test('a defer writes one event.defer row with the event id; one whose row cannot be stored never reaches a worker', async () => {
      const { queueRedis, queue, everAdded, close } = await deferredQueue();
      const id = await audit.defer(EDA, 4, queue('task'));
      const [event] = await rows('event.defer');
      assert.deepEqual({ target: event?.target, detail: event?.detail }, { target: `deferred:${id}`, detail: { eventId: id, bytes: 4 } });
      assert.equal((await queueRedis.xrange(DEFERRED_STREAM, id, id)).length, 1);

      const added = await everAdded();
      await assert.rejects(audit.defer(UNWRITABLE, 4, queue('task')), /auditEvent\.create/);
      assert.equal(await everAdded(), added, 'the event was never queued, not queued and taken back');
      assert.equal((await rows('event.defer')).length, 1);
      await close();
    });

    test('an id that another portal takes meanwhile is chosen again, and only the event queued is audited', async () => {
      const { queueRedis, queue, close } = await deferredQueue();
      let other: string | null = null;
      const raced = {
        ...queue('mine'),
        nextId: async () => {
          const id = await nextDeferredId(queueRedis);
          other ??= await enqueueDeferred(queueRedis, 'theirs');
          return id;
        },
      };
      const before = (await rows('event.defer')).length;
      const id = await audit.defer(EDA, 4, raced);
      assert.ok(other);
      const streamed = await queueRedis.xrange(DEFERRED_STREAM, '-', '+');
      assert.deepEqual(
        streamed.map(([entry, fields]) => [entry, fields[1]]),
        [
          [other, 'theirs'],
          [id, 'mine'],
        ],
      );
      const audited = await rows('event.defer');
      assert.equal(audited.length, before + 1);
      assert.equal((audited[0]?.detail as { eventId: string }).eventId, id);
      await close();
    });

    test('defers at once each get their own id and row', async () => {
      const { queueRedis, queue, close } = await deferredQueue();
      const before = (await rows('event.defer')).length;
      const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => audit.defer(EDA, 1, queue(`task-${i}`))));
      assert.equal(new Set(ids).size, 12);
      const streamed = (await queueRedis.xrange(DEFERRED_STREAM, '-', '+')).map(([id]) => id);
      assert.deepEqual([...streamed].sort(), [...ids].sort());
      const audited = (await rows('event.defer')).slice(0, 12).map((e) => (e.detail as { eventId: string }).eventId);
      assert.equal((await rows('event.defer')).length, before + 12);
      assert.deepEqual([...audited].sort(), [...ids].sort());
      await close();
    });
  });
}
