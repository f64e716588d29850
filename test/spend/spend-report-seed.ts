// Spend booked for the report specs through the real spend store (the writer's one batched statement),
// so the rows, the daily roll-up and the key/team/user totals are what the gateway itself would write.
// Tests share one database: every seed uses its own model names and tenants and asserts only on those.
import {
  PrismaSpendStore,
  SpendTotals,
  type PrismaClient,
  type PrismaService,
  type SpendRecord,
} from '@quarry/db';
import { newPrismaClient } from '../support/database';
import { call, unique } from '../support/management-api';
import { createKey, createTenancy, type Tenancy } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

export const DAY1 = '2025-03-01';
export const DAY2 = '2025-03-02';
export const DAY3 = '2025-03-03';

/** Rows of the bulk page set (team A's service key, day 3), for pagination. */
export const BULK_ROWS = 25;

export interface ReportSeed {
  tenancy: Tenancy;
  /** Two model names no other spec uses; `bulkModel` holds the bulk rows. */
  modelA: string;
  modelB: string;
  bulkModel: string;
  /** The member's key in team A (alias `memberKeyAlias`) and the member's personal key. */
  memberTeamKey: { key: string; token: string };
  memberKeyAlias: string;
  memberPersonalKeyId: string;
  /** Request ids of the named rows. */
  requests: Record<'memberA1' | 'memberErr' | 'serviceA' | 'teamB' | 'personal', string>;
}

export interface SeededReports {
  gateway: TestGateway;
  prisma: PrismaClient;
  seed: ReportSeed;
  close(): Promise<void>;
}

/** A gateway on the test database, with the seed below booked. */
export async function startSeededReports(): Promise<SeededReports> {
  const gateway = await startTestGateway();
  const prisma = newPrismaClient();
  try {
    const seed = await seedReports(gateway, prisma);
    return {
      gateway,
      prisma,
      seed,
      async close() {
        await gateway.close();
        await prisma.$disconnect();
      },
    };
  } catch (error) {
    await gateway.close();
    await prisma.$disconnect();
    throw error;
  }
}

async function seedReports(gateway: TestGateway, prisma: PrismaClient): Promise<ReportSeed> {
  const tenancy = await createTenancy(gateway);
  const memberKeyAlias = unique('member-a');
  const memberTeamKey = await createKey(gateway, {
    team_id: tenancy.teamA,
    user_id: tenancy.users.member,
    key_alias: memberKeyAlias,
  });
  const memberPersonalKeyId = (await call(gateway, 'GET', '/key/info', tenancy.keys.member)).body
    .key as string;
  const modelA = unique('report-a');
  const modelB = unique('report-b');
  const bulkModel = unique('report-bulk');
  const requests = {
    memberA1: unique('req'),
    memberErr: unique('req'),
    serviceA: unique('req'),
    teamB: unique('req'),
    personal: unique('req'),
  };
  const memberInA = { keyId: memberTeamKey.token, teamId: tenancy.teamA, userId: tenancy.users.member };
  const serviceA = { keyId: tenancy.teamAServiceKey.token, teamId: tenancy.teamA };
  const rows: SpendRecord[] = [
    row(requests.memberA1, memberInA, 'alice', modelA, 'success', 1, `${DAY1}T10:00:00Z`),
    row(requests.memberErr, memberInA, 'bob', modelB, 'error', 0, `${DAY1}T11:00:00Z`),
    row(requests.serviceA, serviceA, 'alice', modelA, 'success', 2, `${DAY2}T09:00:00Z`),
    row(
      requests.teamB,
      { keyId: tenancy.teamBKey.token, teamId: tenancy.teamB, userId: undefined },
      'alice',
      modelA,
      'success',
      4,
      `${DAY2}T10:00:00Z`,
    ),
    row(
      requests.personal,
      { keyId: memberPersonalKeyId, userId: tenancy.users.member },
      undefined,
      modelA,
      'success',
      8,
      `${DAY3}T08:00:00Z`,
    ),
    ...Array.from({ length: BULK_ROWS }, (_, index) =>
      row(unique('bulk'), serviceA, 'carol', bulkModel, 'success', 0.5, bulkTime(index)),
    ),
  ];
  const totals = new SpendTotals();
  for (const record of rows) totals.add(record);
  await new PrismaSpendStore(prisma as unknown as PrismaService).write(rows, totals);
  return { tenancy, modelA, modelB, bulkModel, memberTeamKey, memberKeyAlias, memberPersonalKeyId, requests };
}

/** Bulk rows a second apart on day 3; rows 0 and 1 share a start time, so ties must page by id. */
function bulkTime(index: number): string {
  const second = Math.max(0, index - 1);
  return `${DAY3}T12:00:${String(second).padStart(2, '0')}Z`;
}

function row(
  requestId: string,
  owner: { keyId: string; teamId?: string; userId?: string },
  endUser: string | undefined,
  modelName: string,
  status: SpendRecord['status'],
  cost: number,
  start: string,
): SpendRecord {
  return {
    requestId,
    callType: 'chat',
    ...owner,
    endUser,
    modelName,
    promptTokens: 10,
    completionTokens: 5,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cost,
    latencyMs: 120,
    ttftMs: 30,
    status,
    httpStatus: status === 'success' ? 200 : 500,
    errorType: status === 'success' ? undefined : 'InternalServerException',
    startTime: new Date(start),
  };
}
