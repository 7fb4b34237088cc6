import type { Catalogue } from '../catalogue.ts';
import type { Broker, PortalServices } from '../services.ts';
import { draftDocument } from './draft.ts';
import { driftReport, type DriftReport } from './report.ts';

/** What a drift report reads: the catalogue's documents, the live traffic and the broker's subscribers. */
export interface DriftSources {
  catalogue: Pick<Catalogue, 'listDocuments'>;
  traffic: PortalServices['traffic'];
  broker: Pick<Broker, 'subscriberCounts'>;
}

/**
 * The drift report of the running portal: its traffic so far against the catalogue and the broker. Only
 * documents that can be on this broker count: those with a Redis server or no server at all (the portal's
 * own Socket.IO API, say, is not expected on Redis).
 * @example const report = await currentDrift(services(), 3_600_000);
 */
export async function currentDrift({ traffic, broker, catalogue }: DriftSources, windowMs: number): Promise<DriftReport> {
  const offBroker = new Set((await catalogue.listDocuments()).filter((d) => !onRedis(d.protocols)).map((d) => d.slug));
  const snapshot = await traffic.snapshot();
  const catalogued = snapshot.catalogued.filter((c) => !offBroker.has(c.slug));
  return driftReport({ ...snapshot, catalogued }, { windowMs, countSubscribers: broker.subscriberCounts });
}

/** Whether a document with these servers' protocols can be on a Redis broker: a Redis server, or none at all. */
export function onRedis(protocols: readonly string[]): boolean {
  return protocols.length === 0 || protocols.some((p) => p.toLowerCase().startsWith('redis'));
}

/**
 * A draft document for an undocumented channel from its latest payload, or null when it has not been seen.
 * @example const draft = await draftForChannel(services().traffic, 'orders.created');
 */
export async function draftForChannel(traffic: PortalServices['traffic'], channel: string): Promise<string | null> {
  const seen = (await traffic.snapshot()).undocumented.find((u) => u.channel === channel);
  return seen ? draftDocument(seen.channel, seen.samplePayload, seen.sampleBytes) : null;
}
