import { startRedis } from '../../testing/services.ts';
import { aliasBombAttack, globAttack, redosAttack, type Attack } from './attacks.ts';
import { startPortal } from './portal.ts';

const ROUNDS = 5;
const WINDOW_MS = 3_000;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? Number.NaN;
const ms = (value: number): string => `${value.toFixed(1).padStart(6)} ms`;

/** `/api/health` called back to back for `WINDOW_MS`: the p99 of its latencies, and how many calls there were. */
async function healthP99(portal: string): Promise<{ p99: number; calls: number }> {
  const latencies: number[] = [];
  const until = performance.now() + WINDOW_MS;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`${portal}/api/health`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return { p99: percentile(latencies, 99), calls: latencies.length };
}

/** Alternates windows without and with the attack, so both see the same machine; returns each side's p99 per round. */
async function measure(portal: string, attack: Attack): Promise<{ quiet: number[]; attacked: number[] }> {
  const quiet: number[] = [];
  const attacked: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push((await healthP99(portal)).p99);
    const stop = attack.start();
    try {
      attacked.push((await healthP99(portal)).p99);
    } finally {
      await stop();
    }
  }
  return { quiet, attacked };
}

/**
 * The "hostile" part of `npm run bench`: the p99 of `/api/health` on a running portal while each attack of the
 * hostile-input issue runs (ReDoS, glob matching, alias bomb), against its p99 with no attack in the same run.
 * Target: at most 2× the quiet p99, and under 100 ms.
 */
export async function benchHostile(): Promise<void> {
  const redis = await startRedis();
  const portal = await startPortal(redis.url);
  try {
    console.log(`\nhostile: /api/health p99 under attack, ${ROUNDS} paired rounds of ${WINDOW_MS / 1000} s (quiet, then attacked)`);
    for (const attack of [redosAttack(), globAttack('unkeyed'), globAttack('keyed'), aliasBombAttack()]) {
      await attack.prepare(portal.url, redis.url);
      const { quiet, attacked } = await measure(portal.url, attack).finally(() => attack.close());
      const ratios = quiet.map((q, i) => attacked[i]! / q);
      const worst = Math.max(...attacked);
      console.log(`  ${attack.name}${attack.followed === undefined ? '' : ` (${attack.followed} of 640 patterns accepted)`}`);
      if (attack.refusal) console.log(`    the first refused: ${attack.refusal}`);
      console.log(
        `    quiet ${ms(median(quiet))}, attacked ${ms(median(attacked))} (medians of p99); ratio ${median(ratios).toFixed(2)}× ` +
          `(rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}); worst attacked p99 ${ms(worst)} ` +
          `(target ≤ 2× and < 100 ms: ${median(ratios) <= 2 && worst < 100 ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    await portal.stop();
    await redis.stop();
  }
}
