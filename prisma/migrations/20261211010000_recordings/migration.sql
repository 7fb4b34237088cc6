-- CreateTable
CREATE TABLE "recording" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "patterns" TEXT[],
    "state" TEXT NOT NULL DEFAULT 'recording',
    "stop_reason" TEXT,
    "max_messages" INTEGER NOT NULL,
    "max_seconds" INTEGER NOT NULL,
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMP(3),
    "created_by_id" TEXT NOT NULL,
    "created_by_name" TEXT NOT NULL,
    "replay_state" TEXT NOT NULL DEFAULT 'idle',
    "replay_speed" TEXT,
    "replay_prefix" TEXT,
    "replay_sent" INTEGER NOT NULL DEFAULT 0,
    "replay_updated_at" TIMESTAMP(3),

    CONSTRAINT "recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recorded_message" (
    "recording_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "payload" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "recorded_message_pkey" PRIMARY KEY ("recording_id","seq")
);

-- CreateIndex
CREATE INDEX "recording_state_idx" ON "recording"("state");

-- CreateIndex
CREATE INDEX "recording_started_at_idx" ON "recording"("started_at");

-- AddForeignKey
ALTER TABLE "recorded_message" ADD CONSTRAINT "recorded_message_recording_id_fkey" FOREIGN KEY ("recording_id") REFERENCES "recording"("id") ON DELETE CASCADE ON UPDATE CASCADE;
