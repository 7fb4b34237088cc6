/**
 * The benchmark's child processes, one role each (argv[2]), talking to the parent over IPC:
 *   redis-receiver  — a bare ioredis PSUBSCRIBE receiver (the baseline)
 *   bridge          — the portal's live bridge (lib/live) on a Socket.IO server; with argv[4] `conformance` (and
 *                     argv[5] an installation id that several bridges share, one by default); reports its
 *                     RSS, its CPU time ({ cpu: true }) or its counts ({ traffic: true }) on request
 *                     observing `*` and checking every message against a catalogue of 1,000+ channels
 *   socket-receiver — socket.io-clients (argv[5] of them, 1 by default) following a pattern through the bridge
 *   publisher       — publishes 100-byte messages (text, or JSON with `json`), pipelined, flat out or at a fixed rate
 * argv[3] is a Redis URL, or `cluster:host:port,host:port` for a Redis Cluster (the bridge and the publisher).
 * Each receiver reports { count, first, last, latencies } on request; times are wall-clock ms with
 * sub-ms precision (performance.timeOrigin + now()), comparable across processes on one machine.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cluster, Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { connectBroker, connectSubscriber } from '../../lib/broker/redis.ts';
import { parseClusterNodes, type BrokerTarget } from '../../lib/broker/target.ts';
import { startConformanceMonitor, type ConformanceMonitor } from '../../lib/conformance/monitor.ts';
import { startLiveBridge } from '../../lib/live/bridge.ts';
import type { LiveServer } from '../../lib/live/hub.ts';
import { trafficKeys } from '../../lib/traffic/keys.ts';
import { FLUSH_MS } from '../../lib/traffic/recorder.ts';
import { benchCatalogue } from './catalogue.ts';

const now = (): number => performance.timeOrigin + performance.now();
const send = (message: unknown): void => void process.send?.(message);
const [role, redisUrl, arg, sockets] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];

/** argv[3] as a broker target: a URL, or `cluster:` and the seed nodes. */
function target(): BrokerTarget {
  if (!redisUrl.startsWith('cluster:')) return { kind: 'server', url: redisUrl };
  const parsed = parseClusterNodes(redisUrl.slice('cluster:'.length));
  if ('invalid' in parsed) throw new Error(`bad cluster nodes: ${parsed.invalid.join(', ')}`);
  return { kind: 'cluster', nodes: parsed.nodes };
}

