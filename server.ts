import { createServer } from 'node:http';
import next from 'next';
import { Server } from 'socket.io';
import { startParseWorker } from './asyncapi/parse-worker.ts';
import { createAuditLog } from './lib/audit/audit-log.ts';
import { backfillPayloadFormats, describePayloadFormatBackfill } from './lib/backfills/payload-format.ts';
import { ensureFirstAdmin } from './lib/auth/bootstrap.ts';
import { clientAddressMiddleware, stampClientAddress } from './lib/auth/client-address.ts';
import { createIdentity, sessionSecret } from './lib/auth/identity.ts';
import { OIDC_CALLBACK_PATH } from './lib/auth/oidc.ts';
import { createRedisFailureLimiter } from './lib/auth/redis-failure-limiter.ts';
import { createRedisRateLimitStorage } from './lib/auth/redis-rate-limit.ts';
import { createBrokerService } from './lib/broker/broker-service.ts';
import { adoptOldProcessedList } from './lib/broker/deferred-queue.ts';
import { warnUnlessPersistent } from './lib/broker/persistence.ts';
import { connectBroker, connectSubscriber, openShardClient } from './lib/broker/redis.ts';
import { describeBrokerTarget } from './lib/broker/target.ts';
import { createCatalogue } from './lib/catalogue.ts';
import { startConformanceMonitor } from './lib/conformance/monitor.ts';
import { brokerTarget, historyBounds, liveLimits, oidcConfig, readEnv, trustedOrigins } from './lib/env.ts';
import { checkHealth } from './lib/health.ts';
import { allowSameOrigin } from './lib/live/allow-origin.ts';
import { startLiveBridge } from './lib/live/bridge.ts';
import { DEFAULT_QUEUE_OPTIONS } from './lib/live/client-queue.ts';
import { authenticateHandshake } from './lib/live/handshake-auth.ts';
import type { LiveServer } from './lib/live/hub.ts';
import { afterReconnect, shareAcrossInstances } from './lib/live/instances.ts';
import { log } from './lib/log.ts';
import { answerMalformedPath } from './lib/malformed-path.ts';
import { createSchemaPublisher } from './lib/publishing/schema-publisher.ts';
import { registerPortalApi, seedCatalogue } from './lib/seed.ts';
import { startRecordingCapture } from './lib/recordings/capture.ts';
import { createRecordings } from './lib/recordings/recordings.ts';
import { provideServices } from './lib/services.ts';
import { openDatabase } from './prisma/db.ts';
import { listenForCatalogueChanges } from './prisma/store/catalogue-changes.ts';
import { newInstanceId } from './lib/instance-id.ts';
import { trafficKeys } from './lib/traffic/keys.ts';
import { installationId } from './prisma/store/installation.ts';

const env = readEnv();
const dev = env.NODE_ENV === 'development';

const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
const applied = await database.migrate();
if (applied.length > 0) log.info(`applied migrations: ${applied.join(', ')}`);

// One Redis server (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES); it also holds the sign-in
// failure counts every instance shares.
const target = brokerTarget(env);
const broker = connectBroker(target);
// The deferred queue survives a Redis restart only with AOF on; say so once rather than lose it silently.
warnUnlessPersistent(broker, log.warn);
adoptOldProcessedList(broker, log.error);

const oidc = oidcConfig(env);
const { identity, auth } = createIdentity({
  mode: env.AUTH,
  db: database.prisma,
  secret: sessionSecret(env),
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  trustedOrigins: trustedOrigins(env),
  anonymousRead: env.AUTH_ANONYMOUS_READ,
  limiter: createRedisFailureLimiter({ redis: broker.redis }),
  rateLimitStorage: createRedisRateLimitStorage({ redis: broker.redis }),
  ...(oidc ? { oidc } : {}),
});
if (oidc) log.info(`sign-in with OpenID Connect at ${oidc.issuer}; its callback is ${env.PUBLIC_URL}${OIDC_CALLBACK_PATH}`);
if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
  if (await ensureFirstAdmin(auth, database.prisma, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD })) {
    log.info(`created the first admin, ${env.ADMIN_EMAIL}`);
  }
}
if (env.TRUSTED_PROXIES.entries.length > 0) {
  log.info(`X-Forwarded-For names the client on connections from ${env.TRUSTED_PROXIES.entries.join(', ')} (TRUSTED_PROXIES)`);
}
if (env.AUTH === 'local') log.info('AUTH=local: nobody signs in, and everyone acts as the admin "local" (loopback only)');

const instanceId = newInstanceId();
const parser = startParseWorker();
// Versions stored before message.payload_format get theirs, once per database, before anything reads payloads.
const backfill = await backfillPayloadFormats(database.prisma, parser);
if (!backfill.alreadyDone) log.info(describePayloadFormatBackfill(backfill));
const catalogue = createCatalogue({ db: database.prisma, validator: parser, differ: parser, instanceId, compatibility: env.COMPATIBILITY });
// Other instances on the same PostgreSQL announce their changes (NOTIFY on commit); PGlite has no other instance.
const catalogueChanges = env.DATABASE_URL
  ? await listenForCatalogueChanges({
      url: env.DATABASE_URL,
      instanceId,
      onChange: () => catalogue.changedElsewhere(),
      onError: (error) => log.error('the catalogue change listener lost its PostgreSQL connection; reconnecting', error),
    })
  : null;
