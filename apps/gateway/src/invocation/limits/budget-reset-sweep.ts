// Starts new budget periods that have ended even when no call comes (a call resets its own budgets
// before checking them, budget-guard.ts): /key/info, /team/info, /user/info and /customer/info then show
// the new period. Each instance sweeps once a minute; the reset is conditional, so instances racing on
// the same budget reset it once.
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { BudgetLedger } from '@quarry/db';
import type { Logger } from 'pino';
import { LOGGER } from '../../platform/logging/logger.token';
import { parseDuration } from '../../platform/validation/duration';

const SWEEP_INTERVAL_MS = 60_000;

@Injectable()
export class BudgetResetSweep implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: BudgetLedger,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      return await this.ledger.resetAllDue(now, (duration) => {
        const period = parseDuration(duration);
        return period === undefined ? undefined : new Date(now.getTime() + period);
      });
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'budget reset sweep failed; retried next minute');
      return 0;
    }
  }
}
