import type { ConformanceStatus } from '../../lib/live/events.ts';
import { groupRates, type ChannelGroupRate, type ChannelRate } from './channel-groups.ts';

export type { ChannelRate } from './channel-groups.ts';

interface ChannelStats {
  count: number;
  checked: number;
  violations: number;
  status: ConformanceStatus | null;
  lastSeen: number;
  /** The catalogued address the channel matched, or null. */
  address: string | null;
  /** Messages since the last tick. */
  current: number;
  /** Messages per tick over the window, oldest first. */
  recent: number[];
}

interface ChannelRatesOptions {
  /** Ticks (about seconds) every rate averages over: the overall one and each channel's. */
  windowTicks: number;
  /** Channels remembered; beyond it, idle channels and then the oldest seen are forgotten. */
  maxChannels: number;
  /** Rows `top` keeps. */
  topSize: number;
}

/** The one window of every rate the tail shows, in ticks of about a second. */
export const RATE_WINDOW_TICKS = 10;

const DEFAULTS: ChannelRatesOptions = { windowTicks: RATE_WINDOW_TICKS, maxChannels: 2_000, topSize: 20 };

/**
 * Counts messages per channel and, on each `tick` (about once a second), turns the counts into rates over one
 * window of the last few ticks, the same for the overall rate, each channel's and each catalogued channel's.
 * Each channel also keeps how many of its messages were checked and violated their schema, and when it was last seen.
 * @example rates.count('orders.created', Date.now(), 'conforms'); rates.tick(performance.now()); rates.top // [{ channel, count, rate, … }]
 */
export class ChannelRates {
  private readonly options: ChannelRatesOptions;
  private readonly channels = new Map<string, ChannelStats>();
  /** Seconds each tick of the window lasted, oldest first. */
  private readonly durations: number[] = [];
  /** Messages per tick over the window, oldest first. */
  private readonly recent: number[] = [];
  private current = 0;
  private lastTickAt: number | null = null;
  /** Messages per second over the window. */
  overall = 0;
  /** The busiest channels at the last tick, by rate then count. */
  top: ChannelRate[] = [];
  /** The busiest catalogued channels (or uncatalogued concrete ones) at the last tick, with their channels inside. */
  groups: ChannelGroupRate[] = [];
  /** Wall-clock time of the last tick, against which `lastSeen` is shown. */
  tickedAt = Date.now();

  constructor(options: Partial<ChannelRatesOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Ticks (about seconds) the per-channel rates average over. */
  get windowTicks(): number {
    return this.options.windowTicks;
  }

  /** The number of channels remembered. */
  get size(): number {
    return this.channels.size;
  }

  /** Messages seen on `channel` so far (live, unlike the counts in `top`). */
  countOf(channel: string): number | undefined {
    return this.channels.get(channel)?.count;
  }

  /**
   * Counts one message received at `receivedAt`, with its conformance status when the portal checks traffic and the
   * catalogued address its channel matched.
   */
  count(channel: string, receivedAt = 0, status: ConformanceStatus | null = null, address: string | null = null): void {
    this.current += 1;
    let stats = this.channels.get(channel);
    if (stats) {
      stats.count += 1;
      stats.current += 1;
    } else {
      stats = { count: 1, current: 1, recent: [], checked: 0, violations: 0, status: null, lastSeen: 0, address };
      this.channels.set(channel, stats);
    }
    stats.lastSeen = receivedAt;
    stats.status = status;
    stats.address = address;
    if (status === 'conforms' || status === 'violates') stats.checked += 1;
    if (status === 'violates') stats.violations += 1;
  }

  /** Closes the current interval at `now` (milliseconds, monotonic) and recomputes the rates. */
  tick(now: number): void {
    this.tickedAt = Date.now();
    // The first tick starts the window: no interval has passed yet.
    if (this.lastTickAt === null) {
      this.lastTickAt = now;
      return;
    }
    const seconds = Math.max((now - this.lastTickAt) / 1000, 0.001);
    this.lastTickAt = now;
    pushWindow(this.durations, seconds, this.options.windowTicks);
    pushWindow(this.recent, this.current, this.options.windowTicks);
    this.overall = sum(this.recent) / sum(this.durations);
    this.current = 0;
    const rows: ChannelRate[] = [];
    for (const [channel, stats] of this.channels) {
      pushWindow(stats.recent, stats.current, this.options.windowTicks);
      stats.current = 0;
      // Over the whole window, like the overall rate: a channel is idle in the ticks before it appeared.
      const rate = sum(stats.recent) / sum(this.durations);
      rows.push({
        channel,
        count: stats.count,
        rate,
        checked: stats.checked,
        violations: stats.violations,
        status: stats.status,
        lastSeen: stats.lastSeen,
      });
    }
    this.forgetBeyondLimit(rows);
    const kept = rows.length > this.channels.size ? rows.filter((row) => this.channels.has(row.channel)) : rows;
    this.top = [...kept].sort(byRateThenCount).slice(0, this.options.topSize);
    const { topSize } = this.options;
    this.groups = groupRates(kept, (channel) => this.channels.get(channel)?.address ?? null, topSize, topSize);
  }

  clear(): void {
    this.channels.clear();
    this.current = 0;
    this.recent.length = 0;
    this.overall = 0;
    this.top = [];
    this.groups = [];
  }

  /** Keeps memory bounded when channel names are unique per message: idle channels go first, then the oldest seen. */
  private forgetBeyondLimit(rows: ChannelRate[]): void {
    if (this.channels.size <= this.options.maxChannels) return;
    for (const row of rows) if (row.rate === 0) this.channels.delete(row.channel);
    for (const channel of this.channels.keys()) {
      if (this.channels.size <= this.options.maxChannels) break;
      this.channels.delete(channel);
    }
  }
}

function pushWindow(window: number[], value: number, size: number): void {
  window.push(value);
  if (window.length > size) window.shift();
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function byRateThenCount(a: ChannelRate, b: ChannelRate): number {
  return b.rate - a.rate || b.count - a.count || (a.channel < b.channel ? -1 : 1);
}
