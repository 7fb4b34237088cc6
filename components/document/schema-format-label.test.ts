import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaFormatLabel } from './schema-format-label.ts';

test('a schemaFormat reads as its family and version, an unknown one as written', () => {
  assert.equal(schemaFormatLabel('application/vnd.apache.avro+yaml;version=1.11.1'), 'Avro 1.11.1');
  assert.equal(schemaFormatLabel('application/vnd.oai.openapi;version=3.0.0'), 'OpenAPI 3.0.0');
  assert.equal(schemaFormatLabel('application/schema+json;version=2020-12'), 'JSON Schema 2020-12');
  assert.equal(schemaFormatLabel('application/raml+yaml;version=1.0'), 'application/raml+yaml;version=1.0');
});
