import type { SpendRecord } from '@quarry/db';

/** How a call ended, as booked in its spend row. */
export interface CallOutcome {
  status: SpendRecord['status'];
  httpStatus: number;
  errorType?: string;
}
