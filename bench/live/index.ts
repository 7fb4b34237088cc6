import type { ChildProcess } from 'node:child_process';
import { startRedis } from '../../testing/services.ts';
import { fmt, median, next, percentile, rateOf, run, start, stop, type Tally } from './harness.ts';

const TOTAL = 200_000;
const ROUNDS = 7;

/** One throughput measurement: `receiver` (with the processes it needs) started, warmed up, measured, stopped. */
async function measure(publisher: ChildProcess, startReceiver: () => Promise<ChildProcess[]>): Promise<Tally> {
  const processes = await startReceiver();
  const receiver = processes.at(-1)!;
  try {
    await run(publisher, receiver, 20_000);
    return await run(publisher, receiver, TOTAL);
  } finally {
    await Promise.all(processes.map(stop));
  }
}

async function startPortal(redisUrl: string): Promise<[ChildProcess, ChildProcess]> {
  const { child: bridge, ready } = await start('bridge', redisUrl);
  return [bridge, (await start('socket-receiver', redisUrl, String(ready.port))).child];
}

/**
 * Throughput of the bridge against the bare receiver. On a shared two-core machine one run of either varies
 * by ±20% from the next, so they alternate for several rounds: the ratio is the median of the rounds'
 * ratios, and the ratio of the best runs (each side's capacity with the least interference) is shown beside it.
 */
async function throughput(redisUrl: string, publisher: ChildProcess): Promise<void> {
  let baseline: Tally | null = null;
  let portal: Tally | null = null;
  const ratios: number[] = [];
  const best = (a: Tally | null, b: Tally): Tally => (a && rateOf(a) >= rateOf(b) ? a : b);
  for (let round = 0; round < ROUNDS; round++) {
    const bare = await measure(publisher, async () => [(await start('redis-receiver', redisUrl)).child]);
    const bridged = await measure(publisher, () => startPortal(redisUrl));
    ratios.push(rateOf(bridged) / rateOf(bare));
    baseline = best(baseline, bare);
    portal = best(portal, bridged);
  }
  if (!baseline || !portal) return;
  console.log(`\nlive: throughput, 100-byte messages, pipelined publisher, ${ROUNDS} alternating rounds of ${fmt(TOTAL)}`);
  console.log(
    `  1. baseline  ioredis PSUBSCRIBE receiver      ${fmt(rateOf(baseline))} msg/s best (${fmt(baseline.count)}/${fmt(TOTAL)} received)`,
  );
  console.log(
    `  2. portal    bridge → Socket.IO → client       ${fmt(rateOf(portal))} msg/s best (${fmt(portal.count)}/${fmt(TOTAL)} received)`,
  );
  console.log(
    `     ratio 2/1, median of ${ROUNDS} paired rounds: ${fmt(median(ratios), 2)} (target ≥ 0.9; rounds: ${ratios.map((r) => fmt(r, 2)).join(', ')})`,
  );
  console.log(`     ratio 2/1 of the best runs: ${fmt(rateOf(portal) / rateOf(baseline), 2)}`);
}

/** The "live" part of `npm run bench`: the bridge against a bare Redis receiver, in one run. */
export async function benchLive(): Promise<void> {
  const redis = await startRedis();
  const children: ChildProcess[] = [];
  try {
    const publisher = (await start('publisher', redis.url)).child;
    children.push(publisher);
    await throughput(redis.url, publisher);

    const [bridge, receiver] = await startPortal(redis.url);
    children.push(bridge, receiver);
    await run(publisher, receiver, 20_000);

    console.log('\nlive: end-to-end latency through the portal (publish → browser-side client)');
    for (const rate of [1_000, 10_000, 50_000]) {
      const t = await run(publisher, receiver, rate * 3, rate);
      console.log(
        `  ${fmt(rate).padStart(6)} msg/s offered: p50 ${fmt(percentile(t.latencies, 50), 1)} ms, p99 ${fmt(percentile(t.latencies, 99), 1)} ms (${fmt(t.count)} received)`,
      );
    }

    const rss = async (): Promise<number> => {
      const reply = next(bridge, 'rss');
      bridge.send({});
      return Number((await reply).rss);
    };
    const before = await rss();
    const unblocked = next(receiver, 'unblocked');
    receiver.send({ block: 15_000 });
    const publishing = run(publisher, receiver, 150_000, 10_000);
    let peak = before;
    const sampler = setInterval(() => void rss().then((r) => (peak = Math.max(peak, r))), 250);
    await unblocked;
    await publishing;
    clearInterval(sampler);
    console.log('\nlive: a client whose event loop is blocked for 15 s at 10k msg/s');
    console.log(
      `  bridge RSS ${fmt(before / 1e6, 1)} MB before, ${fmt(peak / 1e6, 1)} MB peak: growth ${fmt((peak - before) / 1e6, 1)} MB (target ≤ 20 MB)`,
    );
  } finally {
    await Promise.all(children.map(stop));
    await redis.stop();
  }
}
