-- AlterTable
ALTER TABLE "team_memberships" ADD COLUMN     "budget_duration" TEXT,
ADD COLUMN     "budget_reset_at" TIMESTAMP(3),
ADD COLUMN     "max_budget_in_team" DOUBLE PRECISION,
ADD COLUMN     "spend" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "virtual_keys" ADD COLUMN     "model_max_budget" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "soft_budget" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "key_model_spend" (
    "token_id" TEXT NOT NULL,
    "model_name" TEXT NOT NULL,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "budget_reset_at" TIMESTAMP(3),

    CONSTRAINT "key_model_spend_pkey" PRIMARY KEY ("token_id","model_name")
);

-- CreateTable
CREATE TABLE "end_users" (
    "team_id" TEXT NOT NULL DEFAULT '',
    "user_id" TEXT NOT NULL,
    "alias" TEXT,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "max_budget" DOUBLE PRECISION,
    "budget_duration" TEXT,
    "budget_reset_at" TIMESTAMP(3),
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "end_users_pkey" PRIMARY KEY ("team_id","user_id")
);

-- AddForeignKey
ALTER TABLE "key_model_spend" ADD CONSTRAINT "key_model_spend_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "virtual_keys"("token_id") ON DELETE CASCADE ON UPDATE CASCADE;
