import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBrokerService } from '../../../lib/broker/broker-service.ts';
import type { QueueReport } from '../../../lib/broker/deferred-queue.ts';
import { AOF_OFF_WARNING } from '../../../lib/broker/persistence.ts';
import { connectBroker, type BrokerConnection } from '../../../lib/broker/redis.ts';
import { provideServices, services } from '../../../lib/services.ts';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { startRedis, type RunningRedis } from '../../../testing/services.ts';
import { GET } from './route.ts';

// Redis servers of this file's own, one with AOF and one without, so the answer does not depend on the shared one's config.
let fixture: PublishingFixture;
const servers: RunningRedis[] = [];
const connections: BrokerConnection[] = [];
const dir = mkdtempSync(join(tmpdir(), 'portal-queue-route-'));

before(async () => {
  fixture = await startRouteServices();
  servers.push(await startRedis(undefined, { appendOnly: true, dir }), await startRedis());
});

after(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await Promise.all(servers.map((server) => server.stop()));
  await fixture.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function queueOn(server: RunningRedis): Promise<{ status: number; body: QueueReport }> {
  const connection = connectBroker(server.url);
  connections.push(connection);
  await once(connection.redis, 'ready');
  provideServices({ ...services(), broker: createBrokerService(connection) });
  const response = await GET(new Request('http://127.0.0.1:3000/api/queue'));
  return { status: response.status, body: (await response.json()) as QueueReport };
}

test('GET /api/queue reports AOF on without a warning', async () => {
  const { status, body } = await queueOn(servers[0]!);
  assert.equal(status, 200);
  assert.deepEqual(body.persistence, { aof: true });
  assert.equal(body.depth, 0);
});

test('GET /api/queue warns when Redis runs without AOF', async () => {
  const { status, body } = await queueOn(servers[1]!);
  assert.equal(status, 200);
  assert.deepEqual(body.persistence, { aof: false, warning: AOF_OFF_WARNING });
  assert.deepEqual(Object.keys(body).sort(), ['consumers', 'depth', 'pending', 'persistence', 'recentlyProcessed']);
});
