// The limits step every call passes through before Bedrock is called: budgets, rpm/tpm and parallel
// requests admit or refuse the call (throwing an OpenAIError), and the returned admission is settled
// exactly once when the call ends, whatever its outcome, with the usage and cost it really had (token
// counters are corrected, parallel-request slots released, the cost reserved against budgets freed).
// Routes outside the pipeline (the /bedrock passthrough, batch creation) call it the same way:
//   const admission = await limits.admit(call, { body, deployments });  // 429 thrown before any upstream call
//   try { …call Bedrock with admission.deployments[0]… } finally { admission.settle(call.usage, call.cost); }
import type { TokenUsage } from '@quarry/bedrock';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { MeteredCall } from '../metering/metered-call';

export interface LimitsRequest {
  /** The deployments that may serve the call, in the router's order. */
  deployments: readonly ResolvedDeployment[];
  /**
   * The client's request body (parsed JSON), estimated only when a tpm limit or a budget needs it
   * (request-estimate.ts); a passthrough with a binary body passes undefined.
   */
  body: unknown;
  /**
   * End users the call acts for besides call.endUser (a batch's lines each carry their own `user`): each
   * is refused when blocked or past its budget, as it would be on a live call.
   */
  endUsers?: readonly string[];
}

export interface Admission {
  /** Response headers the client should see (x-ratelimit-*, soft budget warnings), if any. */
  readonly headers: Readonly<Record<string, string>>;
  /** The deployments to try, in order: those over their own rpm/tpm are left out. */
  readonly deployments: readonly ResolvedDeployment[];
  /** Call once, when the call has ended (success, error, abort). */
  settle(usage: TokenUsage | undefined, cost: number): void;
}

export abstract class InvocationLimits {
  /** @throws OpenAIError (429) when a limit or budget refuses the call. */
  abstract admit(call: MeteredCall, request: LimitsRequest): Admission | Promise<Admission>;
}
