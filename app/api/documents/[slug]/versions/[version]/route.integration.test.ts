import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from '../../../../../../asyncapi/types.ts';
import { connectBroker, type BrokerConnection } from '../../../../../../lib/broker/redis.ts';
import type { Database } from '../../../../../../prisma/db.ts';
import { jsonColumn } from '../../../../../../prisma/store/json-columns.ts';
import { testBackends } from '../../../../../../testing/databases.ts';
import { useRedis, type TestRedis } from '../../../../../../testing/redis.ts';
import { serveRoutes } from '../../../../../../testing/route-services.ts';
import { POST as register } from '../../../route.ts';
import { GET } from './route.ts';

// A version's warnings read back as registered: the paths a warning was also reached through, and what was folded under it.
const postgres = testBackends().find((backend) => backend.name === 'postgresql')!;

// One channel in components used by two channels: each warning about it is reached through both.
const SHARED_CHANNEL = `asyncapi: 2.6.0
info: { title: Shared Channel Events, version: 1.0.0 }
channels:
  a: { $ref: '#/components/channels/C' }
  b: { $ref: '#/components/channels/C' }
components:
  channels:
    C:
      publish:
        message:
          payload: { type: string }
`;

async function storedWarnings(): Promise<Diagnostic[]> {
  const params = Promise.resolve({ slug: 'shared-channel-events', version: '1.0.0' });
  const response = await GET(new Request('http://portal/api/documents/shared-channel-events/versions/1.0.0'), { params });
  assert.equal(response.status, 200);
  return ((await response.json()) as { warnings: Diagnostic[] }).warnings;
}

describe('a version read back on PostgreSQL', { skip: postgres.skip ?? false }, () => {
  let redis: TestRedis;
  let broker: BrokerConnection;
  let database: Database;

  before(async () => {
    redis = await useRedis();
    broker = connectBroker(redis.url);
    await once(broker.redis, 'ready');
    database = await postgres.open();
    serveRoutes(database, broker);
  });

  after(async () => {
    await database?.close();
    await broker?.close();
    await redis?.stop();
  });

  test('keeps the paths each warning was also reached through, as the registration answered', async () => {
    const response = await register(
      new Request('http://portal/api/documents', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: SHARED_CHANNEL }),
    );
    assert.equal(response.status, 201);
    const { warnings } = (await response.json()) as { warnings: Diagnostic[] };
    const operationId = warnings.find((w) => w.path === 'components.channels.C.publish');
    assert.deepEqual(operationId?.alsoReachedThrough, ['channels.a.publish', 'channels.b.publish']);
    assert.deepEqual(await storedWarnings(), warnings);
  });

  test('keeps a stored warning’s cascade, at most 20 of it, and at most 10 paths it was reached through', async () => {
    const folded: Diagnostic = { severity: 'warning', message: 'Follows from the first.', path: 'channels.a', line: 4, column: 3 };
    const warning: Diagnostic = {
      ...folded,
      message: 'The first.',
      alsoReachedThrough: Array.from({ length: 12 }, (_, i) => `channels.c${i}`),
      cascade: Array.from({ length: 25 }, () => folded),
    };
    // Written as a portal of another release might have: the reader keeps the fields and their bounds.
    await database.prisma.documentVersion.updateMany({
      where: { document: { slug: 'shared-channel-events' } },
      data: { warnings: jsonColumn([warning]) },
    });
    const [read] = await storedWarnings();
    assert.deepEqual(read?.alsoReachedThrough, warning.alsoReachedThrough?.slice(0, 10));
    assert.deepEqual(
      read?.cascade,
      Array.from({ length: 20 }, () => folded),
    );
  });
});
