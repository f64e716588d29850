-- DropIndex
DROP INDEX "virtual_keys_key_alias_key";

-- CreateIndex
CREATE UNIQUE INDEX "virtual_keys_team_id_key_alias_key" ON "virtual_keys"("team_id", "key_alias");
