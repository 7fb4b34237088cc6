import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { OpenAPISchemaParser } from '@asyncapi/openapi-schema-parser';
import type { ParseSchemaInput, SchemaParser, SchemaValidateResult } from '@asyncapi/parser';
import { inlineNamedReferences, unionsAsAnyOf } from './avro-conversion.ts';
import { jsonSchema2020Parser } from './json-schema-2020.ts';

// The Avro parser lists 1.8.2 and 1.9.0 only; the schema language of 1.9.1–1.11.x adds nothing avsc refuses.
const AVRO_VERSIONS = ['1.8.2', '1.9.0', '1.9.1', '1.9.2', '1.10.0', '1.10.1', '1.10.2', '1.11.0', '1.11.1', '1.11.2', '1.11.3', '1.11.4'];
// The OpenAPI parser lists 3.0.0 only; the Schema Object is the same in every 3.0 patch release.
const OPENAPI_VERSIONS = ['3.0.0', '3.0.1', '3.0.2', '3.0.3', '3.0.4'];

const mimeTypes = (base: string, versions: readonly string[]): string[] =>
  versions.flatMap((version) => ['', '+json', '+yaml'].map((suffix) => `${base}${suffix};version=${version}`));

type DetailedAsyncAPI = ParseSchemaInput['asyncapi'];

/** A schema that failed its own format's validation in a 3.x document, where the parser does not validate it. */
export interface SchemaFormatIssue {
  message: string;
  schemaFormat: string;
  /** The path of the schema (or of what is wrong inside it) in the parsed document. */
  path: (string | number)[];
}

/**
 * The schema parsers the portal registers besides the parser's own (AsyncAPI schemas and JSON Schema draft-07),
 * and the issues they found. Parser 3.x validates a 2.x message's payload with its format's parser, but parses a
 * 3.x Multi Format Schema without validating it; each parser here validates such a schema first and, when it is
 * invalid, leaves it as written and records why, for `takeIssues` to report at its line.
 * Protobuf is not among them: its converter's comment patterns take quadratic time (an 80 KB comment, 30 s) and
 * its output doubles with each level of nested message types, so a document could hold a parse worker for its
 * whole time limit.
 */
export interface SchemaFormats {
  parsers: SchemaParser[];
  /** The issues found while parsing one document (by the parser's description of it); reading them forgets them. */
  takeIssues(asyncapi: DetailedAsyncAPI): SchemaFormatIssue[];
}

/**
 * @example const formats = schemaFormats(); const parser = new Parser({ schemaParsers: formats.parsers });
 */
export function schemaFormats(): SchemaFormats {
  const issues = new WeakMap<DetailedAsyncAPI, SchemaFormatIssue[]>();
  const validating = (inner: SchemaParser, types = inner.getMimeTypes()): SchemaParser => ({
    getMimeTypes: () => types,
    validate: (input) => inner.validate(input),
    async parse(input) {
      if (input.asyncapi.semver.major < 3) return inner.parse(input);
      const found = (await inner.validate(input)) ?? [];
      if (found.length === 0) return inner.parse(input);
      const list = issues.get(input.asyncapi) ?? [];
      list.push(...found.map((issue) => located(issue, input)));
      issues.set(input.asyncapi, list);
      return input.data as ReturnType<SchemaParser['parse']>;
    },
  });
  return {
    parsers: [
      validating(avroParser(), mimeTypes('application/vnd.apache.avro', AVRO_VERSIONS)),
      validating(OpenAPISchemaParser(), mimeTypes('application/vnd.oai.openapi', OPENAPI_VERSIONS)),
      validating(jsonSchema2020Parser()),
    ],
    takeIssues(asyncapi) {
      const found = issues.get(asyncapi) ?? [];
      issues.delete(asyncapi);
      return found;
    },
  };
}

/** The Avro parser, its conversion given named types referred to anywhere and unions that accept any matching branch. */
function avroParser(): SchemaParser {
  const inner = AvroSchemaParser();
  return {
    getMimeTypes: inner.getMimeTypes,
    validate: inner.validate,
    async parse(input) {
      return unionsAsAnyOf(await inner.parse({ ...input, data: inlineNamedReferences(input.data) })) as Awaited<
        ReturnType<SchemaParser['parse']>
      >;
    },
  };
}

function located(issue: SchemaValidateResult, input: ParseSchemaInput): SchemaFormatIssue {
  return { message: issue.message, schemaFormat: input.schemaFormat, path: [...(issue.path ?? input.path)] };
}
