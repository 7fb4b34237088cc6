import type { ChildProcess } from 'node:child_process';
import { ChannelMatcher } from '../lib/conformance/channel-matcher.ts';
import { ConformanceChecker } from '../lib/conformance/checker.ts';
import { startRedis } from '../testing/services.ts';
import { benchCatalogue } from './live/catalogue.ts';
import { fmt, median, next, rateOf, run, start, stop, type Tally } from './live/harness.ts';

const TOTAL = 300_000;
const ROUNDS = 5;

interface Round {
  tally: Tally;
  traffic: { messages: number; violations: number } | null;
}

/** One measurement of the bridge's throughput to a Socket.IO client, with conformance checks on or off. */
async function measureBridge(redisUrl: string, publisher: ChildProcess, checks: boolean): Promise<Round> {
  const { child: bridge, ready } = await start('bridge', redisUrl, ...(checks ? ['conformance'] : []));
  const receiver = (await start('socket-receiver', redisUrl, String(ready.port))).child;
  try {
    await run(publisher, receiver, 20_000, undefined, true);
    const tally = await run(publisher, receiver, TOTAL, undefined, true);
    if (!checks) return { tally, traffic: null };
    const reply = next(bridge, 'traffic');
    bridge.send({ traffic: true });
    return { tally, traffic: (await reply) as unknown as Round['traffic'] };
  } finally {
    await Promise.all([stop(receiver), stop(bridge)]);
  }
}

const better = (a: Round | null, b: Round): Round => (a && rateOf(a.tally) >= rateOf(b.tally) ? a : b);

/** Matches per second of the channel matcher, and full inspections (match + payload check) per second. */
function matcherFigures(): void {
  const checker = new ConformanceChecker();
  const catalogue = benchCatalogue(1_000);
  checker.load(catalogue);
  const payload = Buffer.from('{"id":"e-1","tenant":"acme"}');
  const channels = Array.from({ length: 10_000 }, (_, i) =>
    i % 4 === 0 ? `unknown/${i}` : i % 4 === 1 ? `svc${i % 1_000}.static` : `svc${i % 1_000}/acme/entity/e-${i}/changed`,
  );
  const measure = (what: () => void, iterations: number): number => {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) what();
    return iterations / ((performance.now() - started) / 1000);
  };
  const matcher = ChannelMatcher.compile(catalogue);
  let i = 0;
  measure(() => checker.inspect(channels[i++ % channels.length]!, payload), 50_000);
  const matches = measure(() => matcher.match(channels[i++ % channels.length]!), 1_000_000);
  const inspections = measure(() => checker.inspect(channels[i++ % channels.length]!, payload), 500_000);
  console.log(`\nconformance: ${fmt(catalogue.length)} catalogued channels (half parameterised), a quarter of lookups undocumented`);
  console.log(`  match the channel:                          ${fmt(matches)} matches/s`);
  console.log(`  inspect (match + JSON parse + schema check): ${fmt(inspections)} messages/s`);
}

/** The "conformance" part of `npm run bench`: the live bridge with checks on against checks off, in one run. */
export async function benchConformance(): Promise<void> {
  const redis = await startRedis();
  const children: ChildProcess[] = [];
  try {
    const publisher = (await start('publisher', redis.url)).child;
    children.push(publisher);
    // Off and on alternate, so a burst of load from elsewhere on the machine hits both alike; the ratio is
    // the median of the rounds' ratios, the figures the best of each.
    let off: Round | null = null;
    let on: Round | null = null;
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const offRound = await measureBridge(redis.url, publisher, false);
      const onRound = await measureBridge(redis.url, publisher, true);
      ratios.push(rateOf(onRound.tally) / rateOf(offRound.tally));
      off = better(off, offRound);
      on = better(on, onRound);
    }
    if (!off || !on) return;
    const ratio = median(ratios);
    console.log(`\nconformance: live bridge → Socket.IO → client, 100-byte JSON messages, pipelined publisher, ${ROUNDS} rounds each`);
    console.log(
      `  1. checks off  client patterns PSUBSCRIBEd             ${fmt(rateOf(off.tally))} msg/s (${fmt(off.tally.count)}/${fmt(TOTAL)} received)`,
    );
    console.log(
      `  2. checks on   observing *, 2,001 catalogued channels  ${fmt(rateOf(on.tally))} msg/s (${fmt(on.tally.count)}/${fmt(TOTAL)} received)`,
    );
    console.log(
      `     counted by the checker in that round (warm-up included): ${fmt(on.traffic?.messages ?? 0)} messages, ${fmt(on.traffic?.violations ?? 0)} violations`,
    );
    console.log(`     ratio 2/1 of the best rounds: ${fmt(rateOf(on.tally) / rateOf(off.tally), 2)} (target ≥ 0.7)`);
    console.log(`     ratio 2/1, median of ${ROUNDS} paired rounds: ${fmt(ratio, 2)} (rounds: ${ratios.map((r) => fmt(r, 2)).join(', ')})`);
    matcherFigures();
  } finally {
    await Promise.all(children.map(stop));
    await redis.stop();
  }
}
