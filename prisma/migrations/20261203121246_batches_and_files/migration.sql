-- CreateTable
CREATE TABLE "batch_files" (
    "file_id" TEXT NOT NULL,
    "team_id" TEXT,
    "token_id" TEXT,
    "user_id" TEXT,
    "purpose" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "model_name" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "content_key" TEXT NOT NULL,
    "bedrock_key" TEXT,
    "record_count" INTEGER NOT NULL DEFAULT 0,
    "records" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_files_pkey" PRIMARY KEY ("file_id")
);

-- CreateTable
CREATE TABLE "batches" (
    "batch_id" TEXT NOT NULL,
    "team_id" TEXT,
    "token_id" TEXT,
    "user_id" TEXT,
    "input_file_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "completion_window" TEXT NOT NULL,
    "metadata" JSONB,
    "model_name" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "job_arn" TEXT,
    "output_uri" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bedrock_status" TEXT,
    "request_counts" JSONB NOT NULL DEFAULT '{"total":0,"completed":0,"failed":0}',
    "errors" JSONB,
    "price" JSONB,
    "output_file_id" TEXT,
    "error_file_id" TEXT,
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "collected_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "in_progress_at" TIMESTAMP(3),
    "finalizing_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "failed_at" TIMESTAMP(3),
    "expired_at" TIMESTAMP(3),
    "cancelling_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "batches_pkey" PRIMARY KEY ("batch_id")
);

-- CreateIndex
CREATE INDEX "batch_files_team_id_created_at_idx" ON "batch_files"("team_id", "created_at");

-- CreateIndex
CREATE INDEX "batches_team_id_created_at_idx" ON "batches"("team_id", "created_at");
