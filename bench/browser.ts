import type { ChildProcess } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/chromium.ts';
import { startRedis } from '../testing/services.ts';
import { PROBE_SCRIPT, type ProbeRecording } from './browser-probe.ts';
import { startPortal } from './hostile/portal.ts';
import { fmt, median, next, percentile, start, stop } from './live/harness.ts';

/** Messages per second published in turn; BENCH_BROWSER_RATES (comma-separated) picks others. */
const RATES = (process.env.BENCH_BROWSER_RATES ?? '1000,10000,50000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_BROWSER_SECONDS ?? 5);
/** Paired rounds per rate (live and paused, their order alternating); BENCH_BROWSER_ROUNDS picks another count. */
const ROUNDS = Number(process.env.BENCH_BROWSER_ROUNDS ?? 3);
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
const keyMs = (n: number): string => (n < 0 ? `>${fmt(KEY_TIMEOUT_MS / 1000)} s`.padStart(10) : ms(n));
/** A key's latency as a figure: a keystroke the list never showed counts as the timeout, and marks the figure. */
const keyFigure = (keys: number[], p: number): number => (keys.includes(-1) ? -1 : percentile(keys, p));

/** The figures of one run that the table reports. */
interface Figures {
  p50: number;
  p99: number;
  longTasks: number;
  longMs: number;
  keyP50: number;
  keyMax: number;
  published: number;
  received: number;
  dropped: number;
  gaps: number;
}

function figuresOf(m: Measured): Figures {
  return {
    p50: percentile(m.frames, 50),
    p99: percentile(m.frames, 99),
    longTasks: m.longTasks.length,
    longMs: m.longTasks.reduce((sum, d) => sum + d, 0),
    keyP50: keyFigure(m.keys, 50),
    keyMax: keyFigure(m.keys, 100),
    published: m.published,
    received: m.received,
    dropped: m.dropped,
    gaps: m.gaps,
  };
}

/** The median of each figure over the rounds (a timed-out key in any round keeps the mark). */
function medianOf(rounds: Figures[]): Figures {
  const of = (pick: (f: Figures) => number): number => {
    const values = rounds.map(pick);
    return values.includes(-1) ? -1 : median(values);
  };
  return {
    p50: of((f) => f.p50),
    p99: of((f) => f.p99),
    longTasks: of((f) => f.longTasks),
    longMs: of((f) => f.longMs),
    keyP50: of((f) => f.keyP50),
    keyMax: of((f) => f.keyMax),
    published: of((f) => f.published),
    received: of((f) => f.received),
    dropped: of((f) => f.dropped),
    gaps: of((f) => f.gaps),
  };
}

const spread = (values: number[]): string => `${fmt(Math.min(...values), 1)}–${fmt(Math.max(...values), 1)}`;

function row(label: string, rounds: Figures[]): string {
  const m = medianOf(rounds);
  return (
    `  ${label.padEnd(20)} ${ms(m.p50)} ${ms(m.p99)} ${spread(rounds.map((f) => f.p99)).padStart(12)}` +
    ` ${String(m.longTasks).padStart(5)} / ${ms(m.longMs)} ${keyMs(m.keyP50)} ${keyMs(m.keyMax)}` +
    ` ${fmt(m.published).padStart(8)} ${fmt(m.received).padStart(9)} ${fmt(m.dropped).padStart(8)}${m.gaps ? ` (${m.gaps} gaps)` : ''}`
  );
}

/** Live against paused, round by round: the median of the paired ratios and their spread. */
function ratios(pairs: [Figures, Figures][]): string {
  const frame = pairs.map(([live, paused]) => live.p99 / paused.p99);
  const key = pairs.map(([live, paused]) => live.keyP50 / paused.keyP50);
  return `  ${''.padEnd(20)} live/paused: frame p99 ${fmt(median(frame), 2)}× (${spread(frame)}), key p50 ${fmt(median(key), 2)}× (${spread(key)})`;
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
    const runs: { rate: number; pairs: [Figures, Figures][] }[] = [];
    for (const rate of RATES) {
      const pairs: [Figures, Figures][] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order: Mode[] = round % 2 === 0 ? ['live', 'paused'] : ['paused', 'live'];
        const measured = new Map<Mode, Measured>();
        for (const mode of order) measured.set(mode, await measure(page, publisher, rate, mode));
        pairs.push([figuresOf(measured.get('live')!), figuresOf(measured.get('paused')!)]);
      }
      runs.push({ rate, pairs });
      process.stderr.write(`browser: ${fmt(rate)} msg/s done\n`);
    }
    console.log(
      `\nbrowser: /live in Chromium, ${SECONDS} s of 100-byte JSON messages per run, ${ROUNDS} paired rounds per rate (medians, p99 spread over rounds), the filter typed "${FILTER_WORD}" a key at a time`,
    );
    console.log(
      `  ${'run'.padEnd(20)} ${'frame p50'.padStart(10)} ${'frame p99'.padStart(10)} ${'p99 spread'.padStart(12)} ${'long tasks'.padStart(18)} ${'key p50'.padStart(10)} ${'key max'.padStart(10)} ${'sent/s'.padStart(8)} ${'received'.padStart(9)} ${'dropped'.padStart(8)}`,
    );
    for (const { rate, pairs } of runs) {
      console.log(
        row(
          `${fmt(rate)} msg/s paused`,
          pairs.map(([, paused]) => paused),
        ),
      );
      console.log(
        row(
          `${fmt(rate)} msg/s live`,
          pairs.map(([live]) => live),
        ),
      );
      console.log(ratios(pairs));
    }
    const top = runs.at(-1)!;
    const dropped = top.pairs.map(([live]) => live.dropped);
    console.log(
      `  at ${fmt(top.rate)} msg/s the page said: ${dropped.map((d) => fmt(d)).join(', ')} dropped in the live rounds (the Dropped counter)`,
    );
  } finally {
    await browser.close();
    await stop(publisher);
    await portal.stop();
    await redis.stop();
  }
}
