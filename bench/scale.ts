import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { startRedisCluster } from '../testing/redis-cluster.ts';
import { startRedis } from '../testing/services.ts';
import { fmt, median, next, start, stop, type Tally } from './live/harness.ts';

const ROUNDS = 5;
const TOTAL = 60_000;
/** Browser-side clients per instance, each following `bench.*`: every message is delivered to each of them. */
const CLIENTS_PER_INSTANCE = 4;

/** One instance's live path: its bridge (own PSUBSCRIBE, checking and counting as the portal does) and a process holding its clients. */
interface Instance {
  bridge: ChildProcess;
  receiver: ChildProcess;
}

async function startInstance(broker: string, installation: string): Promise<Instance> {
  const { child: bridge, ready } = await start('bridge', broker, 'conformance', installation);
  const { child: receiver } = await start('socket-receiver', broker, String(ready.port), String(CLIENTS_PER_INSTANCE));
  return { bridge, receiver };
}

async function tallyOf(receiver: ChildProcess): Promise<Tally> {
  const reply = next(receiver, 'tally');
  receiver.send({});
  return (await reply) as unknown as Tally;
}

/** CPU milliseconds each bridge has used so far. */
async function cpuOf(bridges: ChildProcess[]): Promise<number[]> {
  return Promise.all(
    bridges.map(async (bridge) => {
      const reply = next(bridge, 'cpu');
      bridge.send({ cpu: true });
      return (await reply).ms as number;
    }),
  );
}

interface Run {
  rate: number;
  share: number;
  /** Deliveries per CPU-second of the bridges: what one instance does with one core, however many run. */
  perBridgeCore: number;
}

/**
 * Deliveries per second to every client of every instance together, while `total` messages are published flat out:
 * from the first delivery anywhere to the last, once no client receives more.
 */
async function deliveredRate(
  publisher: ChildProcess,
  receivers: ChildProcess[],
  total: number,
): Promise<{ rate: number; share: number; seconds: number }> {
  await Promise.all(receivers.map(tallyOf));
  const published = next(publisher, 'published');
  publisher.send({ total });
  await published;
  const merged = receivers.map(() => ({ count: 0, first: Infinity, last: 0 }));
  for (let before = -1, now = 0; now !== before;) {
    before = now;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const tallies = await Promise.all(receivers.map(tallyOf));
    tallies.forEach((t, i) => {
      const m = merged[i]!;
      if (t.count === 0) return;
      m.count += t.count;
      m.first = Math.min(m.first, t.first);
      m.last = Math.max(m.last, t.last);
    });
    now = merged.reduce((sum, m) => sum + m.count, 0);
  }
  const count = merged.reduce((sum, m) => sum + m.count, 0);
  const first = Math.min(...merged.map((m) => m.first));
  const last = Math.max(...merged.map((m) => m.last));
  const seconds = (last - first) / 1000;
  return { rate: count / seconds, share: count / (total * receivers.length * CLIENTS_PER_INSTANCE), seconds };
}

/** Starts `instances` instances on `broker`, warms them up, measures one run, stops them. */
async function measure(broker: string, publisher: ChildProcess, instances: number): Promise<Run> {
  // One portal: its instances share an installation, so one of them counts while every one checks.
  const installation = randomUUID();
  const running = await Promise.all(Array.from({ length: instances }, () => startInstance(broker, installation)));
  try {
    const receivers = running.map((instance) => instance.receiver);
    const bridges = running.map((instance) => instance.bridge);
    await deliveredRate(publisher, receivers, 10_000);
    const before = await cpuOf(bridges);
    const { rate, share, seconds } = await deliveredRate(publisher, receivers, TOTAL);
    const used = (await cpuOf(bridges)).reduce((sum, ms, i) => sum + ms - before[i]!, 0) / 1000;
    return { rate, share, perBridgeCore: (rate * seconds) / used };
  } finally {
    await Promise.all(running.flatMap(({ bridge, receiver }) => [stop(receiver), stop(bridge)]));
  }
}

