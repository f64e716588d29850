-- AlterTable
ALTER TABLE "batch_files" ADD COLUMN     "format" TEXT,
ALTER COLUMN "model_name" DROP NOT NULL,
ALTER COLUMN "model_id" DROP NOT NULL,
ALTER COLUMN "content_key" DROP NOT NULL;

-- CreateTable
CREATE TABLE "file_contents" (
    "file_id" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "file_contents_pkey" PRIMARY KEY ("file_id")
);

-- AddForeignKey
ALTER TABLE "file_contents" ADD CONSTRAINT "file_contents_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "batch_files"("file_id") ON DELETE CASCADE ON UPDATE CASCADE;
