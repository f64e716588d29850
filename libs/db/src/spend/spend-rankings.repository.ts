// Keys and teams by their running spend, highest first (/spend/keys, /spend/teams), and the names that
// label report groups. Spend totals live on the keys and teams themselves, so these never scan spend rows.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { KeyRecord } from '../records/key.record';
import type { TeamRecord } from '../records/team.record';
import { keyScopeWhere, type KeyScope } from '../scopes/key-scope';
import { teamScopeWhere, type TeamScope } from '../scopes/team-scope';

@Injectable()
export class SpendRankingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  keysBySpend(scope: KeyScope, limit: number): Promise<KeyRecord[]> {
    return this.prisma.virtualKey.findMany({
      where: keyScopeWhere(scope),
      orderBy: [{ spend: 'desc' }, { id: 'asc' }],
      take: limit,
    });
  }

  teamsBySpend(scope: TeamScope, limit: number): Promise<TeamRecord[]> {
    return this.prisma.team.findMany({
      where: teamScopeWhere(scope),
      orderBy: [{ spend: 'desc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /**
   * Aliases of keys and teams that appear in spend the caller may already read (the ids come from rows
   * in the caller's spend scope), so naming them reveals nothing new. Deleted ones are simply absent.
   */
  async aliases(ids: { keyIds: readonly string[]; teamIds: readonly string[] }) {
    const [keys, teams] = await Promise.all([
      ids.keyIds.length > 0
        ? this.prisma.virtualKey.findMany({
            where: { id: { in: [...ids.keyIds] } },
            select: { id: true, alias: true },
          })
        : [],
      ids.teamIds.length > 0
        ? this.prisma.team.findMany({
            where: { id: { in: [...ids.teamIds] } },
            select: { id: true, alias: true },
          })
        : [],
    ]);
    return {
      keys: new Map(keys.map((key) => [key.id, key.alias])),
      teams: new Map(teams.map((team) => [team.id, team.alias])),
    };
  }
}
