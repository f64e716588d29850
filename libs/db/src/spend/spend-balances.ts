// The spend the database holds right now for one key, team and user: what budget checks read live (the
// principal cached at authentication carries the spend of when it was loaded, which goes stale).
// Read as the system: the ids come from the authenticated principal, not from a client.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export interface SpendOwners {
  keyId?: string;
  teamId?: string;
  userId?: string;
}

export interface SpendBalances {
  key?: number;
  team?: number;
  user?: number;
}

@Injectable()
export class SpendBalancesReader {
  constructor(private readonly prisma: PrismaService) {}

  /** One round trip for all three, whichever are given. */
  async read(owners: SpendOwners): Promise<SpendBalances> {
    const rows = await this.prisma.$queryRaw<Array<{ owner: 'key' | 'team' | 'user'; spend: number }>>`
      SELECT 'key' AS owner, spend FROM virtual_keys WHERE token_id = ${owners.keyId ?? null}
      UNION ALL SELECT 'team', spend FROM teams WHERE team_id = ${owners.teamId ?? null}
      UNION ALL SELECT 'user', spend FROM users WHERE user_id = ${owners.userId ?? null}`;
    const balances: SpendBalances = {};
    for (const row of rows) balances[row.owner] = Number(row.spend);
    return balances;
  }
}
