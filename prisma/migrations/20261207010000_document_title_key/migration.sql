-- The normalised title (asyncapi/slug.ts normaliseTitle), so a registration finds its document without reading every title.
-- AlterTable
ALTER TABLE "document" ADD COLUMN     "title_key" TEXT;

-- CreateIndex
CREATE INDEX "document_title_key_idx" ON "document"("title_key");
