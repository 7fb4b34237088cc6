const FAMILIES: [prefix: string, name: string][] = [
  ['application/vnd.apache.avro', 'Avro'],
  ['application/vnd.oai.openapi', 'OpenAPI'],
  ['application/schema', 'JSON Schema'],
  ['application/vnd.aai.asyncapi', 'AsyncAPI schema'],
];

/**
 * A `schemaFormat` for people: its family and version, or the media type itself when the family is unknown.
 * @example schemaFormatLabel('application/vnd.apache.avro+yaml;version=1.11.1') // 'Avro 1.11.1'
 */
export function schemaFormatLabel(schemaFormat: string): string {
  const family = FAMILIES.find(([prefix]) => schemaFormat.startsWith(prefix));
  if (!family) return schemaFormat;
  const at = schemaFormat.indexOf('version=');
  return at === -1 ? family[1] : `${family[1]} ${schemaFormat.slice(at + 'version='.length)}`;
}