const line = (label: string, rates: number[], ratios?: number[], unit = 'deliveries/s'): string =>
  `  ${label.padEnd(44)} ${fmt(median(rates)).padStart(9)} ${unit}` +
  (ratios ? `  ${fmt(median(ratios), 2)}× (rounds ${ratios.map((r) => fmt(r, 2)).join(', ')})` : '  baseline');

/**
 * The "scale" part of `npm run bench`: live deliveries per second with one and with two portal instances, each with
 * its own PSUBSCRIBE and CLIENTS_PER_INSTANCE clients, on one Redis server and on a 3-master Redis Cluster, in
 * paired rounds of one run. Each instance is its bridge, observing `*` and checking every message against a catalogue
 * of 1,000+ channels as the portal's conformance monitor does, and its clients' process, as in `bench live`.
 */
export async function benchScale(): Promise<void> {
  const redis = await startRedis();
  const cluster = await startRedisCluster();
  const clusterBroker = `cluster:${cluster.nodes}`;
  const publishers = await Promise.all([start('publisher', redis.url), start('publisher', clusterBroker)]);
  const [standalonePublisher, clusterPublisher] = publishers.map((p) => p.child) as [ChildProcess, ChildProcess];
  try {
    const rates = { one: [] as number[], two: [] as number[], clusterOne: [] as number[], clusterTwo: [] as number[] };
    const perCore = { one: [] as number[], two: [] as number[], clusterOne: [] as number[], clusterTwo: [] as number[] };
    const shares: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, broker, publisher, instances] of [
        ['one', redis.url, standalonePublisher, 1],
        ['two', redis.url, standalonePublisher, 2],
        ['clusterOne', clusterBroker, clusterPublisher, 1],
        ['clusterTwo', clusterBroker, clusterPublisher, 2],
      ] as const) {
        const { rate, share, perBridgeCore } = await measure(broker, publisher, instances);
        rates[key].push(rate);
        perCore[key].push(perBridgeCore);
        shares.push(share);
      }
      const last = (side: number[]) => fmt(side.at(-1) ?? Number.NaN);
      process.stderr.write(
        `scale: round ${round + 1}/${ROUNDS}: ${last(rates.one)}, ${last(rates.two)}, cluster ${last(rates.clusterOne)}, ${last(rates.clusterTwo)} deliveries/s\n`,
      );
    }
    const ratio = (side: number[], base: number[]) => side.map((rate, i) => rate / base[i]!);
    console.log(
      `\nscale: ${fmt(TOTAL)} 100-byte messages published flat out, ${CLIENTS_PER_INSTANCE} clients per instance, ${ROUNDS} paired rounds, medians`,
    );
    console.log(line('1 instance, one Redis server', rates.one));
    console.log(line('2 instances, one Redis server', rates.two, ratio(rates.two, rates.one)));
    console.log(line('1 instance, Redis Cluster (3 masters)', rates.clusterOne, ratio(rates.clusterOne, rates.one)));
    console.log(line('2 instances, Redis Cluster (against 1 on it)', rates.clusterTwo, ratio(rates.clusterTwo, rates.clusterOne)));
    console.log('  deliveries per CPU-second of the bridges (what an instance does with a core of its own):');
    console.log(line('1 instance, one Redis server', perCore.one, undefined, 'deliveries/CPU-s'));
    console.log(line('2 instances, one Redis server', perCore.two, ratio(perCore.two, perCore.one), 'deliveries/CPU-s'));
    console.log(line('1 instance, Redis Cluster', perCore.clusterOne, ratio(perCore.clusterOne, perCore.one), 'deliveries/CPU-s'));
    console.log(line('2 instances, Redis Cluster', perCore.clusterTwo, ratio(perCore.clusterTwo, perCore.clusterOne), 'deliveries/CPU-s'));
    console.log(`  delivered: ${fmt(Math.min(...shares) * 100, 1)}% of what was due in the worst run (slow clients lose the oldest)`);
    console.log(
      `  targets: 2 instances ≥ 1.8× one, cluster ≥ 0.9× one server. This machine has ${availableParallelism()} cores for the publisher, Redis, every instance and every client.`,
    );
  } finally {
    await Promise.all([standalonePublisher, clusterPublisher].map(stop));
    await cluster.stop();
    await redis.stop();
  }
}
