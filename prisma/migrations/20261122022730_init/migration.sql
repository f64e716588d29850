-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer');

-- CreateEnum
CREATE TYPE "TeamRole" AS ENUM ('admin', 'user');

-- CreateEnum
CREATE TYPE "ModelSource" AS ENUM ('config', 'db');

-- CreateTable
CREATE TABLE "teams" (
    "team_id" TEXT NOT NULL,
    "team_alias" TEXT,
    "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "max_budget" DOUBLE PRECISION,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "budget_duration" TEXT,
    "budget_reset_at" TIMESTAMP(3),
    "rpm_limit" INTEGER,
    "tpm_limit" INTEGER,
    "max_parallel_requests" INTEGER,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "users" (
    "user_id" TEXT NOT NULL,
    "user_email" TEXT,
    "user_role" "UserRole" NOT NULL DEFAULT 'internal_user',
    "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "max_budget" DOUBLE PRECISION,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "budget_duration" TEXT,
    "budget_reset_at" TIMESTAMP(3),
    "rpm_limit" INTEGER,
    "tpm_limit" INTEGER,
    "max_parallel_requests" INTEGER,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "team_memberships" (
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "TeamRole" NOT NULL DEFAULT 'user',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_memberships_pkey" PRIMARY KEY ("team_id","user_id")
);

-- CreateTable
CREATE TABLE "virtual_keys" (
    "token_id" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "previous_key_hash" TEXT,
    "previous_key_expires" TIMESTAMP(3),
    "key_name" TEXT NOT NULL,
    "key_alias" TEXT,
    "team_id" TEXT,
    "user_id" TEXT,
    "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "aliases" JSONB NOT NULL DEFAULT '{}',
    "max_budget" DOUBLE PRECISION,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "budget_duration" TEXT,
    "budget_reset_at" TIMESTAMP(3),
    "rpm_limit" INTEGER,
    "tpm_limit" INTEGER,
    "max_parallel_requests" INTEGER,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "expires" TIMESTAMP(3),
    "created_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "virtual_keys_pkey" PRIMARY KEY ("token_id")
);

-- CreateTable
CREATE TABLE "model_deployments" (
    "model_id" TEXT NOT NULL,
    "model_name" TEXT NOT NULL,
    "litellm_params" JSONB NOT NULL,
    "model_info" JSONB NOT NULL DEFAULT '{}',
    "source" "ModelSource" NOT NULL DEFAULT 'db',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_deployments_pkey" PRIMARY KEY ("model_id")
);

-- CreateTable
CREATE TABLE "spend_logs" (
    "id" BIGSERIAL NOT NULL,
    "request_id" TEXT NOT NULL,
    "call_type" TEXT NOT NULL,
    "token_id" TEXT,
    "team_id" TEXT,
    "user_id" TEXT,
    "end_user" TEXT,
    "model_name" TEXT NOT NULL,
    "model_id" TEXT,
    "bedrock_model" TEXT,
    "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_read_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_write_tokens" INTEGER NOT NULL DEFAULT 0,
    "total_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_ms" INTEGER NOT NULL,
    "time_to_first_token_ms" INTEGER,
    "status" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "error_type" TEXT,
    "start_time" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spend_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_spend" (
    "day" DATE NOT NULL,
    "token_id" TEXT NOT NULL DEFAULT '',
    "team_id" TEXT NOT NULL DEFAULT '',
    "user_id" TEXT NOT NULL DEFAULT '',
    "model_name" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "successes" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "daily_spend_pkey" PRIMARY KEY ("day","token_id","team_id","user_id","model_name")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_user_email_key" ON "users"("user_email");

-- CreateIndex
CREATE INDEX "team_memberships_user_id_idx" ON "team_memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "virtual_keys_key_hash_key" ON "virtual_keys"("key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "virtual_keys_previous_key_hash_key" ON "virtual_keys"("previous_key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "virtual_keys_key_alias_key" ON "virtual_keys"("key_alias");

-- CreateIndex
CREATE INDEX "virtual_keys_team_id_idx" ON "virtual_keys"("team_id");

-- CreateIndex
CREATE INDEX "virtual_keys_user_id_idx" ON "virtual_keys"("user_id");

-- CreateIndex
CREATE INDEX "model_deployments_model_name_idx" ON "model_deployments"("model_name");

-- CreateIndex
CREATE INDEX "spend_logs_token_id_start_time_idx" ON "spend_logs"("token_id", "start_time");

-- CreateIndex
CREATE INDEX "spend_logs_team_id_start_time_idx" ON "spend_logs"("team_id", "start_time");

-- CreateIndex
CREATE INDEX "spend_logs_user_id_start_time_idx" ON "spend_logs"("user_id", "start_time");

-- CreateIndex
CREATE INDEX "spend_logs_request_id_idx" ON "spend_logs"("request_id");

-- CreateIndex
CREATE INDEX "daily_spend_team_id_day_idx" ON "daily_spend"("team_id", "day");

-- CreateIndex
CREATE INDEX "daily_spend_token_id_day_idx" ON "daily_spend"("token_id", "day");

-- AddForeignKey
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("team_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "virtual_keys" ADD CONSTRAINT "virtual_keys_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("team_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "virtual_keys" ADD CONSTRAINT "virtual_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("user_id") ON DELETE SET NULL ON UPDATE CASCADE;
