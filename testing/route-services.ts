import { startConformanceMonitor } from '../lib/conformance/monitor.ts';
import { checkHealth } from '../lib/health.ts';
import { provideServices } from '../lib/services.ts';
import { startPublishing, type PublishingFixture } from './publishing.ts';

/**
 * The publishing fixture with the portal's services provided as server.ts provides them, so route handlers
 * called directly find a real catalogue, broker and publisher.
 * @example before(async () => (fixture = await startRouteServices()));
 */
export async function startRouteServices(): Promise<PublishingFixture> {
  const fixture = await startPublishing();
  const { catalogue, broker, publisher, database, connection } = fixture;
  provideServices({
    catalogue,
    broker,
    publishing: publisher,
    traffic: await startConformanceMonitor(catalogue),
    health: () => checkHealth(database, connection),
    allowedOrigins: [],
  });
  return fixture;
}
