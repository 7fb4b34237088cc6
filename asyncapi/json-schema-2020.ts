import type { SchemaParser } from '@asyncapi/parser';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** The `$schema` a 2020-12 payload keeps once read, so its checker compiles it as 2020-12 (see payload-schema.ts). */
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

// Only the meta-schema runs here: the document's schema is checked as data, never compiled.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

/**
 * Reads `application/schema+json;version=2020-12` (and +yaml) payloads, which the parser does not: each is
 * validated against the 2020-12 meta-schema and kept as written, marked with its `$schema`.
 * @example new Parser({ schemaParsers: [jsonSchema2020Parser()] })
 */
export function jsonSchema2020Parser(): SchemaParser {
  return {
    getMimeTypes: () => [
      'application/schema;version=2020-12',
      'application/schema+json;version=2020-12',
      'application/schema+yaml;version=2020-12',
    ],
    validate(input) {
      const validate = ajv.getSchema(DRAFT_2020_12);
      if (!validate || validate(input.data)) return [];
      return (validate.errors ?? []).map((error) => ({
        message: `${error.instancePath || 'the schema'} ${error.message ?? `fails ${error.keyword}`}`,
        path: [...input.path, ...error.instancePath.split('/').slice(1).map(unescapePointer)],
      }));
    },
    parse(input) {
      const schema = input.data;
      if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema as ReturnType<SchemaParser['parse']>;
      return { ...schema, $schema: DRAFT_2020_12 };
    },
  };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