class Tally {
  count = 0;
  first = 0;
  last = 0;
  latencies: number[] = [];
  add(payload: string): void {
    const t = now();
    if (this.count === 0) this.first = t;
    this.last = t;
    this.count += 1;
    // Every 10th message is enough for percentiles and keeps the IPC reports small.
    if (this.count % 10 !== 0) return;
    const sentAt = Number(/^(?:\{"sentAt":)?(\d+(?:\.\d+)?)/.exec(payload)?.[1]);
    if (sentAt > 0) this.latencies.push(t - sentAt);
  }
  report(): void {
    send({ type: 'tally', count: this.count, first: this.first, last: this.last, latencies: this.latencies });
    this.count = 0;
    this.latencies = [];
  }
}

async function redisReceiver(): Promise<void> {
  const tally = new Tally();
  const sub = new Redis(redisUrl);
  sub.on('pmessage', (_p: string, _c: string, message: string) => tally.add(message));
  await sub.psubscribe('bench.*');
  process.on('message', () => tally.report());
  send({ type: 'ready' });
}

async function bridge(): Promise<void> {
  const http = createServer();
  const io: LiveServer = new Server(http);
  const subscriber = connectSubscriber(target());
  let monitor: ConformanceMonitor | null = null;
  if (arg === 'conformance') {
    // Counted in Redis as the portal counts: under an installation of its own, or the one argv[5] names, where
    // bridges share it as instances of one portal do (one of them counts).
    const installation = sockets;
    const channels = benchCatalogue(1_000);
    // Connected before counting starts, as the portal's broker is by the time its monitor starts.
    const broker = connectBroker(target());
    await once(broker.redis, 'ready');
    monitor = await startConformanceMonitor(
      { indexedChannels: () => Promise.resolve(channels), onChange: () => () => {} },
      {
        broker,
        subscriber: subscriber.redis,
        keys: trafficKeys(installation ?? randomUUID()),
        instanceId: 'bench',
      },
    );
    startLiveBridge({ io, subscriber: subscriber.redis, observePattern: '*', inspect: monitor.observe });
  } else startLiveBridge({ io, subscriber: subscriber.redis });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  process.on('message', (message: { traffic?: boolean; cpu?: boolean }) => {
    if (message.cpu) {
      const { user, system } = process.cpuUsage();
      return send({ type: 'cpu', ms: (user + system) / 1000 });
    }
    if (!message.traffic || !monitor) return send({ type: 'rss', rss: process.memoryUsage().rss });
    const counting = monitor;
    // The last counts reach Redis at the next flush.
    setTimeout(() => void sendTraffic(counting), 2 * FLUSH_MS);
  });
  send({ type: 'ready', port: (http.address() as AddressInfo).port });
}

async function sendTraffic(monitor: ConformanceMonitor): Promise<void> {
  const counted = (await monitor.snapshot()).catalogued.filter((c) => c.messages > 0);
  send({
    type: 'traffic',
    messages: counted.reduce((n, c) => n + c.messages, 0),
    violations: counted.reduce((n, c) => n + c.violations, 0),
  });
}

async function socketReceiver(): Promise<void> {
  const tally = new Tally();
  const count = Number(sockets ?? 1);
  for (let i = 0; i < count; i++) {
    const socket = connect(`http://127.0.0.1:${arg}`, { transports: ['websocket'], forceNew: true });
    socket.on('tail:batch', (batch: { messages: { payload: string }[] }, ack: () => void) => {
      for (const m of batch.messages) tally.add(m.payload);
      ack();
    });
    await socket.emitWithAck('tail:subscribe', { patterns: ['bench.*'] });
  }
  process.on('message', (message: { block?: number }) => {
    if (message.block) {
      const until = Date.now() + message.block;
      while (Date.now() < until); // a stalled browser tab: its event loop does nothing else
      send({ type: 'unblocked' });
    } else tally.report();
  });
  send({ type: 'ready' });
}

function publisher(): Promise<void> {
  const where = target();
  // On a cluster, any node takes a PUBLISH and the cluster bus carries it to every other.
  const pub = where.kind === 'server' ? new Redis(where.url) : new Cluster(where.nodes.map((node) => ({ ...node })));
  const padding = 'x'.repeat(100);
  const text = (): string => `${now().toFixed(3)}|${padding}`.slice(0, 100);
  const json = (): string => {
    const head = `{"sentAt":${now().toFixed(3)},"pad":"`;
    return `${head}${padding.slice(0, 100 - head.length - 2)}"}`;
  };
  const publishAll = async ({ total, rate, asJson }: { total: number; rate?: number; asJson?: boolean }): Promise<void> => {
    const message = asJson ? json : text;
    const chunk = rate ? Math.max(1, Math.round(rate / 1000)) : 1_000;
    const start = now();
    for (let sent = 0; sent < total; sent += chunk) {
      if (rate) {
        const due = start + (sent / rate) * 1000;
        // Sleep rather than spin: a busy-waiting publisher takes a core from the processes it measures.
        for (let wait = due - now(); wait > 0; wait = due - now()) {
          await new Promise((r) => (wait >= 1 ? setTimeout(r, Math.floor(wait)) : setImmediate(r)));
        }
      }
      const pipeline = pub.pipeline();
      for (let i = 0; i < chunk && sent + i < total; i++) pipeline.publish('bench.load', message());
      await pipeline.exec();
    }
    send({ type: 'published', seconds: (now() - start) / 1000 });
  };
  process.on('message', (order: { total: number; rate?: number; asJson?: boolean }) => void publishAll(order));
  send({ type: 'ready' });
  return Promise.resolve();
}

const roles: Record<string, () => Promise<void>> = {
  'redis-receiver': redisReceiver,
  bridge,
  'socket-receiver': socketReceiver,
  publisher,
};
await roles[role]!();
