/** How many failed sign-ins a key (an address, an email) may have within the window before it is refused. */
export interface FailureLimits {
  max: number;
  windowMs: number;
  /** The most keys remembered in memory; the oldest are forgotten first, so a flood of addresses cannot grow memory. */
  maxKeys: number;
}

/** Ten failures a minute per address and per email (issue 10). */
export const SIGN_IN_LIMITS: FailureLimits = { max: 10, windowMs: 60_000, maxKeys: 100_000 };

/** What `admit` decided: the attempt was counted (under `ticket`), or a key is over its limit for `retryAfter` more seconds. */
export type Admission = { admitted: true; ticket: string } | { admitted: false; retryAfter: number };

/**
 * Counts failures per key in a sliding window. An attempt is counted before its outcome is known and taken back when
 * it succeeds, so that attempts sent together cannot all pass the check before any of them is counted.
 */
export interface FailureLimiter {
  /** In one step: refuses when any key has `max` failures in the window, else counts one failure against each key. */
  admit(keys: readonly string[]): Promise<Admission>;
  /** Takes back the failure `admit` counted under `ticket`: the attempt turned out not to be one. */
  forgive(keys: readonly string[], ticket: string): Promise<void>;
}

/**
 * A limiter in this process's memory: for one process only (tests, scripts). server.ts uses the Redis one
 * (redis-failure-limiter.ts), which every instance shares.
 * @example const limiter = createMemoryFailureLimiter(); const admission = await limiter.admit(['address:192.0.2.1']);
 */
export function createMemoryFailureLimiter(limits: FailureLimits = SIGN_IN_LIMITS, now: () => number = Date.now): FailureLimiter {
  const failures = new Map<string, { at: number; ticket: string }[]>();
  let tickets = 0;
  const recent = (key: string) => {
    const cutoff = now() - limits.windowMs;
    const kept = (failures.get(key) ?? []).filter(({ at }) => at > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    admit(keys) {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key);
        if (times.length >= limits.max) wait = Math.max(wait, times[times.length - limits.max]!.at + limits.windowMs - now());
      }
      if (wait > 0) return Promise.resolve({ admitted: false, retryAfter: Math.ceil(wait / 1000) });
      const ticket = String(++tickets);
      for (const key of keys) {
        const times = recent(key);
        failures.delete(key); // re-inserted last, so the Map's order is least recently failed first
        failures.set(key, [...times.slice(-(limits.max - 1)), { at: now(), ticket }]);
      }
      for (const key of failures.keys()) {
        if (failures.size <= limits.maxKeys) break;
        failures.delete(key);
      }
      return Promise.resolve({ admitted: true, ticket });
    },
    forgive(keys, ticket) {
      for (const key of keys) {
        const kept = recent(key).filter((failure) => failure.ticket !== ticket);
        if (kept.length === 0) failures.delete(key);
        else failures.set(key, kept);
      }
      return Promise.resolve();
    },
  };
}
