import { limitChangesFrom } from './limit-changes';

describe('limitChangesFrom', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('leaves out absent fields, so their columns stay as they are', () => {
    expect(limitChangesFrom({}, now)).toEqual({});
  });

  it('maps every field to its column, null clearing it', () => {
    expect(
      limitChangesFrom(
        {
          models: ['claude'],
          max_budget: 10,
          rpm_limit: null,
          tpm_limit: 1000,
          max_parallel_requests: 0,
          metadata: { owner: 'ops' },
        },
        now,
      ),
    ).toEqual({
      models: ['claude'],
      maxBudget: 10,
      rpmLimit: null,
      tpmLimit: 1000,
      maxParallelRequests: 0,
      metadata: { owner: 'ops' },
    });
  });

  it('starts the first budget period when a budget duration is set, and clears it with the duration', () => {
    expect(limitChangesFrom({ budget_duration: '30d' }, now)).toEqual({
      budgetDuration: '30d',
      budgetResetAt: new Date('2026-01-31T00:00:00Z'),
    });
    expect(limitChangesFrom({ budget_duration: null }, now)).toEqual({
      budgetDuration: null,
      budgetResetAt: null,
    });
  });
});
