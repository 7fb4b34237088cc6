/** The windows the drift page offers; the API accepts any `<n>m`, `<n>h` or `<n>d` up to 30 days. */
export const DRIFT_WINDOWS = ['5m', '15m', '1h', '6h', '24h', '7d'] as const;
export const DEFAULT_DRIFT_WINDOW = '1h';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** The longest window drift can be asked for, and so how long traffic counts are kept (lib/traffic/keys.ts). */
export const MAX_WINDOW_MS = 30 * UNIT_MS.d;

/**
 * Reads a window such as `15m`, `6h` or `7d` into milliseconds; null for anything else.
 * @example parseWindow('15m') // 900000
 */
export function parseWindow(text: string): number | null {
  const match = /^([1-9]\d{0,4})([mhd])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_WINDOW_MS ? ms : null;
}
