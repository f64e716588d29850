import type { BudgetLedger, BudgetOwnerIds, BudgetStates, SpendBalancesReader } from '@quarry/db';
import { BUDGET_READ_TTL_MS, LiveSpend } from './live-spend.service';
import type { SpendWriter } from './spend-writer.service';

/** A ledger that counts its reads and answers what the database would hold. */
function ledgerHolding(stored: BudgetStates) {
  const ledger = {
    reads: 0,
    read: async (_ids: BudgetOwnerIds) => {
      ledger.reads++;
      return JSON.parse(JSON.stringify(stored)) as BudgetStates;
    },
  };
  return ledger;
}

function writerWith(unwritten: number) {
  return { committedWrites: 0, unwrittenSpend: () => unwritten };
}

describe('LiveSpend.budgetsOf', () => {
  const ids = { key: 'k1' };
  let now: number;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  function liveSpend(stored: BudgetStates, writer: ReturnType<typeof writerWith>) {
    const ledger = ledgerHolding(stored);
    const live = new LiveSpend(
      {} as SpendBalancesReader,
      writer as unknown as SpendWriter,
      ledger as unknown as BudgetLedger,
    );
    return { live, ledger };
  }

  it('reads the database once for the checks within the read lifetime, adding unwritten spend each time', async () => {
    const writer = writerWith(0.5);
    const { live, ledger } = liveSpend({ key: { spend: 2, resetAt: null } }, writer);
    const [first, second] = await Promise.all([live.budgetsOf(ids), live.budgetsOf(ids)]);
    now += BUDGET_READ_TTL_MS - 1;
    const third = await live.budgetsOf(ids);
    expect(ledger.reads).toBe(1);
    for (const states of [first, second, third]) expect(states.key?.spend).toBe(2.5);
    // Each check gets its own copy: adding this instance's spend twice would double it.
    expect(first.key).not.toBe(second.key);
  });

  it('reads again once the lifetime is over, after a committed write of its own, or after a reset', async () => {
    const writer = writerWith(0);
    const { live, ledger } = liveSpend({ key: { spend: 1, resetAt: null } }, writer);
    await live.budgetsOf(ids);
    now += BUDGET_READ_TTL_MS;
    await live.budgetsOf(ids);
    expect(ledger.reads).toBe(2);
    writer.committedWrites++;
    await live.budgetsOf(ids);
    expect(ledger.reads).toBe(3);
    live.forgetStoredReads();
    await live.budgetsOf(ids);
    expect(ledger.reads).toBe(4);
  });

  it('keeps reads apart per set of owners', async () => {
    const { live, ledger } = liveSpend({}, writerWith(0));
    await live.budgetsOf({ key: 'k1' });
    await live.budgetsOf({ key: 'k2' });
    await live.budgetsOf({ key: 'k1', team: 't1' });
    expect(ledger.reads).toBe(3);
  });
});
