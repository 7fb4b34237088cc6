import type { ChildProcess } from 'node:child_process';
import { startRedis } from '../../scripts/testing/services.ts';
import { fmt, next, percentile, rateOf, run, start } from './harness.ts';

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
