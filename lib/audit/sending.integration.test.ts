import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { readExample } from '../../testing/examples.ts';
import { INVALID_READING, READING } from '../../testing/publishing.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { waitUntil } from '../../testing/wait.ts';
import { validateDocument } from '../../asyncapi/validate.ts';
import { createBrokerService } from '../broker/broker-service.ts';
import { DEFERRED_STREAM, enqueueDeferred, withdrawDeferred } from '../broker/deferred-queue.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { createCatalogue } from '../catalogue.ts';
import { createSchemaPublisher, type SchemaPublisher } from '../publishing/schema-publisher.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';
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

    test('a defer writes one event.defer row with the event id; one whose row cannot be stored is withdrawn', async () => {
      // The stream's name is fixed: a Redis database of this test's own keeps it away from other tests' workers.
      const queueRedis = new Redis(await redis.claimDatabase());
      const queue = (body: string) => ({
        enqueue: () => enqueueDeferred(queueRedis, body),
        withdraw: (id: string) => withdrawDeferred(queueRedis, id),
      });

      const id = await audit.defer(EDA, 4, queue('task'));
      const [event] = await rows('event.defer');
      assert.deepEqual({ target: event?.target, detail: event?.detail }, { target: `deferred:${id}`, detail: { eventId: id, bytes: 4 } });
      assert.equal((await queueRedis.xrange(DEFERRED_STREAM, id, id)).length, 1);

      const length = await queueRedis.xlen(DEFERRED_STREAM);
      await assert.rejects(audit.defer(UNWRITABLE, 4, queue('task')), /auditEvent\.create/);
      assert.equal(await queueRedis.xlen(DEFERRED_STREAM), length, 'the event was taken back out');
      assert.equal((await rows('event.defer')).length, 1);
      await queueRedis.del(DEFERRED_STREAM);
      queueRedis.disconnect();
    });
  });
}
