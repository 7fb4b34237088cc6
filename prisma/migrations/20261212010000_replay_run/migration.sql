-- AlterTable
ALTER TABLE "recording" ADD COLUMN     "replay_run_id" TEXT,
ADD COLUMN     "replay_skipped" INTEGER NOT NULL DEFAULT 0;
