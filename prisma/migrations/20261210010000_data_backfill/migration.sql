-- Which one-off rewrites of stored rows (lib/backfills/) have run, so each runs once: first the payload formats of versions stored before message.payload_format.
-- CreateTable
CREATE TABLE "data_backfill" (
    "name" TEXT NOT NULL,
    "finished_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_backfill_pkey" PRIMARY KEY ("name")
);
