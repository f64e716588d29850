-- CreateTable
CREATE TABLE "daily_spend_rollup" (
    "day" DATE NOT NULL,
    "team_id" TEXT NOT NULL DEFAULT '',
    "token_id" TEXT NOT NULL DEFAULT '',
    "user_id" TEXT NOT NULL DEFAULT '',
    "end_user" TEXT NOT NULL DEFAULT '',
    "model_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "daily_spend_rollup_pkey" PRIMARY KEY ("day","team_id","token_id","user_id","end_user","model_name","status")
);

-- CreateIndex
CREATE INDEX "daily_spend_rollup_team_id_day_idx" ON "daily_spend_rollup"("team_id", "day");

-- CreateIndex
CREATE INDEX "daily_spend_rollup_token_id_day_idx" ON "daily_spend_rollup"("token_id", "day");

-- CreateIndex
CREATE INDEX "daily_spend_rollup_user_id_day_idx" ON "daily_spend_rollup"("user_id", "day");

-- CreateIndex
CREATE INDEX "daily_spend_user_id_day_idx" ON "daily_spend"("user_id", "day");

-- CreateIndex
CREATE INDEX "spend_logs_start_time_id_idx" ON "spend_logs"("start_time", "id");

-- CreateIndex
CREATE INDEX "spend_logs_end_user_start_time_idx" ON "spend_logs"("end_user", "start_time");

-- Personal aliases were kept unique by a check before each write, which two concurrent requests could
-- both pass. Give any duplicates left by that race a distinct alias (the oldest key keeps its own) so the
-- unique indexes below can be built.
UPDATE "virtual_keys" AS k SET "key_alias" = k."key_alias" || '-' || left(k."token_id", 8)
FROM (
    SELECT "token_id", row_number() OVER (
        PARTITION BY "user_id", "key_alias" ORDER BY "created_at", "token_id") AS n
    FROM "virtual_keys" WHERE "team_id" IS NULL AND "key_alias" IS NOT NULL
) AS d
WHERE k."token_id" = d."token_id" AND d.n > 1;

-- CreateIndex
CREATE UNIQUE INDEX "virtual_keys_personal_key_alias_key" ON "virtual_keys"("user_id", "key_alias") WHERE (team_id IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "virtual_keys_ownerless_key_alias_key" ON "virtual_keys"("key_alias") WHERE (team_id IS NULL AND user_id IS NULL);

-- Backfill: the roll-up of every spend row written before this migration.
INSERT INTO "daily_spend_rollup" ("day", "team_id", "token_id", "user_id", "end_user", "model_name", "status",
                                  "requests", "prompt_tokens", "completion_tokens", "cache_read_tokens",
                                  "cache_write_tokens", "spend")
SELECT "start_time"::date, -- start_time holds UTC (timestamp without time zone)
       coalesce("team_id", ''), coalesce("token_id", ''),
       coalesce("user_id", ''), coalesce("end_user", ''), "model_name", "status", count(*),
       sum("prompt_tokens"), sum("completion_tokens"), sum("cache_read_tokens"), sum("cache_write_tokens"),
       sum("cost")
FROM "spend_logs"
GROUP BY 1, 2, 3, 4, 5, 6, 7;
