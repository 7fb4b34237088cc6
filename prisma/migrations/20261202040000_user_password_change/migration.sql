-- AlterTable
ALTER TABLE "user" ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false;
