import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { validateDocument } from '../asyncapi/validate.ts';
import { openDatabase, type Database } from '../prisma/db.ts';
import { announceCatalogueChange, listenForCatalogueChanges, type CatalogueChangeListener } from '../prisma/store/catalogue-changes.ts';
import { createPostgresDatabase } from '../testing/databases.ts';
import { readExample } from '../testing/examples.ts';
import { READING_TOPIC, VALID_READING } from '../testing/publishing.ts';
import { waitUntil } from '../testing/wait.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import { startConformanceMonitor, type ConformanceMonitor } from './conformance/monitor.ts';
import { connectBroker, connectSubscriber } from './broker/redis.ts';
import { trafficKeys, type TrafficKeys } from './traffic/keys.ts';
import { installationId } from '../prisma/store/installation.ts';
import { useRedis, type TestRedis } from '../testing/redis.ts';
import { dropTraffic } from '../testing/traffic.ts';

const adminUrl = process.env.TEST_DATABASE_URL;

/** One portal instance's part in this: its database connection, catalogue, conformance index and listener. */
interface Instance {
  database: Database;
  catalogue: Catalogue;
  monitor: ConformanceMonitor;
  listener: CatalogueChangeListener;
  /** Its broker and subscriber connections, for the monitor's traffic counts, and where those go. */
  connections: { close(): Promise<void> }[];
  keys: TrafficKeys;
  /** How many changes of other instances it heard. */
  heard: () => number;
}

async function startInstance(url: string, redisUrl: string, instanceId: string): Promise<Instance> {
  const database = await openDatabase({ url });
  const catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument }, instanceId });
  const broker = connectBroker(redisUrl);
  const subscriber = connectSubscriber(redisUrl, { connectionName: instanceId });
  const keys = trafficKeys(await installationId(database.prisma));
  const monitor = await startConformanceMonitor(catalogue, { broker, subscriber: subscriber.redis, keys, instanceId });
  let heard = 0;
  const listener = await listenForCatalogueChanges({
    url,
    instanceId,
    retryMs: 50,
    onChange: () => {
      heard++;
      catalogue.changedElsewhere();
    },
    onError: () => {},
  });
  return { database, catalogue, monitor, listener, connections: [subscriber, broker], keys, heard: () => heard };
}

const statusOf = (instance: Instance): string =>
  instance.monitor.observe(READING_TOPIC, Buffer.from(JSON.stringify(VALID_READING)), Date.now()).conformance.status;

describe(
  'catalogue changes across instances (PostgreSQL LISTEN/NOTIFY)',
  { skip: adminUrl ? false : 'TEST_DATABASE_URL is not set' },
  () => {
    let fresh: { url: string; drop(): Promise<void> };
    let redis: TestRedis;
    let a: Instance;
    let b: Instance;

    before(async () => {
      fresh = await createPostgresDatabase(adminUrl ?? '', 'portal_changes');
      const setup = await openDatabase({ url: fresh.url });
      await setup.migrate();
      await setup.close();
      redis = await useRedis();
      a = await startInstance(fresh.url, redis.url, 'instance-a');
      b = await startInstance(fresh.url, redis.url, 'instance-b');
    });

    after(async () => {
      for (const instance of [a, b]) {
        await instance?.listener.stop();
        await instance?.monitor.stop();
        for (const connection of instance?.connections ?? []) await connection.close();
        await instance?.database.close();
      }
      if (a) await dropTraffic(redis.connect(), a.keys);
      await redis?.stop();
      await fresh?.drop();
    });

    test('a document registered on B is matched by A within 1 s; B does not hear its own change', async () => {
      assert.equal(statusOf(a), 'undocumented');
      const heardByB = b.heard();
      await b.catalogue.register(await readExample('greenhouse-sensors.yaml'));
      // From the moment B's registration is stored, A has a second.
      await waitUntil(() => statusOf(a) === 'conforms', 'A to match the reading', 1_000);
      assert.equal(b.heard(), heardByB, 'B knew already');
    });

    test('a lifecycle change on A reaches B', async () => {
      const heard = b.heard();
      await a.catalogue.setStatus('greenhouse-sensors', '2.1.0', 'deprecated');
      await waitUntil(() => b.heard() === heard + 1, 'B to hear of the change', 1_000);
    });

    test('a change whose transaction rolls back is never announced', async () => {
      const heard = b.heard();
      await assert.rejects(
        a.database.prisma.$transaction(async (tx) => {
          await announceCatalogueChange(tx, 'instance-a');
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      // A marker sent after it arrives after it would have: once B hears the marker, the rolled-back one is not coming.
      await a.database.prisma.$transaction((tx) => announceCatalogueChange(tx, 'instance-a'));
      await waitUntil(() => b.heard() > heard, 'B to hear the marker', 1_000);
      assert.equal(b.heard(), heard + 1);
    });

    test('a listener whose connection is cut reconnects, reports that it may have missed changes, and hears the next', async () => {
      const admin = new pg.Client({ connectionString: fresh.url });
      await admin.connect();
      try {
        const heard = b.heard();
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'event-portal-catalogue-listener' AND datname = current_database()`,
        );
        assert.equal(rowCount, 2, 'both instances listen');
        await waitUntil(() => b.heard() === heard + 1, 'B to reconnect and report a possible change', 5_000);
        await a.catalogue.setStatus('greenhouse-sensors', '2.1.0', 'released');
        await waitUntil(() => b.heard() === heard + 2, 'B to hear the change after reconnecting', 5_000);
      } finally {
        await admin.end();
      }
    });
  },
);
