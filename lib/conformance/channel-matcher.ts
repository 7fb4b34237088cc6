import { addressTemplate, matchAddressTemplate, type AddressTemplate } from '../../asyncapi/address-topic.ts';

/** Anything with a catalogued channel address, possibly with `{parameters}`; null addresses never match. */
export interface Addressed {
  address: string | null;
}

export interface ChannelMatch<T> {
  channel: T;
  /** The concrete value of each address parameter. */
  params: Record<string, string>;
}

interface Template<T> extends AddressTemplate {
  channel: T;
  /** Higher wins when several addresses match: more literal text, then fewer parameters. */
  specificity: number;
}

/**
 * Finds the catalogued channel a concrete broker channel belongs to, compiled once per catalogue change.
 *
 * Parameters match as `matchAddressTemplate` says: `user.{id}.created` matches `user.42.created` but not
 * `user.a.created.b.created`, and `{a}{b}` (ambiguous) never matches. Exact addresses beat parameterised
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
        const values = matchAddressTemplate(template, channel);
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
  const template = addressTemplate(address);
  if (template === null) return null;
  const literalLength = template.literals.reduce((total, literal) => total + literal.length, 0);
  return { ...template, channel, specificity: literalLength * 1_000 - template.names.length };
}
