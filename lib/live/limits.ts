/**
 * What one live-tail client, and all of them together, may cost the server: every figure is configurable
 * (`LIVE_*` variables, see the README) because a team with many tabs open needs more than a laptop.
 */
export interface LiveLimits {
  /** Longest pattern a client may follow, in characters. */
  maxPatternLength: number;
  /** Patterns one client may follow at once. */
  maxPatternsPerClient: number;
  /** Distinct patterns followed by all clients together. */
  maxPatterns: number;
  /** Distinct patterns filed under one key (the same first or last four characters), or with none. */
  maxPatternsPerKey: number;
  /** Socket.IO connections open at once from one address. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxPatternLength: 256,
  maxPatternsPerClient: 32,
  maxPatterns: 1_000,
  maxPatternsPerKey: 32,
  maxConnectionsPerAddress: 20,
};
