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

/**
 * Whether a topic is an instance of an address: literal parts equal, each parameter one or more
 * characters other than `/`, `{` and `}`.
 * @example topicMatchesAddress('greenhouse/{zone}/alert', 'greenhouse/north/alert') // true
 */
export function topicMatchesAddress(address: string, topic: string): boolean {
  const pattern = address
    .split(PARAMETER)
    .map((part, index) => (index % 2 === 1 ? '[^/{}]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(topic);
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
  return value === null || typeof value === 'object' ? '' : String(value);
}
