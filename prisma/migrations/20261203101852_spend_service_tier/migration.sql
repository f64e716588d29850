-- AlterTable
ALTER TABLE "spend_logs" ADD COLUMN     "service_tier" TEXT;
