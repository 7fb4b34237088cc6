-- json keeps what the author wrote, key order included; jsonb sorts object keys.
-- AlterTable
ALTER TABLE "message" ALTER COLUMN "payload" SET DATA TYPE JSON,
ALTER COLUMN "examples" SET DATA TYPE JSON;
