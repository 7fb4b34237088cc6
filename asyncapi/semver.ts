// Loose on purpose: versions stored before registration checked them may have leading zeros or empty identifiers.
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const NUMERIC = /^\d+$/;

interface SemanticVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string | undefined;
  build: string | undefined;
}

function parse(version: string): SemanticVersion | null {
  const match = SEMVER.exec(version);
  if (!match) return null;
  const [, major = '', minor = '', patch = '', prerelease, build] = match;
  return { major, minor, patch, prerelease, build };
}

/**
 * Orders two `info.version` strings by SemVer 2.0.0 precedence, which ignores a leading `v` and `+build`
 * metadata; versions that are not semantic come before semantic ones, by text. 0 means equal precedence.
 * @example comparePrecedence('1.0.0+build', 'v1.0.0') // 0
 */
export function comparePrecedence(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return x ? 1 : y ? -1 : a.localeCompare(b);
  return (
    compareNumbers(x.major, y.major) ||
    compareNumbers(x.minor, y.minor) ||
    compareNumbers(x.patch, y.patch) ||
    comparePrerelease(x.prerelease, y.prerelease)
  );
}

/**
 * Orders versions by precedence, and versions of equal precedence by text, so that 0 means the same string:
 * every reader then agrees on the latest, even among versions stored before equal precedence was refused.
 * @example ['1.10.0', '1.2.0'].sort(compareVersions) // ['1.2.0', '1.10.0']
 */
export function compareVersions(a: string, b: string): number {
  return comparePrecedence(a, b) || compareText(a, b);
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
  const x = parse(from);
  const y = parse(to);
  if (!x || !y) return false;
  const majors = compareNumbers(y.major, x.major);
  if (majors !== 0) return majors > 0;
  return withoutLeadingZeros(x.major) === '0' && compareNumbers(y.minor, x.minor) > 0;
}

/**
 * Why the catalogue refuses `version` as a new `info.version`, or null when it is SemVer 2.0.0 (a leading `v`
 * allowed): the latest version and the breaking-change check both rest on semantic version precedence.
 * @example semverProblem('01.0.0') // 'info.version "01.0.0" is not a valid semantic version: … write 1.0.0.'
 */
export function semverProblem(version: string): string | null {
  const parsed = parse(version);
  const quoted = `info.version ${JSON.stringify(version)}`;
  if (!parsed)
    return `${quoted} is not a semantic version: write MAJOR.MINOR.PATCH, such as 1.0.0 or 2.1.0-rc.1 (SemVer 2.0.0). The catalogue orders versions and checks breaking changes by their precedence.`;
  const identifiers = [parsed.prerelease, parsed.build].flatMap((part) => part?.split('.') ?? []);
  if (identifiers.includes(''))
    return `${quoted} is not a valid semantic version: the dot-separated identifiers after "-" and "+" must not be empty.`;
  const canonical = canonicalNumbers(version, parsed);
  if (canonical !== version)
    return `${quoted} is not a valid semantic version: its numbers must not have leading zeros (SemVer 2.0.0); write ${canonical}.`;
  return null;
}

// The version with the leading zeros SemVer forbids removed; build metadata may keep them.
function canonicalNumbers(version: string, { major, minor, patch, prerelease, build }: SemanticVersion): string {
  const numbers = [major, minor, patch].map(withoutLeadingZeros).join('.');
  const pre = prerelease?.split('.').map((id) => (NUMERIC.test(id) ? withoutLeadingZeros(id) : id));
  return `${version.startsWith('v') ? 'v' : ''}${numbers}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build}` : ''}`;
}

const withoutLeadingZeros = (digits: string): string => digits.replace(/^0+(?=\d)/, '');

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Exact for digits of any length, where Number() would round two large numbers to one.
function compareNumbers(a: string, b: string): number {
  const [x, y] = [withoutLeadingZeros(a), withoutLeadingZeros(b)];
  return x.length - y.length || compareText(x, y);
}

// SemVer 2.0.0 §11: a release is above its pre-releases; identifiers compare one by one, numbers below words.
function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const [x, y] = [a.split('.'), b.split('.')];
  for (const [i, id] of x.entries()) {
    const other = y[i];
    if (other === undefined) return 1;
    const diff = compareIdentifiers(id, other);
    if (diff !== 0) return diff;
  }
  return x.length - y.length;
}

function compareIdentifiers(a: string, b: string): number {
  const [numberA, numberB] = [NUMERIC.test(a), NUMERIC.test(b)];
  if (numberA && numberB) return compareNumbers(a, b);
  if (numberA !== numberB) return numberA ? -1 : 1;
  return compareText(a, b);
}
