-- The format a payload was written in (Avro, OpenAPI, …) and the schema as written; the payload column holds its JSON Schema.
-- AlterTable
ALTER TABLE "message" ADD COLUMN "payload_format" JSON;
