// The spend totals that only budgets read: a member's spend in a team (a no-op for a user who is not a
// member), an end user's (created on first spend, as LiteLLM does, so /customer/info shows what an
// end user spent before anyone set a budget) and a key's per model (model_max_budget).
import { SPEND_ID_SEPARATOR, type SpendTotals } from './spend-totals';
import type { PrismaService } from '../prisma.service';
import { storableText } from './storable-text';

type RawExecutor = Pick<PrismaService, '$executeRaw'>;

export async function writeBudgetTotals(tx: RawExecutor, totals: SpendTotals): Promise<void> {
  for (const [pair, cost] of totals.members) {
    const [teamId, userId] = pair.split(SPEND_ID_SEPARATOR);
    await tx.$executeRaw`UPDATE team_memberships SET spend = spend + ${cost}
      WHERE team_id = ${teamId} AND user_id = ${userId}`;
  }
  for (const [pair, cost] of totals.endUsers) {
    const [teamId, endUser] = pair.split(SPEND_ID_SEPARATOR);
    await tx.$executeRaw`INSERT INTO end_users (team_id, user_id, spend, updated_at)
      VALUES (${teamId}, ${storableText(endUser)}, ${cost}, now())
      ON CONFLICT (team_id, user_id) DO UPDATE SET spend = end_users.spend + EXCLUDED.spend`;
  }
  for (const [pair, cost] of totals.keyModels) {
    const [keyId, modelName] = pair.split(SPEND_ID_SEPARATOR);
    await tx.$executeRaw`INSERT INTO key_model_spend (token_id, model_name, spend)
      SELECT ${keyId}, ${storableText(modelName)}, ${cost} WHERE EXISTS (SELECT 1 FROM virtual_keys WHERE token_id = ${keyId})
      ON CONFLICT (token_id, model_name) DO UPDATE SET spend = key_model_spend.spend + EXCLUDED.spend`;
  }
}
