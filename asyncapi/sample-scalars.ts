type SchemaObject = Record<string, unknown>;

// One fixed, valid value per format that ajv-formats checks, so samples are the same on every run.
const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T12:00:00Z',
  date: '2024-01-01',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/',
  'uri-reference': '/example',
  iri: 'https://example.com/',
  'iri-reference': '/example',
  'uri-template': 'https://example.com/{id}',
  url: 'https://example.com/',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'json-pointer': '/example',
  'relative-json-pointer': '0',
  regex: '^example$',
  byte: 'ZXhhbXBsZQ==',
  int32: '0',
  int64: '0',
  password: 'secret',
  binary: 'example',
};

/**
 * A string for a string schema: a fixed value for a known `format`, else "string" stretched or cut to
 * `minLength`/`maxLength`. A `pattern` is not solved: such schemas should carry an example.
 */
export function sampleString(schema: SchemaObject): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  if (format !== undefined) return format;
  const min = nonNegative(schema.minLength) ?? 0;
  const max = nonNegative(schema.maxLength) ?? Number.POSITIVE_INFINITY;
  const text = 'string'.padEnd(min, 'x');
  return text.slice(0, Math.max(min, Math.min(max, text.length)));
}

/**
 * A number inside `minimum`/`maximum` (exclusive bounds included), a multiple of `multipleOf` when set:
 * the lowest allowed value, or 0 when 0 is allowed.
 */
export function sampleNumber(schema: SchemaObject, integer: boolean): number {
  const step = positive(schema.multipleOf) ?? (integer ? 1 : undefined);
  const low = lowerBound(schema, step);
  const high = upperBound(schema, step);
  let value = low ?? (high !== undefined && high < 0 ? high : 0);
  if (integer) value = Math.ceil(value);
  if (step !== undefined) value = Math.ceil(value / step) * step;
  if (high !== undefined && value > high && step !== undefined) value = Math.floor(high / step) * step;
  return value;
}

function lowerBound(schema: SchemaObject, step: number | undefined): number | undefined {
  const exclusive = finite(schema.exclusiveMinimum);
  if (exclusive !== undefined) return exclusive + (step ?? smallStep(exclusive));
  return finite(schema.minimum);
}

function upperBound(schema: SchemaObject, step: number | undefined): number | undefined {
  const exclusive = finite(schema.exclusiveMaximum);
  if (exclusive !== undefined) return exclusive - (step ?? smallStep(exclusive));
  return finite(schema.maximum);
}

// Above an exclusive bound by a step that stays visible at the bound's magnitude.
function smallStep(bound: number): number {
  return Math.max(1e-6, Math.abs(bound) * 1e-9);
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function nonNegative(value: unknown): number | undefined {
  const n = finite(value);
  return n !== undefined && n >= 0 ? Math.floor(n) : undefined;
}

function positive(value: unknown): number | undefined {
  const n = finite(value);
  return n !== undefined && n > 0 ? n : undefined;
}
