import { once } from 'node:events';
import { validateDocument } from '../asyncapi/validate.ts';
import { createBrokerService } from '../lib/broker/broker-service.ts';
import { connectBroker, type BrokerConnection } from '../lib/broker/redis.ts';
import { createCatalogue, type Catalogue } from '../lib/catalogue.ts';
import { isPortalChannel } from '../lib/common/portal-channels.ts';
import { createSchemaPublisher, type SchemaPublisher } from '../lib/publishing/schema-publisher.ts';
import type { Broker } from '../lib/services.ts';
import { openDatabase, type Database } from '../prisma/db.ts';
import { readExample } from './examples.ts';
import { useRedis } from './redis.ts';
import { waitUntil } from './wait.ts';

/** The catalogued message the publishing tests aim at, and payloads that match and violate it. */
export const READING = { slug: 'greenhouse-sensors', version: '2.1.0', channel: 'sensorReading', message: 'SensorReading' };
export const READING_TOPIC = 'greenhouse/north/sensor/th-0042/reading';
export const VALID_READING = { sensorId: 'th-0042', humidity: 40, measuredAt: '2024-05-01T06:00:00Z' };
export const INVALID_READING = { sensorId: 42, humidity: 140 };
/** A channel with two messages, one of them without a payload schema. */
export const DEVICE_COMMANDS = `asyncapi: 3.0.0
info: { title: Device Commands, version: 1.0.0 }
channels:
  commands:
    address: device/{deviceId}/commands
    messages:
      Rename: { payload: { type: object, required: [name], properties: { name: { type: string } } } }
      Note: { summary: 'Free text, no schema.' }
`;

export interface Delivery {
  channel: string;
  message: string;
}

export interface PublishingFixture {
  database: Database;
  catalogue: Catalogue;
  connection: BrokerConnection;
  /** The test Redis's URL, for more connections (a subscriber's). */
  redisUrl: string;
  broker: Broker;
  publisher: SchemaPublisher;
  /** What a subscriber to every channel got up to a marker published now: everything sent before it, in order. */
  receivedBeforeMarker(): Promise<Delivery[]>;
  stop(): Promise<void>;
}

/**
 * A catalogue of three examples and Device Commands on PGlite, a schema publisher on the test Redis, and a subscriber to all of it.
 * @example const fixture = await startPublishing(); await fixture.publisher.publish({ topic, payload });
 */
export async function startPublishing(): Promise<PublishingFixture> {
  const database = await openDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  const redis = await useRedis();
  const connection = connectBroker(redis.url);
  await once(connection.redis, 'ready');
  const received: Delivery[] = [];
  const subscriber = redis.connect();
  await subscriber.psubscribe('*');
  // The portal's own channels (a conformance monitor's traffic handover, say) are not what a test published.
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
    if (!isPortalChannel(channel)) received.push({ channel, message });
  });
  const catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
  for (const file of ['greenhouse-sensors.yaml', 'ecommerce-orders.yaml', 'user-signup-v2.yaml'])
    await catalogue.register(await readExample(file));
  await catalogue.register(DEVICE_COMMANDS);
  const broker = createBrokerService(connection);
  return {
    database,
    catalogue,
    connection,
    redisUrl: redis.url,
    broker,
    publisher: createSchemaPublisher({ db: database.prisma, publish: broker.publish }),
    async receivedBeforeMarker() {
      const marker = `marker-${received.length}-${Date.now()}`;
      await connection.redis.publish(`${redis.prefix}marker`, marker);
      await waitUntil(() => received.some((r) => r.message === marker), 'the marker');
      const index = received.findIndex((r) => r.message === marker);
      return received.splice(0, index + 1).slice(0, -1);
    },
    async stop() {
      await connection.close();
      await redis.stop();
      await database.close();
    },
  };
}

/**
 * A publish answer without its total `receivers`, after checking that it counts at least those besides the portal:
 * the total includes every portal's tail on the test Redis (other test files' too), `receiversBesidesPortal` does not.
 * @example assert.deepEqual(besidesPortal(await publisher.publish(request)), { receiversBesidesPortal: 1, conforms: true });
 */
export function besidesPortal<T extends { receivers?: unknown; receiversBesidesPortal?: unknown }>(answer: T): Omit<T, 'receivers'> {
  const { receivers, ...rest } = answer;
  if (typeof receivers !== 'number' || typeof answer.receiversBesidesPortal !== 'number' || receivers < answer.receiversBesidesPortal)
    throw new Error(`not a publish answer counting its receivers: ${JSON.stringify(answer)}`);
  return rest;
}
