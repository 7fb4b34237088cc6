import type { AuditLog } from './audit/audit-log.ts';
import type { Identity } from './auth/identity.ts';
import type { QueueReport } from './broker/deferred-queue.ts';
import type { EdaQueueReport } from './broker/eda-queue.ts';
import type { PublishReceipt } from './broker/publish.ts';
import type { BrokerState } from './broker/redis.ts';
import type { Catalogue } from './catalogue.ts';
import type { TrafficSnapshot } from './conformance/traffic.ts';
import type { SubscriberCounter } from './drift/report.ts';
import type { DeferredMode } from './env.ts';
import type { HealthReport } from './health.ts';
import type { RecentMessage } from './live/events.ts';
import type { HistoryFilter } from './traffic/history-entry.ts';
import type { Recordings } from './recordings/recordings.ts';
import type { SchemaPublisher } from './publishing/schema-publisher.ts';

export interface Broker {
  state: () => BrokerState;
  /** PUBLISHes a payload verbatim; see lib/broker/publish.ts for the checks. */
  publish: (topic: string, payload: string | Buffer) => Promise<PublishReceipt>;
  /** An id for the next deferred event, known before it is queued (so its audit row can be written first). */
  nextDeferredId(): Promise<string>;
  /** Queues a body for `npm run worker` under `id` (from `nextDeferredId`) or one Redis picks; returns the event's id. */
  deferExecution(body: string | Buffer, id?: string): Promise<string>;
  /** Takes a queued event back out, when its audit row could not be stored. */
  withdrawDeferred(id: string): Promise<void>;
  /** The queue's stats, and whether Redis persists them (AOF), read afresh each call. */
  queueStats(): Promise<QueueReport>;
  /** How many SUBSCRIBE clients each channel has now (PUBSUB NUMSUB), in order. */
  subscriberCounts: SubscriberCounter;
  /** How /deferred-exec defers (DEFERRED_MODE): `stream` through the methods above, `eda` through the two below. */
  deferredMode: DeferredMode;
  /** PUBLISHes a deferred body on `master`, as the `eda` CLI did; answers its receivers (the master consumers). */
  deferOnMaster(body: string | Buffer): Promise<number>;
  /** The list `message:queue` the `eda` master consumer fills, bounded, and whether Redis persists it. */
  edaQueue(): Promise<EdaQueueReport>;
}

/**
 * What the route handlers and pages use. server.ts builds it once and publishes it here: Next bundles
 * the app separately from server.ts, so the one shared instance lives on globalThis.
 */
export interface PortalServices {
  catalogue: Catalogue;
  broker: Broker;
  /** Publishing against catalogued channels, with payloads checked against their message's schema. */
  publishing: SchemaPublisher;
  health(): Promise<HealthReport>;
  /** The audit log: its reader, and the audited sending of events to Redis. */
  audit: AuditLog;
  /** Sign-in and sessions (lib/auth/): who sends a request, and better-auth's endpoints. */
  identity: Identity;
  /** Origins besides the portal's own whose pages may change state (`ALLOWED_ORIGINS`), canonical. */
  allowedOrigins: readonly string[];
  /** Live traffic per catalogued and undocumented channel, counted once across instances, read from Redis. */
  traffic: {
    /** With `slug`, only that document's channels (and no undocumented ones); a BrokerUnavailableError while Redis is down. */
    snapshot(filter?: { slug?: string }): Promise<TrafficSnapshot>;
    /** The newest kept messages matching `filter`, newest first (README "Recent traffic"); a BrokerUnavailableError while Redis is down. */
    recent(filter: HistoryFilter, limit: number): Promise<RecentMessage[]>;
  };
  /** Recordings of live traffic, kept in the database, and their replays (README "Recordings"). */
  recordings: Recordings;
}

const KEY = Symbol.for('event-portal.services');
type Holder = { [KEY]?: PortalServices };

export function provideServices(services: PortalServices): void {
  (globalThis as Holder)[KEY] = services;
}

/** The running portal's services; throws when the app was started without server.ts. */
export function services(): PortalServices {
  const found = (globalThis as Holder)[KEY];
  if (!found)
    throw new Error('Portal services are not running: start the portal with `npm start` or `npm run dev` (server.ts), not `next start`.');
  return found;
}
