import type { JsonSchema } from '../../asyncapi/types.ts';

const MAX_DEPTH = 8;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A JSON Schema describing one sample value: every property seen is declared and required, arrays take
 * their first item's shape, ISO timestamps get `format: date-time`. A starting point for a draft, to edit.
 * @example inferSchema({ id: 'o-1', total: 9.5 }) // { type: 'object', properties: { id: { type: 'string' }, total: { type: 'number' } }, required: ['id', 'total'] }
 */
export function inferSchema(value: unknown, depth = 0): JsonSchema {
  if (value === null) return { type: 'null' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'string') return DATE_TIME.test(value) ? { type: 'string', format: 'date-time' } : { type: 'string' };
  if (depth >= MAX_DEPTH) return {};
  if (Array.isArray(value)) return value.length > 0 ? { type: 'array', items: inferSchema(value[0], depth + 1) } : { type: 'array' };
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    const schema: Record<string, unknown> = {
      type: 'object',
      properties: Object.fromEntries(entries.map(([key, item]) => [key, inferSchema(item, depth + 1)])),
    };
    if (entries.length > 0) schema.required = entries.map(([key]) => key);
    return schema;
  }
  return {};
}
