import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../../scripts/testing/services.ts';

const CHILD = fileURLToPath(new URL('./children.ts', import.meta.url));

interface Tally {
  count: number;
  first: number;
  last: number;
  latencies: number[];
}

type Message = { type: string; [key: string]: unknown };

function start(role: string, ...args: string[]): Promise<{ child: ChildProcess; ready: Message }> {
  const child = fork(CHILD, [role, ...args], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return next(child, 'ready').then((ready) => ({ child, ready }));
}

function next(child: ChildProcess, type: string): Promise<Message> {
  return new Promise((resolve) => {
    const on = (message: Message): void => {
      if (message.type !== type) return;
      child.off('message', on);
      resolve(message);
    };
    child.on('message', on);
  });
}

async function tally(receiver: ChildProcess): Promise<Tally> {
  const reply = next(receiver, 'tally');
  receiver.send({});
  return (await reply) as unknown as Tally;
}

/** Publishes `total` messages (at `rate`/s, or flat out) and waits until the receiver has them all or stops getting more. */
async function run(publisher: ChildProcess, receiver: ChildProcess, total: number, rate?: number): Promise<Tally> {
  await tally(receiver);
  const done = next(publisher, 'published');
  publisher.send({ total, rate });
  await done;
  let last = -1;
  let seen = 0;
  const merged: Tally = { count: 0, first: 0, last: 0, latencies: [] };
  while (seen !== last) {
    last = seen;
    await new Promise((r) => setTimeout(r, 500));
    const t = await tally(receiver);
    if (t.count > 0 && merged.first === 0) merged.first = t.first;
    if (t.count > 0) merged.last = t.last;
    merged.count += t.count;
    for (const latency of t.latencies) merged.latencies.push(latency);
    seen = merged.count;
  }
  return merged;
}

const rateOf = (t: Tally): number => t.count / ((t.last - t.first) / 1000);
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The "live" part of `npm run bench`: the bridge against a bare Redis receiver, in one run. */
export async function benchLive(): Promise<void> {
  const redis = await startRedis();
  const children: ChildProcess[] = [];
  try {
    const publisher = (await start('publisher', redis.url)).child;
    children.push(publisher);
    const total = 300_000;

    const baselineReceiver = (await start('redis-receiver', redis.url)).child;
    children.push(baselineReceiver);
    await run(publisher, baselineReceiver, 20_000);
    const baseline = await run(publisher, baselineReceiver, total);
    baselineReceiver.kill();

    const { child: bridge, ready } = await start('bridge', redis.url);
    children.push(bridge);
    const receiver = (await start('socket-receiver', redis.url, String(ready.port))).child;
    children.push(receiver);
    await run(publisher, receiver, 20_000);
    const portal = await run(publisher, receiver, total);

    console.log('\nlive: throughput, 100-byte messages, pipelined publisher');
    console.log(`  1. baseline  ioredis PSUBSCRIBE receiver      ${fmt(rateOf(baseline))} msg/s (${fmt(baseline.count)}/${fmt(total)} received)`);
    console.log(`  2. portal    bridge → Socket.IO → client       ${fmt(rateOf(portal))} msg/s (${fmt(portal.count)}/${fmt(total)} received)`);
    console.log(`     ratio 2/1: ${fmt(rateOf(portal) / rateOf(baseline), 2)} (target ≥ 0.9)`);

    console.log('\nlive: end-to-end latency through the portal (publish → browser-side client)');
    for (const rate of [1_000, 10_000, 50_000]) {
      const t = await run(publisher, receiver, rate * 3, rate);
      console.log(`  ${fmt(rate).padStart(6)} msg/s offered: p50 ${fmt(percentile(t.latencies, 50), 1)} ms, p99 ${fmt(percentile(t.latencies, 99), 1)} ms (${fmt(t.count)} received)`);
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
    console.log(`  bridge RSS ${fmt(before / 1e6, 1)} MB before, ${fmt(peak / 1e6, 1)} MB peak: growth ${fmt((peak - before) / 1e6, 1)} MB (target ≤ 20 MB)`);
  } finally {
    for (const child of children) child.kill();
    await redis.stop();
  }
}
