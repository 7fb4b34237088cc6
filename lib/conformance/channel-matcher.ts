/** Anything with a catalogued channel address, possibly with `{parameters}`; null addresses never match. */
export interface Addressed {
  address: string | null;
}

export interface ChannelMatch<T> {
  channel: T;
  /** The concrete value of each address parameter. */
  params: Record<string, string>;
}

/** An address split at its parameters: `literals[0] {names[0]} literals[1] … {names[n-1]} literals[n]`. */
interface Template<T> {
  channel: T;
  literals: string[];
  names: string[];
  /** Higher wins when several addresses match: more literal text, then fewer parameters. */
  specificity: number;
}

const PARAMETER = /\{([^{}]+)\}/g;

/**
 * Finds the catalogued channel a concrete broker channel belongs to, compiled once per catalogue change.
 *
 * The rule: a parameter matches one or more characters, none of them `/`, up to the first occurrence of
 * the literal text that follows it (or to the end of the channel when it ends the address). So
 * `user.{id}.created` matches `user.42.created` but not `user.a.created.b.created`. An address with two
 * parameters side by side (`{a}{b}`) is ambiguous and never matches. Exact addresses beat parameterised
 * ones; among parameterised matches, the one with the most literal text (then the fewest parameters) wins,
 * then the first given.
 *
 * Exact addresses are one Map lookup. Parameterised ones are bucketed by the literal text before their
 * first parameter, so a lookup only tries the addresses whose prefix the channel starts with: one Map
 * lookup per distinct prefix length, however many channels are catalogued.
 * @example ChannelMatcher.compile([{ address: 'greenhouse/{zone}/alert' }]).match('greenhouse/north/alert')
 *   // { channel: { address: 'greenhouse/{zone}/alert' }, params: { zone: 'north' } }
 */
export class ChannelMatcher<T extends Addressed> {
  private readonly exact = new Map<string, T>();
  private readonly byPrefix = new Map<string, Template<T>[]>();
  /** The distinct prefix lengths of `byPrefix`, longest first. */
  private readonly prefixLengths: number[];

  private constructor(channels: readonly T[]) {
    for (const channel of channels) {
      if (channel.address === null || channel.address === '') continue;
      const template = templateOf(channel, channel.address);
      if (template === null) {
        if (!this.exact.has(channel.address)) this.exact.set(channel.address, channel);
        continue;
      }
      if (template.literals.slice(1, -1).includes('')) continue;
      const prefix = template.literals[0]!;
      const bucket = this.byPrefix.get(prefix);
      if (bucket) bucket.push(template);
      else this.byPrefix.set(prefix, [template]);
    }
    for (const bucket of this.byPrefix.values()) bucket.sort((a, b) => b.specificity - a.specificity);
    this.prefixLengths = [...new Set([...this.byPrefix.keys()].map((p) => p.length))].sort((a, b) => b - a);
  }

  static compile<T extends Addressed>(channels: readonly T[]): ChannelMatcher<T> {
    return new ChannelMatcher(channels);
  }

  /** The best catalogued channel for `channel`, with its parameter values, or null when none matches. */
  match(channel: string): ChannelMatch<T> | null {
    const exact = this.exact.get(channel);
    if (exact) return { channel: exact, params: {} };
    let best: Template<T> | null = null;
    let bestValues: string[] | null = null;
    for (const length of this.prefixLengths) {
      if (length > channel.length) continue;
      const bucket = this.byPrefix.get(length === 0 ? '' : channel.slice(0, length));
      if (!bucket) continue;
      for (const template of bucket) {
        if (best && template.specificity <= best.specificity) break;
        const values = matchTemplate(template, channel);
        if (values) {
          best = template;
          bestValues = values;
          break;
        }
      }
    }
    if (!best || !bestValues) return null;
    const params: Record<string, string> = {};
    best.names.forEach((name, i) => (params[name] = bestValues[i]!));
    return { channel: best.channel, params };
  }
}

function templateOf<T>(channel: T, address: string): Template<T> | null {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const found of address.matchAll(PARAMETER)) {
    literals.push(address.slice(last, found.index));
    names.push(found[1]!);
    last = found.index + found[0].length;
  }
  if (names.length === 0) return null;
  literals.push(address.slice(last));
  const literalLength = literals.reduce((total, literal) => total + literal.length, 0);
  return { channel, literals, names, specificity: literalLength * 1_000 - names.length };
}

/** The parameter values when `channel` fits the template, else null. */
function matchTemplate<T>(template: Template<T>, channel: string): string[] | null {
  const { literals, names } = template;
  let position = literals[0]!.length;
  const values: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const next = literals[i + 1]!;
    const end = next === '' ? channel.length : channel.indexOf(next, position + 1);
    if (end <= position) return null;
    const value = channel.slice(position, end);
    if (value.includes('/')) return null;
    values.push(value);
    position = end + next.length;
  }
  return position === channel.length ? values : null;
}
