// The spend store writes a whole batch of rows with one INSERT … FROM jsonb_to_recordset(the batch as JSON)
// (bench/README.md: Prisma's createMany cost 0.5 ms of CPU per row, column arrays ~36 µs). Every value must
// come back exactly as booked, whatever characters it holds, nulls and odd numbers included.
import { randomUUID } from 'node:crypto';
import {
  PrismaSpendStore,
  SpendTotals,
  type PrismaClient,
  type PrismaService,
  type SpendRecord,
} from '@quarry/db';
import { newPrismaClient } from '../support/database';

describe('PrismaSpendStore', () => {
  let prisma: PrismaClient;

  beforeAll(() => {
    prisma = newPrismaClient();
  });

  afterAll(() => prisma.$disconnect());

  function record(overrides: Partial<SpendRecord>): SpendRecord {
    return {
      requestId: `store-${randomUUID()}`,
      callType: 'chat',
      modelName: 'claude',
      promptTokens: 10,
      completionTokens: 20,
      cacheReadTokens: 3,
      cacheWriteTokens: 4,
      cost: 0.000123,
      latencyMs: 12.6,
      status: 'success',
      httpStatus: 200,
      startTime: new Date('2026-03-04T05:06:07.089Z'),
      ...overrides,
    };
  }

  it('writes every row of a batch with its values intact, awkward strings and nulls included', async () => {
    const awkward = record({
      endUser: `o'brien, "quoted" {braces} \\backslash NULL ümlaut`,
      modelName: 'model,with,commas',
      deploymentId: 'deployment-1',
      bedrockModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      ttftMs: 4.4,
      status: 'error',
      httpStatus: 429,
      errorType: 'ThrottlingException',
      cost: 1.25e-7,
    });
    const plain = record({});
    await new PrismaSpendStore(prisma as unknown as PrismaService).write([awkward, plain], new SpendTotals());

    const rows = await prisma.spendLog.findMany({
      where: { requestId: { in: [awkward.requestId, plain.requestId] } },
    });
    const byRequest = new Map(rows.map((row) => [row.requestId, row]));
    expect(byRequest.get(awkward.requestId)).toMatchObject({
      callType: 'chat',
      keyId: null,
      teamId: null,
      userId: null,
      endUser: awkward.endUser,
      modelName: 'model,with,commas',
      deploymentId: 'deployment-1',
      bedrockModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      promptTokens: 10,
      completionTokens: 20,
      cacheReadTokens: 3,
      cacheWriteTokens: 4,
      totalTokens: 30,
      cost: 1.25e-7,
      latencyMs: 13,
      ttftMs: 4,
      status: 'error',
      httpStatus: 429,
      errorType: 'ThrottlingException',
      startTime: new Date('2026-03-04T05:06:07.089Z'),
    });
    expect(byRequest.get(plain.requestId)).toMatchObject({
      endUser: null,
      deploymentId: null,
      ttftMs: null,
      errorType: null,
      cost: 0.000123,
    });
  });

  it('stores what JSON cannot carry as it is: a NUL made visible, a lone surrogate replaced, NaN kept', async () => {
    const odd = record({
      endUser: 'nul\u0000here \ud800 lone, 😀 paired',
      modelName: 'model\u0000x',
      serviceTier: 'flex',
      cost: Number.NaN,
      ttftMs: 0,
    });
    await new PrismaSpendStore(prisma as unknown as PrismaService).write([odd], new SpendTotals());

    const row = await prisma.spendLog.findFirstOrThrow({ where: { requestId: odd.requestId } });
    expect(row).toMatchObject({
      endUser: 'nul\\u0000here \ufffd lone, 😀 paired',
      modelName: 'model\\u0000x',
      serviceTier: 'flex',
      ttftMs: 0,
    });
    expect(row.cost).toBeNaN();
  });
});
