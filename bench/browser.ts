import type { ChildProcess } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/chromium.ts';
import { startRedis } from '../testing/services.ts';
import { PROBE_SCRIPT, type ProbeRecording } from './browser-probe.ts';
import { startPortal } from './hostile/portal.ts';
import { fmt, next, percentile, start, stop } from './live/harness.ts';

/** Messages per second published in turn; BENCH_BROWSER_RATES (comma-separated) picks others. */
const RATES = (process.env.BENCH_BROWSER_RATES ?? '1000,10000,50000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_BROWSER_SECONDS ?? 5);
/** Nine letters no bench row contains (channel bench.load, JSON payload, badges, time, size): the list empties. */
const FILTER_WORD = 'vqwjkzyvq';
const FILTER_INPUT = 'input[placeholder="Channel or payload text"]';
const KEY_TIMEOUT_MS = 10_000;

type Mode = 'live' | 'paused';

interface Measured {
  rate: number;
  mode: Mode;
  published: number;
  frames: number[];
  longTasks: number[];
  keys: number[];
  received: number;
  dropped: number;
  gaps: number;
}

const counter = async (page: Page, testId: string): Promise<number> => {
  const element = page.getByTestId(testId);
  return (await element.count()) > 0 ? Number(await element.innerText()) : 0;
};

/** Types FILTER_WORD a letter at a time, as a person would, timing each keystroke until the list shows it. */
async function typeFilter(page: Page): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 1; i <= FILTER_WORD.length; i++) {
    const timed = page.evaluate(
      ([selector, expected, timeout]) =>
        (window as unknown as { __tailProbe: { armKey: (s: string, e: string, t: number) => Promise<number> } }).__tailProbe.armKey(
          selector,
          expected,
          timeout,
        ),
      [FILTER_INPUT, FILTER_WORD.slice(0, i), KEY_TIMEOUT_MS] as const,
    );
    await page.locator(FILTER_INPUT).press(FILTER_WORD[i - 1]!);
    latencies.push(await timed);
    await page.waitForTimeout(80);
  }
  return latencies;
}

/** One run: the tail live or paused, `rate` msg/s for SECONDS, typing the filter a second in. */
async function measure(page: Page, publisher: ChildProcess, rate: number, mode: Mode): Promise<Measured> {
  await page.locator(FILTER_INPUT).fill('');
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  if (mode === 'paused') await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForTimeout(300);
  await page.evaluate('window.__tailProbe.start()');
  const published = next(publisher, 'published');
  publisher.send({ total: rate * SECONDS, rate, asJson: true });
  await page.waitForTimeout(1_000);
  const keys = await typeFilter(page);
  const { seconds } = (await published) as unknown as { seconds: number };
  const { frames, longTasks } = await page.evaluate<ProbeRecording>('window.__tailProbe.stop()');
  const result: Measured = {
    rate,
    mode,
    published: (rate * SECONDS) / seconds,
    frames,
    longTasks,
    keys,
    received: await counter(page, 'tail-total'),
    dropped: await counter(page, 'tail-dropped'),
    gaps: await counter(page, 'tail-gaps'),
  };
  if (mode === 'paused') await page.getByRole('button', { name: 'Resume', exact: true }).click();
  return result;
}

const ms = (n: number): string => (Number.isFinite(n) ? `${fmt(n, 1)} ms` : 'n/a').padStart(10);
const keyStat = (keys: number[], p: number): string =>
  keys.includes(-1) ? `>${fmt(KEY_TIMEOUT_MS / 1000)} s`.padStart(10) : ms(percentile(keys, p));

function row(m: Measured, base?: Measured): string {
  const ratio = base
    ? `  p99 frame ${fmt(percentile(m.frames, 99) / percentile(base.frames, 99), 2)}×, key p50 ${fmt(percentile(m.keys, 50) / percentile(base.keys, 50), 2)}×`
    : '';
  const longTotal = m.longTasks.reduce((sum, d) => sum + d, 0);
  return (
    `  ${`${fmt(m.rate)} msg/s ${m.mode}`.padEnd(20)} ${ms(percentile(m.frames, 50))} ${ms(percentile(m.frames, 99))}` +
    ` ${String(m.longTasks.length).padStart(5)} / ${ms(longTotal)} ${keyStat(m.keys, 50)} ${keyStat(m.keys, 100)}` +
    ` ${fmt(m.published).padStart(8)} ${fmt(m.received).padStart(9)} ${fmt(m.dropped).padStart(8)}${m.gaps ? ` (${m.gaps} gaps)` : ''}${ratio}`
  );
}

/**
 * The "browser" part of `npm run bench`: the portal as users run it and real Chromium on /live, while a publisher
 * pipelines PUBLISH at each rate for SECONDS; frame gaps (requestAnimationFrame deltas), long tasks and the latency of
 * typing a 9-letter filter, the tail live against the same page with the tail paused, in the same run.
 */
export async function benchBrowser(): Promise<void> {
  const redis = await startRedis();
  const portal = await startPortal(redis.url);
  const { child: publisher } = await start('publisher', redis.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${portal.url}/live`);
    await page.getByText('Connected', { exact: true }).waitFor();
    await page.evaluate(PROBE_SCRIPT);
    const runs: [Measured, Measured][] = [];
    for (const rate of RATES) {
      const live = await measure(page, publisher, rate, 'live');
      const paused = await measure(page, publisher, rate, 'paused');
      runs.push([live, paused]);
      process.stderr.write(`browser: ${fmt(rate)} msg/s done\n`);
    }
    console.log(
      `\nbrowser: /live in Chromium, ${SECONDS} s of 100-byte JSON messages per run, the filter typed "${FILTER_WORD}" a key at a time`,
    );
    console.log(
      `  ${'run'.padEnd(20)} ${'frame p50'.padStart(10)} ${'frame p99'.padStart(10)} ${'long tasks'.padStart(18)} ${'key p50'.padStart(10)} ${'key max'.padStart(10)} ${'sent/s'.padStart(8)} ${'received'.padStart(9)} ${'dropped'.padStart(8)}`,
    );
    for (const [live, paused] of runs) {
      console.log(row(paused));
      console.log(row(live, paused));
    }
    const [top] = runs.at(-1)!;
    console.log(
      `  at ${fmt(top.rate)} msg/s the page said: ${fmt(top.dropped)} dropped${top.gaps ? `, ${top.gaps} gaps` : ''} (the Dropped counter); ratios are live against paused at the same rate`,
    );
  } finally {
    await browser.close();
    await stop(publisher);
    await portal.stop();
    await redis.stop();
  }
}
