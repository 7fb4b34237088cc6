import type { Diagnostic } from './types.ts';

/** A parser diagnostic with the place of the text it concerns, before messages are rewritten. */
export interface LocatedDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  /** The parser's message. */
  message: string;
  /** The path the parser reported, possibly through `$ref`s. */
  reportedPath: string[];
  /** The path of the text it concerns, `$ref`s and aliases followed. */
  path: string[];
  line: number | null;
  column: number | null;
}

/** One underlying problem: every diagnostic the parser reported for it, and the errors it causes. */
export interface DiagnosticGroup {
  /** The diagnostic that speaks for the group: one reported at the text itself, with the fullest message. */
  head: LocatedDiagnostic;
  /** Paths it was reported at, the text's own path first (at most 50). */
  paths: string[][];
  /** How many distinct paths it has: the text's own and every one it was reported at. */
  pathCount: number;
  /** Errors that only follow from this one (a `oneOf` no branch of which matches, …), in document order. */
  cascade: DiagnosticGroup[];
}

type Kind = 'specific' | 'combinator' | 'branch' | 'extra-property';

interface Entry extends DiagnosticGroup {
  codes: Set<string>;
  kind: Kind;
  key: string;
  /** Whether the combinator this failed alternative belongs to sits at the parent of its path. */
  atParent: boolean;
  seen: Set<string>;
  /** The group this one is folded under, if any. */
  under?: Entry;
}

/** Paths kept per group for folding: a component used from thousands of places needs only some. */
const MAX_PATHS = 50;
const SEP = '\u0000';
const keyOf = (path: readonly string[]): string => path.join(SEP);

// Failures of a schema combinator: they say no alternative fitted, not what is wrong.
const COMBINATOR_MESSAGES = new Set([
  'must match exactly one schema in oneOf',
  'must match a schema in anyOf',
  'must match "then" schema',
  'must match "else" schema',
  'must not be valid',
  'must NOT be valid',
  'must NOT have additional properties',
]);

/**
 * Reports each problem once and its root cause first. Diagnostics at the same text (path and place) with
 * the same message are one group, whichever paths reached them. An error saying only that a schema combinator failed
 * (`oneOf`, `anyOf`, `if`/`then`/`else`, `not`), one of that combinator's failed alternatives (a required
 * property, an unexpected property next to it), or an unexpected property enclosing another error, is folded
 * under the more specific error at or below its path. Returns the groups nothing was folded under.
 * @example groupDiagnostics(located).map((g) => [g.head.path, g.cascade.length])
 */
export function groupDiagnostics(located: readonly LocatedDiagnostic[]): DiagnosticGroup[] {
  const entries = dedupe(located);
  classify(entries);
  foldErrors(entries.filter((e) => e.head.severity === 'error'));
  for (const entry of entries) entry.under?.cascade.push(entry);
  const roots = entries.filter((e) => !e.under);
  for (const root of roots) root.cascade.sort(byPlace);
  return roots;
}

function dedupe(located: readonly LocatedDiagnostic[]): Entry[] {
  const groups = new Map<string, Entry>();
  for (const d of located) {
    const key = [d.severity, keyOf(d.path), d.line, d.column, coreMessage(d.message)].join(SEP);
    const group = groups.get(key) ?? newEntry(d);
    groups.set(key, group);
    group.codes.add(d.code);
    if (!group.seen.has(keyOf(d.reportedPath))) {
      group.seen.add(keyOf(d.reportedPath));
      if (group.paths.length < MAX_PATHS) group.paths.push(d.reportedPath);
    }
    group.pathCount = group.seen.size;
    if (isBetterHead(d, group.head)) group.head = d;
  }
  return [...groups.values()];
}

function newEntry(d: LocatedDiagnostic): Entry {
  const key = keyOf(d.path);
  const base = { head: d, paths: [d.path], pathCount: 1, cascade: [], codes: new Set<string>(), key, seen: new Set([key]) };
  return { ...base, kind: 'specific', atParent: false };
}

/** A diagnostic reported at the text itself beats one reached through a `$ref`; then the longer message. */
function isBetterHead(d: LocatedDiagnostic, head: LocatedDiagnostic): boolean {
  const direct = (x: LocatedDiagnostic): boolean => keyOf(x.reportedPath) === keyOf(x.path);
  if (direct(d) !== direct(head)) return direct(d);
  return d.message.length > head.message.length;
}

