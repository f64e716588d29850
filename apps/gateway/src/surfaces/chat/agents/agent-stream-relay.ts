// An InvokeAgent stream relayed as OpenAI chat.completion.chunk SSE frames as the agent produces them.
// The session id goes out as a header with the first byte; usage and cost come from the trace (an
// estimate when the stream was cut before any trace reported usage); a failure after the first byte
// ends the stream with OpenAI's in-band error event and `[DONE]`.
import type { InvokeAgentCommandInput } from '@aws-sdk/client-bedrock-agent-runtime';
import {
  AgentStreamTranslator,
  SSE_DONE,
  costOf,
  estimateAgentUsage,
  type AgentStreamMeta,
  type OpenedAgentStream,
  type TokenUsage,
} from '@quarry/bedrock';
import type { OpenAIError } from '@quarry/openai';
import type { EmitFrame, StreamRelay } from '../../../invocation/invocation';
import { emitChunks } from '../chat-stream-relay';
import { AGENT_SESSION_HEADER } from './agent-session-header';

export class AgentStreamRelay implements StreamRelay {
  readonly headers: Readonly<Record<string, string>>;
  private readonly translator: AgentStreamTranslator;

  constructor(
    private readonly opened: OpenedAgentStream,
    private readonly input: InvokeAgentCommandInput,
    private readonly meta: AgentStreamMeta,
  ) {
    this.translator = new AgentStreamTranslator(meta);
    this.headers = { [AGENT_SESSION_HEADER]: meta.sessionId };
  }

  async run(emit: EmitFrame): Promise<void> {
    for await (const event of this.opened.events) await emitChunks(emit, this.translator.translate(event));
    await emitChunks(emit, this.translator.finish());
    await emit(SSE_DONE, 0);
  }

  failureFrames(error: OpenAIError): readonly string[] {
    return [`data: ${JSON.stringify(error.toBody())}\n\n`, SSE_DONE];
  }

  usage(streamedCharacters: number): TokenUsage {
    return this.translator.meter.usageReported
      ? this.translator.usage
      : estimateAgentUsage(this.input, streamedCharacters);
  }

  cost(usage: TokenUsage): number | undefined {
    const meter = this.translator.meter;
    if (meter.usageReported) return meter.cost(this.meta.priceOf);
    const price = this.meta.priceOf(meter.foundationModel);
    return price ? costOf(usage, price) : undefined;
  }
}
