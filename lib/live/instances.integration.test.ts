import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { testIdentity } from '../../testing/identity.ts';
import { startLiveServer, type LiveTestServer, type TailClient } from '../../testing/live.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { waitUntil } from '../../testing/wait.ts';
import { createPasswordUser } from '../auth/bootstrap.ts';
import type { Identity } from '../auth/identity.ts';
import type { Actor } from '../auth/roles.ts';
import { connectBroker, connectSubscriber, type BrokerConnection } from '../broker/redis.ts';
import type { TailBatch } from './events.ts';
import { ADAPTER_KEY, afterReconnect, shareAcrossInstances } from './instances.ts';
import { disconnectRevokedFrom } from './revocation-rooms.ts';

/** Resolves once the client is connected. */
function connected(client: TailClient): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', reject);
  });
}

const disconnected = (client: TailClient): Promise<string> => new Promise((resolve) => client.once('disconnect', resolve));

describe('live sockets across portal instances (the Socket.IO Redis adapter)', () => {
  let redis: TestRedis;
  let database: Database;
  const connections: BrokerConnection[] = [];
  const instances: { live: LiveTestServer; identity: Identity; adapterSub: Redis }[] = [];
  let viewer: Actor;

  /** A connection to the test's Redis as server.ts makes them, for pub/sub or for commands; closed after the tests. */
  function connection<C extends BrokerConnection>(made: C): C {
    connections.push(made);
    return made;
  }
  const subscriber = (name: string) => connection(connectSubscriber(redis.url, { connectionName: `${redis.prefix}${name}` })).redis;
  const publisher = (name: string) =>
    connection(connectBroker(redis.url, { connectionName: `${redis.prefix}${name}`, queueWhileDown: true })).redis;

  before(async () => {
    redis = await useRedis();
    database = await openDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    for (const name of ['a', 'b']) {
      // Two instances on one database and one Redis, each with its own identity (and so its own revocations).
      const { identity, auth } = testIdentity(database.prisma, 'required');
      if (name === 'a') {
        const id = await createPasswordUser(auth, database.prisma, {
          email: 'viewer@example.com',
          password: 'a password of enough length',
          role: 'viewer',
        });
        viewer = { kind: 'user', id, name: 'viewer', role: 'viewer' };
      }
      const live = await startLiveServer({ subscriber: subscriber(`${name}-tail`), identity, observePattern: '*' });
      const adapterSub = subscriber(`${name}-sub`);
      shareAcrossInstances(live.io, publisher(`${name}-pub`), adapterSub);
      // As server.ts does: revocations missed while the adapter was cut off are caught by checking every socket again.
      afterReconnect(adapterSub, () => void live.guard?.recheck());
      instances.push({ live, identity, adapterSub });
    }
    // The adapters' subscriptions are in place once each has its pattern and channels.
    await waitUntil(
      async () =>
        Number(
          await redis
            .connect()
            .pubsub('NUMSUB', `${ADAPTER_KEY}-request#/#`)
            .then((r) => r[1]),
        ) === 2,
      'both adapters to subscribe',
    );
  });

  after(async () => {
    for (const { live } of instances) await live.stop();
    for (const made of connections) await made.close();
    await database?.close();
    await redis?.stop();
  });

  test('a token revoked on instance A closes its socket on instance B at once', async () => {
    const [a, b] = instances;
    const { id, token } = await a!.identity.tokens.create(viewer, { name: 'across', role: 'viewer' });
    const client = b!.live.connect({ auth: { token }, reconnection: false });
    await connected(client);
    const closed = disconnected(client);
    await a!.identity.tokens.revoke(viewer, id);
    assert.equal(await closed, 'io server disconnect');
  });

  test('a token revoked while instance B’s adapter was cut off closes its socket on B once the adapter is back', async () => {
    const [a, b] = instances;
    const { id, token } = await a!.identity.tokens.create(viewer, { name: 'missed', role: 'viewer' });
    const kept = await a!.identity.tokens.create(viewer, { name: 'kept', role: 'viewer' });
    const client = b!.live.connect({ auth: { token }, reconnection: false });
    const other = b!.live.connect({ auth: { token: kept.token }, reconnection: false });
    await Promise.all([connected(client), connected(other)]);
    const closed = disconnected(client);
    const ended = once(b!.adapterSub, 'end');
    b!.adapterSub.disconnect();
    await ended;
    await a!.identity.tokens.revoke(viewer, id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.connected, true, 'B missed the revocation while its adapter was cut off');
    await b!.adapterSub.connect();
    assert.equal(await closed, 'io server disconnect');
    assert.equal(other.connected, true, 'a socket whose token is still valid stays open');
    other.disconnect();
  });

  test('a process with no Socket.IO server of its own (npm run users) closes a user’s sockets on every instance', async () => {
    const { token } = await instances[0]!.identity.tokens.create(viewer, { name: 'cli', role: 'viewer' });
    const clients = instances.map(({ live }) => live.connect({ auth: { token }, reconnection: false }));
    await Promise.all(clients.map(connected));
    const closed = clients.map(disconnected);
    const publisher = redis.connect();
    disconnectRevokedFrom(new Emitter(publisher, { key: ADAPTER_KEY }), { userId: viewer.id });
    assert.deepEqual(await Promise.all(closed), ['io server disconnect', 'io server disconnect']);
  });

  test('the adapter’s own channels never show in a tail of every channel', async () => {
    const { token } = await instances[0]!.identity.tokens.create(viewer, { name: 'tail-all', role: 'viewer' });
    const client = instances[0]!.live.connect({ auth: { token } });
    await connected(client);
    const channels: string[] = [];
    client.on('tail:batch', (batch: TailBatch, ack: () => void) => {
      channels.push(...batch.messages.map((m) => m.channel));
      ack();
    });
    assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns: ['*'] }), { ok: true, patterns: ['*'] });
    // A revocation for nobody sends a request over the adapter; the marker after it shows the tail has seen it by then.
    disconnectRevokedFrom(new Emitter(redis.connect(), { key: ADAPTER_KEY }), { userId: 'nobody' });
    const marker = `${redis.prefix}marker`;
    await redis.connect().publish(marker, 'after the adapter request');
    await waitUntil(() => channels.includes(marker), 'the marker');
    assert.deepEqual(
      channels.filter((c) => !c.startsWith(redis.prefix)),
      [],
      'only the test’s own channels: the adapter’s request was left out',
    );
    client.disconnect();
  });
});