if (env.SEED) {
  const seeded = await seedCatalogue(catalogue);
  if (seeded > 0) log.info(`seeded the catalogue with ${seeded} example versions`);
}
// The portal's own API is a catalogue entry like any other; failing to register it must not stop the portal.
await registerPortalApi(catalogue).catch((error: unknown) => log.error('could not register asyncapi/portal.yaml', error));

// Pub/sub needs a connection of its own: one in subscriber mode can send no other commands.
const subscriber = connectSubscriber(target, { connectionName: 'event-portal-tail' });
// Live messages are checked against the catalogue's latest versions, rebuilt after each registration; traffic is
// counted in Redis by the one instance holding the lease, under this installation's keys (lib/traffic/).
const keys = trafficKeys(await installationId(database.prisma));
// Recordings are captured where traffic is counted, by the lease holder, so each message is stored once (lib/recordings/).
const capture = startRecordingCapture({
  db: database.prisma,
  subscriber: subscriber.redis,
  channel: keys.recordings,
  messageBytes: env.HISTORY_MESSAGE_BYTES,
});
const conformance = await startConformanceMonitor(catalogue, {
  broker,
  subscriber: subscriber.redis,
  keys,
  instanceId,
  history: historyBounds(env),
  capture,
});
const recordings = createRecordings({ db: database.prisma, broker, channel: keys.recordings });
const brokerService = createBrokerService(broker, { observePattern: env.OBSERVE_PATTERN, deferredMode: env.DEFERRED_MODE });
provideServices({
  catalogue,
  broker: brokerService,
  publishing: createSchemaPublisher({ db: database.prisma, publish: brokerService.publish }),
  audit: createAuditLog(database.prisma),
  health: () => checkHealth(database, broker),
  traffic: conformance,
  recordings,
  identity,
  allowedOrigins: trustedOrigins(env),
});

const app = next({ dev, hostname: env.HOST, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const httpServer = createServer((req, res) => {
  if (answerMalformedPath(req, res)) return;
  stampClientAddress(req, env.TRUSTED_PROXIES);
  void handle(req, res);
});

// Next's dev server owns other upgrade requests (hot reload), so Socket.IO must leave them alone.
// A WebSocket is not bound by CORS: without the origin check any page a user visits could read the broker.
const io: LiveServer = new Server(httpServer, {
  path: '/socket.io',
  destroyUpgrade: !dev,
  allowRequest: allowSameOrigin(trustedOrigins(env)),
});
// A handshake carries the client's address as a page request does (the connection limit and audit key on it).
io.engine.use(clientAddressMiddleware(env.TRUSTED_PROXIES));
// Revoked credentials' sockets close on every instance; nothing else crosses between them (see lib/live/instances.ts).
// The adapter subscribes as it starts: on a cluster through one node, as the tail does (see connectSubscriber).
const adapterPub = connectBroker(target, { connectionName: 'event-portal-adapter-pub', queueWhileDown: true });
const adapterSub = connectSubscriber(target, { connectionName: 'event-portal-adapter-sub' });
shareAcrossInstances(io, adapterPub.redis, adapterSub.redis);
// Before the hub: a socket without a session or token (in AUTH=required) never reaches it.
const handshake = authenticateHandshake(io, identity);
// Revocations other instances sent while this one's adapter was cut off never arrived: check every socket again.
afterReconnect(adapterSub.redis, () => {
  handshake.recheck().then(
    (closed) => closed > 0 && log.info(`closed ${closed} live socket(s) whose credentials were revoked while the adapter was reconnecting`),
    (error: unknown) => log.error('checking live sockets again after the adapter reconnected failed', error),
  );
});
const bridge = startLiveBridge({
  io,
  subscriber: subscriber.redis,
  // SPUBLISH traffic reaches only SSUBSCRIBErs of its exact channel: on a cluster, on the node owning its slot.
  openShards: () => openShardClient(target, subscriber.redis),
  observePattern: env.OBSERVE_PATTERN,
  inspect: conformance.observe,
  check: conformance.check,
  recall: conformance.recall,
  limits: liveLimits(env),
  queueOptions: { ...DEFAULT_QUEUE_OPTIONS, maxBytes: env.LIVE_CLIENT_BUFFER_BYTES },
  inboxBytes: env.LIVE_INBOX_BYTES,
});
io.on('connection', (socket) => socket.emit('broker:state', { state: subscriber.state() }));
for (const event of ['ready', 'reconnecting'] as const) {
  // This instance's own broker connection: its browsers only, not the other instances'.
  subscriber.redis.on(event, () => io.local.emit('broker:state', { state: subscriber.state() }));
}

httpServer.listen(env.PORT, env.HOST, () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  log.info(`Event Portal ready on http://${env.HOST}:${port} (database: ${database.kind}, redis: ${describeBrokerTarget(target)})`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: shutting down`);
  // First, while Redis is still connected: it sends what it counted and hands the lease on.
  // It sends its last counts and gives the lease up; a Redis that no longer answers must not hold the shutdown.
  const stopDeadline = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
  await Promise.race([
    conformance.stop().catch((error: unknown) => log.error('could not hand the traffic counts over', error)),
    stopDeadline,
  ]);
  await Promise.race([Promise.all([recordings.close(), capture.stop()]), stopDeadline]);
  await catalogueChanges?.stop();
  handshake.stop();
  await io.close();
  await Promise.all([adapterPub.close(), adapterSub.close()]);
  bridge.shards.close();
  await subscriber.close();
  await broker.close();
  await parser.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
