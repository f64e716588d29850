-- CreateTable
CREATE TABLE "spend_dead_letters" (
    "id" BIGSERIAL NOT NULL,
    "request_id" TEXT NOT NULL,
    "row" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spend_dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "spend_dead_letters_request_id_idx" ON "spend_dead_letters"("request_id");
