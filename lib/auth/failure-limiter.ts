/** How many failed sign-ins a key (an address, an email) may have within the window before it is refused. */
export interface FailureLimits {
  max: number;
  windowMs: number;
  /** The most keys remembered; the oldest are forgotten first, so a flood of addresses cannot grow memory. */
  maxKeys: number;
}

/** Ten failures a minute per address and per email (issue 10). */
export const SIGN_IN_LIMITS: FailureLimits = { max: 10, windowMs: 60_000, maxKeys: 100_000 };

/** Counts failures per key in a sliding window; one process's memory, like better-auth's own limiter. */
export interface FailureLimiter {
  /** Seconds until every key may try again, or 0 when none of them is over its limit. */
  retryAfter(keys: readonly string[]): number;
  /** Counts one failure against each key. */
  recordFailure(keys: readonly string[]): void;
  /** Takes back the latest failure of each key: an attempt counted before its outcome was known, that succeeded. */
  forgive(keys: readonly string[]): void;
}

/**
 * A limiter that refuses a key once it has `max` failures in the last `windowMs`.
 * @example const limiter = createFailureLimiter(); if (limiter.retryAfter(['ip:1.2.3.4']) > 0) return tooMany();
 */
export function createFailureLimiter(limits: FailureLimits = SIGN_IN_LIMITS, now: () => number = Date.now): FailureLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - limits.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfter(keys) {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key);
        if (times.length >= limits.max) wait = Math.max(wait, times[times.length - limits.max]! + limits.windowMs - now());
      }
      return wait > 0 ? Math.ceil(wait / 1000) : 0;
    },
    recordFailure(keys) {
      for (const key of keys) {
        const times = recent(key);
        failures.delete(key); // re-inserted last, so the Map's order is least recently failed first
        failures.set(key, [...times.slice(-(limits.max - 1)), now()]);
      }
      for (const key of failures.keys()) {
        if (failures.size <= limits.maxKeys) break;
        failures.delete(key);
      }
    },
    forgive(keys) {
      for (const key of keys) {
        const times = recent(key);
        if (times.length <= 1) failures.delete(key);
        else failures.set(key, times.slice(0, -1));
      }
    },
  };
}
