/** The longest summary a detail gets in the table; the API has the whole of it. */
const MAX_SUMMARY_CHARS = 160;

/**
 * An audit row's detail on one line: `key: value` pairs, lists by their length (`overriddenChanges: 2`), nested
 * objects as JSON, cut at 160 characters.
 * @example summariseDetail({ version: '1.1.0', overriddenChanges: [a, b] }) // 'version: 1.1.0 · overriddenChanges: 2'
 */
export function summariseDetail(detail: Record<string, unknown>): string {
  const summary = Object.entries(detail)
    .map(([key, value]) => `${key}: ${summariseValue(value)}`)
    .join(' · ');
  return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS - 1)}…` : summary;
}

function summariseValue(value: unknown): string {
  if (Array.isArray(value)) return String(value.length);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '–' : JSON.stringify(value);
}
