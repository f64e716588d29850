// The limits step every call passes through before Bedrock is called: budgets, rpm/tpm and parallel
// requests admit or refuse the call (throwing an OpenAIError), and the returned admission is settled
// exactly once when the call ends, whatever its outcome, with the usage it really had (token counters
// are corrected, parallel-request slots released).
import type { TokenUsage } from '@quarry/bedrock';
import type { MeteredCall } from '../metering/metered-call';

export interface Admission {
  /** Response headers the client should see (x-ratelimit-*), if any. */
  readonly headers: Readonly<Record<string, string>>;
  settle(usage: TokenUsage | undefined): void;
}

export abstract class InvocationLimits {
  /** @throws OpenAIError (429) when a limit or budget refuses the call. */
  abstract admit(call: MeteredCall): Admission | Promise<Admission>;
}
