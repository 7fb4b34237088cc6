const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Orders two `info.version` strings: semantic versions by precedence, anything else after them by text.
 * @example ['1.10.0', '1.2.0'].sort(compareVersions) // ['1.2.0', '1.10.0']
 */
export function compareVersions(a: string, b: string): number {
  const x = SEMVER.exec(a);
  const y = SEMVER.exec(b);
  if (!x || !y) return x ? 1 : y ? -1 : a.localeCompare(b);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(x[i]) - Number(y[i]);
    if (diff !== 0) return diff;
  }
  const [pa, pb] = [x[4], y[4]];
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return pa.localeCompare(pb, 'en', { numeric: true });
}

/** The highest of the given versions, or undefined for none. */
export function latestVersion<T extends { version: string }>(items: readonly T[]): T | undefined {
  return items.reduce<T | undefined>((best, item) => (!best || compareVersions(item.version, best.version) > 0 ? item : best), undefined);
}

/**
 * Whether going from `from` to `to` is a major version bump, the one place semantic versioning allows
 * breaking changes; in 0.y.z a minor bump counts, as for npm's caret ranges. False for non-semantic versions.
 * @example isMajorBump('1.4.2', '2.0.0') // true
 */
export function isMajorBump(from: string, to: string): boolean {
  const x = SEMVER.exec(from);
  const y = SEMVER.exec(to);
  if (!x || !y) return false;
  const [majorFrom, majorTo] = [Number(x[1]), Number(y[1])];
  if (majorTo !== majorFrom) return majorTo > majorFrom;
  return majorFrom === 0 && Number(y[2]) > Number(x[2]);
}
