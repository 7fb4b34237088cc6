-- CreateTable
CREATE TABLE "installation" (
    "singleton" INTEGER NOT NULL DEFAULT 1,
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "installation_pkey" PRIMARY KEY ("singleton")
);

-- CreateIndex
CREATE UNIQUE INDEX "installation_id_key" ON "installation"("id");

-- One row: the installation has one id, whichever instance started first.
ALTER TABLE "installation" ADD CONSTRAINT "installation_one_row" CHECK ("singleton" = 1);