function classify(entries: Entry[]): void {
  const combinators = new Set<string>();
  for (const entry of entries) {
    const core = coreMessage(entry.head.message);
    if (COMBINATOR_MESSAGES.has(core)) {
      entry.kind = 'combinator';
      for (const code of entry.codes) combinators.add(code + SEP + entry.key);
    } else if (isUnexpectedProperty(entry.head.message)) entry.kind = 'extra-property';
  }
  const hasCombinator = (entry: Entry, path: readonly string[]): boolean =>
    [...entry.codes].every((code) => combinators.has(code + SEP + keyOf(path)));
  for (const entry of entries) {
    if (entry.kind === 'combinator') continue;
    // The property an alternative did not expect sits below the combinator; other failures sit at it.
    entry.atParent =
      entry.kind === 'extra-property' && !hasCombinator(entry, entry.head.path) && hasCombinator(entry, entry.head.path.slice(0, -1));
    if (entry.atParent || hasCombinator(entry, entry.head.path)) entry.kind = 'branch';
  }
}

/**
 * Folds each combinator failure and failed alternative under the first specific error at or below it;
 * failing one, under a property one of the alternatives did not expect; failing that, an alternative's
 * failure goes under its combinator.
 */
function foldErrors(errors: Entry[]): void {
  foldUnder(errors, (e) => e.kind === 'specific');
  foldUnder(
    errors.filter((e) => !e.under),
    (e) => isUnexpectedProperty(e.head.message),
  );
  const combinatorAt = new Map<string, Entry>();
  for (const entry of errors) if (entry.kind === 'combinator') combinatorAt.set(entry.key, entry);
  for (const entry of errors) {
    if (entry.kind !== 'branch' || entry.under) continue;
    const combinator = combinatorAt.get(keyOf(scopeOf(entry, entry.head.path)));
    const under = combinator?.under ?? combinator;
    // The property that now explains its combinator stays where it is.
    if (under !== entry) entry.under = under;
  }
}

function foldUnder(entries: Entry[], isTarget: (entry: Entry) => boolean): void {
  const targets = entries.filter(isTarget).sort(byPlace);
  const below = new Map<string, Entry>();
  for (const target of targets) for (const prefix of prefixesOf(target.paths)) if (!below.has(prefix)) below.set(prefix, target);
  for (const entry of entries) {
    if (entry.kind === 'specific' || entry.under || isTarget(entry)) continue;
    entry.under = entry.paths
      .map((path) => below.get(keyOf(scopeOf(entry, path))))
      .filter((e) => e !== undefined)
      .sort(byPlace)[0];
  }
}

/** The keys of every path and each of its prefixes, the empty one (the document) included. */
function* prefixesOf(paths: readonly string[][]): Generator<string> {
  for (const path of paths) {
    let key = '';
    yield key;
    for (const [i, segment] of path.entries()) {
      key = i === 0 ? segment : key + SEP + segment;
      yield key;
    }
  }
}

/** Where an error's combinator sits: at its path, or at the parent of a property an alternative did not expect. */
function scopeOf(entry: Entry, path: string[]): string[] {
  return entry.atParent ? path.slice(0, -1) : path;
}

function byPlace(a: DiagnosticGroup, b: DiagnosticGroup): number {
  return (a.head.line ?? Infinity) - (b.head.line ?? Infinity) || (a.head.column ?? 0) - (b.head.column ?? 0);
}

function isUnexpectedProperty(message: string): boolean {
  return message.startsWith('Property "') && message.endsWith('" is not expected to be here');
}

/**
 * A message without the parser's subject (`"type" property `, `Item at index 0 `) and without the detail after
 * `: `, so the same problem reported by two rules, or at two paths, reads the same.
 */
export function coreMessage(message: string): string {
  let core = message;
  const property = core.startsWith('"') ? core.indexOf('" property ', 1) : -1;
  if (property > 0) core = core.slice(property + '" property '.length);
  else if (core.startsWith('Item at index ')) core = core.slice(core.indexOf(' ', 'Item at index '.length) + 1);
  const detail = core.indexOf(': ');
  return detail === -1 ? core : core.slice(0, detail);
}
