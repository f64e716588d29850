// Budgets as the database holds them right now: the spend of a key, team and user with the end of their
// budget period, in one round trip, and the reset that starts a new period once one has ended (only when
// it has: a reset raced by another instance does nothing the second time).
// Read and written as the system: the ids come from the authenticated principal, not from a client.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export type BudgetOwner = 'key' | 'team' | 'user';

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
    const rows = await this.prisma.$queryRaw<Array<{ owner: BudgetOwner; spend: number; reset_at: Date | null }>>`
      SELECT 'key' AS owner, spend, budget_reset_at AS reset_at FROM virtual_keys WHERE token_id = ${ids.key ?? null}
      UNION ALL SELECT 'team', spend, budget_reset_at FROM teams WHERE team_id = ${ids.team ?? null}
      UNION ALL SELECT 'user', spend, budget_reset_at FROM users WHERE user_id = ${ids.user ?? null}`;
    const states: BudgetStates = {};
    for (const row of rows) states[row.owner] = { spend: Number(row.spend), resetAt: row.reset_at };
    return states;
  }

  /** Zeroes the spend and moves the period on, if its period had ended by `now`. True when it did. */
  async resetIfDue(owner: BudgetOwner, id: string, now: Date, nextResetAt: Date): Promise<boolean> {
    const changed = await this.resetQuery(owner, id, now, nextResetAt);
    return changed > 0;
  }

  /**
   * Every budget whose period has ended, across all tenants (the periodic sweep, so info routes show the
   * new period even when nobody calls): each moves on to `nextResetAt(its duration)`.
   */
  async resetAllDue(now: Date, nextResetAt: (duration: string) => Date | undefined): Promise<number> {
    const due = await this.prisma.$queryRaw<Array<{ owner: BudgetOwner; id: string; duration: string }>>`
      SELECT 'key' AS owner, token_id AS id, budget_duration AS duration FROM virtual_keys
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL
      UNION ALL SELECT 'team', team_id, budget_duration FROM teams
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL
      UNION ALL SELECT 'user', user_id, budget_duration FROM users
        WHERE budget_reset_at <= ${now} AND budget_duration IS NOT NULL`;
    let changed = 0;
    for (const row of due) {
      const next = nextResetAt(row.duration);
      if (next && (await this.resetIfDue(row.owner, row.id, now, next))) changed++;
    }
    return changed;
  }

  private resetQuery(owner: BudgetOwner, id: string, now: Date, next: Date): Promise<number> {
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
      default: {
        const unknownOwner: never = owner;
        throw new Error(`unknown budget owner ${String(unknownOwner)}`);
      }
    }
  }
}
