import { samplePayload } from './sample-payload.ts';
import type { JsonSchema, NormalisedParameter } from './types.ts';

const PARAMETER = /\{([^{}]+)\}/g;

/**
 * The names of an address's `{parameters}`, in order, each once.
 * @example addressParameters('greenhouse/{zone}/sensor/{sensorId}/reading') // ['zone', 'sensorId']
 */
export function addressParameters(address: string): string[] {
  return [...new Set([...address.matchAll(PARAMETER)].map((match) => match[1] ?? ''))];
}

/**
 * Every parameter of an address, in address order: as declared when it is, bare when the document
 * forgot to declare it (the parser accepts that). Declared parameters the address does not use are dropped.
 * @example addressParameterList('device/{id}', []) // [{ name: 'id', description: null, schema: null }]
 */
export function addressParameterList(address: string, declared: NormalisedParameter[]): NormalisedParameter[] {
  return addressParameters(address).map((name) => declared.find((p) => p.name === name) ?? { name, description: null, schema: null });
}

/**
 * The concrete topic for an address: each `{parameter}` replaced by its value; a parameter without a
 * value stays as `{name}`, so the topic shows what is still missing.
 * @example topicFromAddress('greenhouse/{zone}/alert', { zone: 'north' }) // 'greenhouse/north/alert'
 */
export function topicFromAddress(address: string, values: Readonly<Record<string, string>>): string {
  return address.replace(PARAMETER, (whole, name: string) => {
    const value = values[name];
    return value ? value : whole;
  });
}

/** An address split at its parameters: `literals[0] {names[0]} literals[1] … {names[n-1]} literals[n]`. */
export interface AddressTemplate {
  literals: string[];
  names: string[];
}

/**
 * The address split at its parameters, or null when it has none.
 * @example addressTemplate('user.{id}.created') // { literals: ['user.', '.created'], names: ['id'] }
 */
export function addressTemplate(address: string): AddressTemplate | null {
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
  return { literals, names };
}

/**
 * The parameter values when `topic` is an instance of the template, else null. The rule, shared by the
 * live conformance matcher and the publish form: a parameter takes one or more characters, none of them
 * `/`, up to the first occurrence of the literal text that follows it (or to the end when it ends the
 * address), so `user.{id}.created` matches `user.42.created` but not `user.a.created.b.created`, and two
 * parameters side by side (`{a}{b}`) never match. One left-to-right scan: no backtracking.
 */
export function matchAddressTemplate({ literals, names }: AddressTemplate, topic: string): string[] | null {
  if (!topic.startsWith(literals[0]!)) return null;
  let position = literals[0]!.length;
  const values: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const next = literals[i + 1]!;
    const end = next === '' ? (i === names.length - 1 ? topic.length : -1) : topic.indexOf(next, position + 1);
    if (end <= position) return null;
    const value = topic.slice(position, end);
    if (value.includes('/')) return null;
    values.push(value);
    position = end + next.length;
  }
  return position === topic.length ? values : null;
}

/**
 * Whether a topic is an instance of an address (see `matchAddressTemplate`), with no parameter left as
 * `{name}`.
 * @example topicMatchesAddress('greenhouse/{zone}/alert', 'greenhouse/north/alert') // true
 */
export function topicMatchesAddress(address: string, topic: string): boolean {
  const template = addressTemplate(address);
  if (template === null) return address === topic;
  const values = matchAddressTemplate(template, topic);
  return values !== null && values.every((value) => !/[{}]/.test(value));
}

const HINT_KEYWORDS = ['const', 'default', 'examples', 'example', 'enum', 'format'];

/**
 * The value a form starts a parameter at: what its schema gives (`default`, an example, the first `enum`
 * value, a sample of its `format`), or '' when it gives nothing worth more than a placeholder.
 * @example parameterDefault({ type: 'string', enum: ['north', 'south'], default: 'north' }) // 'north'
 */
export function parameterDefault(schema: JsonSchema | null): string {
  if (schema === null || typeof schema === 'boolean' || !HINT_KEYWORDS.some((key) => key in schema)) return '';
  const value = samplePayload(schema);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
