-- AlterTable
ALTER TABLE "document" ADD COLUMN "compatibility" TEXT;

-- Only the modes asyncapi/compatibility.ts knows; null follows the portal's COMPATIBILITY setting.
ALTER TABLE "document" ADD CONSTRAINT "document_compatibility_mode" CHECK ("compatibility" IN ('BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'));
