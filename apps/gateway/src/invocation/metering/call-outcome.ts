import type { SpendRecord } from '@quarry/db';
import type { OpenAIError } from '@quarry/openai';
import { spendStatusOf } from '../errors/invocation-error';

/** How a call ended, as booked in its spend row. */
export interface CallOutcome {
  status: SpendRecord['status'];
  httpStatus: number;
  errorType?: string;
}

/** A call answered in full (one shared value: nothing to allocate per call). */
export const SUCCESS_OUTCOME: CallOutcome = Object.freeze({ status: 'success', httpStatus: 200 });

/** A call that ended with `error`: aborted when the client left, else an error, with its status and code. */
export function failureOutcome(error: OpenAIError): CallOutcome {
  return { status: spendStatusOf(error), httpStatus: error.status, errorType: error.code ?? error.type };
}
