// Budgets as the database holds them right now: the spend of a key, team, user, team member, end user
// and a key's model, each with the end of its budget period, in one round trip; and the reset that
// starts a new period once one has ended (only when it has: a reset raced by another instance does
// nothing the second time). Pair owners (member, end user, key model) are named by pairId(…).
// Read and written as the system: the ids come from the authenticated principal, not from a client.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { SPEND_ID_SEPARATOR } from './spend-totals';

export type BudgetOwner = 'key' | 'team' | 'user' | 'team_member' | 'end_user' | 'model';

export interface BudgetState {
  spend: number;
  resetAt: Date | null;
}

export type BudgetStates = Partial<Record<BudgetOwner, BudgetState>>;

export type BudgetOwnerIds = Partial<Record<BudgetOwner, string>>;

@Injectable()
export class BudgetLedger {
  constructor(private readonly prisma: PrismaService) {}

  async read(ids: BudgetOwnerIds): Promise<BudgetStates> {
    const [memberTeam, memberUser] = split(ids.team_member);
    const [endUserTeam, endUser] = split(ids.end_user);
    const [modelKey, model] = split(ids.model);
    const rows = await this.prisma.$queryRaw<
      Array<{ owner: BudgetOwner; spend: number; reset_at: Date | null }>
    >`
      SELECT 'key' AS owner, spend, budget_reset_at AS reset_at FROM virtual_keys WHERE token_id = ${ids.key ?? null}
      UNION ALL SELECT 'team', spend, budget_reset_at FROM teams WHERE team_id = ${ids.team ?? null}
      UNION ALL SELECT 'user', spend, budget_reset_at FROM users WHERE user_id = ${ids.user ?? null}
      UNION ALL SELECT 'team_member', spend, budget_reset_at FROM team_memberships
        WHERE team_id = ${memberTeam} AND user_id = ${memberUser}
      UNION ALL SELECT 'end_user', spend, budget_reset_at FROM end_users
        WHERE team_id = ${endUserTeam} AND user_id = ${endUser}
      UNION ALL SELECT 'model', spend, budget_reset_at FROM key_model_spend
        WHERE token_id = ${modelKey} AND model_name = ${model}`;
    const states: BudgetStates = {};
    for (const row of rows) states[row.owner] = { spend: Number(row.spend), resetAt: row.reset_at };
    return states;
  }

  /**
   * Zeroes the spend and moves the period on, if its period had ended by `now` (or, for a key's model,
   * had never started: its row is made with the first period). True when it did.
   */
  async resetIfDue(owner: BudgetOwner, id: string, now: Date, nextResetAt: Date): Promise<boolean> {
    return (await this.resetQuery(owner, id, now, nextResetAt)) > 0;
  }

  /**
   * Every key, team and user budget whose period has ended, across all tenants (the periodic sweep, so
   * info routes show the new period even when nobody calls): each moves on to `nextResetAt(duration)`.
   */
  async resetAllDue(now: Date, nextResetAt: (duration: string) => Date | undefined): Promise<number> {
    // An end user is named by two columns (a NUL cannot travel through Postgres text to join them there).
    const due = await this.prisma.$queryRaw<
      Array<{ owner: BudgetOwner; id: string; second: string | null; duration: string }>
    >`
      SELECT 'key' AS owner, token_id AS id, NULL AS second, budget_duration AS duration FROM virtual_keys
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL
      UNION ALL SELECT 'team', team_id, NULL, budget_duration FROM teams
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL
      UNION ALL SELECT 'user', user_id, NULL, budget_duration FROM users
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL
      UNION ALL SELECT 'end_user', team_id, user_id, budget_duration FROM end_users
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL`;
    let changed = 0;
    for (const row of due) {
      const next = nextResetAt(row.duration);
      const id = row.second === null ? row.id : `${row.id}${SPEND_ID_SEPARATOR}${row.second}`;
      if (next && (await this.resetIfDue(row.owner, id, now, next))) changed++;
    }
    return changed;
  }

  private resetQuery(owner: BudgetOwner, id: string, now: Date, next: Date): Promise<number> {
    const [first, second] = split(id);
    switch (owner) {
      case 'key':
        return this.prisma.$executeRaw`UPDATE virtual_keys SET spend = 0, budget_reset_at = ${next}
          WHERE token_id = ${id} AND budget_reset_at <= ${now}`;
      case 'team':
        return this.prisma.$executeRaw`UPDATE teams SET spend = 0, budget_reset_at = ${next}
          WHERE team_id = ${id} AND budget_reset_at <= ${now}`;
      case 'user':
        return this.prisma.$executeRaw`UPDATE users SET spend = 0, budget_reset_at = ${next}
          WHERE user_id = ${id} AND budget_reset_at <= ${now}`;
      case 'team_member':
        return this.prisma.$executeRaw`UPDATE team_memberships SET spend = 0, budget_reset_at = ${next}
          WHERE team_id = ${first} AND user_id = ${second} AND (budget_reset_at IS NULL OR budget_reset_at <= ${now})`;
      case 'end_user':
        return this.prisma.$executeRaw`UPDATE end_users SET spend = 0, budget_reset_at = ${next}
          WHERE team_id = ${first} AND user_id = ${second} AND budget_reset_at <= ${now}`;
      case 'model':
        return this.prisma
          .$executeRaw`INSERT INTO key_model_spend (token_id, model_name, spend, budget_reset_at)
          SELECT ${first}, ${second}, 0, ${next} WHERE EXISTS (SELECT 1 FROM virtual_keys WHERE token_id = ${first})
          ON CONFLICT (token_id, model_name) DO UPDATE SET spend = 0, budget_reset_at = EXCLUDED.budget_reset_at
          WHERE key_model_spend.budget_reset_at IS NULL OR key_model_spend.budget_reset_at <= ${now}`;
      default: {
        const unknownOwner: never = owner;
        throw new Error(`unknown budget owner ${String(unknownOwner)}`);
      }
    }
  }
}

/** The two ids of a pair owner; nulls when absent (their query then matches nothing). */
function split(pair: string | undefined): [string | null, string | null] {
  if (pair === undefined) return [null, null];
  const separator = pair.indexOf(SPEND_ID_SEPARATOR);
  return separator < 0 ? [pair, null] : [pair.slice(0, separator), pair.slice(separator + 1)];
}
