import type { SpendRecord } from '../../spend/spend-record';

/** How a call ended, as booked in its spend row. */
export interface CallOutcome {
  status: SpendRecord['status'];
  httpStatus: number;
  errorType?: string;
}
