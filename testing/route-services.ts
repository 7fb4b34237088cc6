import { validateDocument } from '../asyncapi/validate.ts';
import { createAuditLog } from '../lib/audit/audit-log.ts';
import type { PortalAuth } from '../lib/auth/auth.ts';
import { createBrokerService } from '../lib/broker/broker-service.ts';
import { connectSubscriber, type BrokerConnection } from '../lib/broker/redis.ts';
import { createCatalogue } from '../lib/catalogue.ts';
import { startConformanceMonitor } from '../lib/conformance/monitor.ts';
import { checkHealth } from '../lib/health.ts';
import type { AuthMode } from '../lib/env.ts';
import { createSchemaPublisher } from '../lib/publishing/schema-publisher.ts';
import { PORTAL_CHANNEL_PREFIX } from '../lib/common/portal-channels.ts';
import { startRecordingCapture } from '../lib/recordings/capture.ts';
import { createRecordings } from '../lib/recordings/recordings.ts';
import { provideServices } from '../lib/services.ts';
import { trafficKeys } from '../lib/traffic/keys.ts';
import type { Database } from '../prisma/db.ts';
import { installationId } from '../prisma/store/installation.ts';
import { testIdentity } from './identity.ts';
import { startPublishing, type PublishingFixture } from './publishing.ts';

/**
 * The publishing fixture with the portal's services provided as server.ts provides them, so route handlers
 * called directly find a real catalogue, broker and publisher, and an identity in `mode` (AUTH=local by default).
 * @example before(async () => (fixture = await startRouteServices()));
 */
export async function startRouteServices(mode: AuthMode = 'local'): Promise<PublishingFixture> {
  const fixture = await startPublishing();
  const { catalogue, broker, publisher, database, connection } = fixture;
  const subscriber = connectSubscriber(fixture.redisUrl, { connectionName: 'route-services-tail' });
  const keys = trafficKeys(await installationId(database.prisma));
  const capture = startRecordingCapture({
    db: database.prisma,
    subscriber: subscriber.redis,
    channel: keys.recordings,
    messageBytes: 16 * 1024,
  });
  const traffic = await startConformanceMonitor(catalogue, {
    broker: connection,
    subscriber: subscriber.redis,
    keys,
    instanceId: 'route-services',
    capture,
  });
  const recordings = createRecordings({ db: database.prisma, broker: connection, channel: keys.recordings });
  provideServices({
    catalogue,
    broker,
    publishing: publisher,
    audit: createAuditLog(database.prisma),
    traffic,
    recordings,
    health: () => checkHealth(database, connection),
    identity: testIdentity(database.prisma, mode).identity,
    allowedOrigins: [],
  });
  return {
    ...fixture,
    async stop() {
      await recordings.close();
      await capture.stop();
      await traffic.stop();
      await subscriber.close();
      await fixture.stop();
    },
  };
}

/**
 * Provides the route handlers' services on `database` and `broker` in `mode`, as server.ts does, with no traffic
 * counted; returns the identity's auth. For a test that chooses its own database (a real PostgreSQL, one that fails).
 * @example const auth = serveRoutes(database, broker, 'required');
 */
export function serveRoutes(database: Database, broker: BrokerConnection, mode: AuthMode = 'local'): PortalAuth {
  const brokerService = createBrokerService(broker);
  const { identity, auth } = testIdentity(database.prisma, mode);
  provideServices({
    catalogue: createCatalogue({ db: database.prisma, validator: { validate: validateDocument } }),
    broker: brokerService,
    publishing: createSchemaPublisher({ db: database.prisma, publish: brokerService.publish }),
    audit: createAuditLog(database.prisma),
    traffic: {
      snapshot: () => Promise.resolve({ catalogued: [], undocumented: [], since: Date.now() }),
      recent: () => Promise.resolve([]),
    },
    recordings: createRecordings({ db: database.prisma, broker, channel: `${PORTAL_CHANNEL_PREFIX}recordings:serve-routes` }),
    health: () => checkHealth(database, broker),
    identity,
    allowedOrigins: [],
  });
  return auth;
}
