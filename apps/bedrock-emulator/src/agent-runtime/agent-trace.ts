// Trace events for enableTrace. Usage sits in orchestrationTrace.modelInvocationOutput.metadata,
// where gateways read it to meter agent calls (priced with the foundation model the step's
// modelInvocationInput names); token counts follow the runtime's countTextTokens.
import { countTextTokens } from '../model/prompt-tokens';
import type { AgentTurn } from './agent-turn';
import { foundationModelFor } from './resource-rules';

export const EMULATOR_ACCOUNT_ID = '123456789012';

export interface TraceContext {
  agentId: string;
  agentAliasId: string;
  agentVersion: string;
  sessionId: string;
  region: string;
  traceId: string;
  startTime: Date;
  endTime: Date;
}

export function usageFor(turn: AgentTurn): { inputTokens: number; outputTokens: number } {
  const output = turn.kind === 'answer' ? turn.text : JSON.stringify(turn.invocationInputs);
  return { inputTokens: countTextTokens(turn.prompt), outputTokens: countTextTokens(output) };
}

/** The orchestration steps a real agent reports: model input, model output (with usage), rationale, observation. */
export function traceEvents(turn: AgentTurn, context: TraceContext): unknown[] {
  const { traceId } = context;
  const rawOutput = turn.kind === 'answer' ? turn.text : JSON.stringify(turn.invocationInputs);
  const steps: unknown[] = [
    {
      modelInvocationInput: {
        traceId,
        type: 'ORCHESTRATION',
        text: turn.prompt,
        foundationModel: foundationModelFor(context.agentId),
      },
    },
    {
      modelInvocationOutput: {
        traceId,
        rawResponse: { content: rawOutput },
        metadata: {
          startTime: context.startTime.toISOString(),
          endTime: context.endTime.toISOString(),
          totalTimeMs: context.endTime.getTime() - context.startTime.getTime(),
          usage: usageFor(turn),
        },
      },
    },
    {
      rationale: {
        traceId,
        text: turn.kind === 'answer' ? 'I can answer directly.' : 'I need the caller to run an action first.',
      },
    },
  ];
  if (turn.kind === 'answer') {
    steps.push({ observation: { traceId, type: 'FINISH', finalResponse: { text: turn.text } } });
  }
  return steps.map((orchestrationTrace) => tracePart(context, { orchestrationTrace }));
}

function tracePart(context: TraceContext, trace: unknown): unknown {
  return {
    agentId: context.agentId,
    agentAliasId: context.agentAliasId,
    agentVersion: context.agentVersion,
    sessionId: context.sessionId,
    eventTime: context.endTime.toISOString(),
    callerChain: [
      {
        agentAliasArn: `arn:aws:bedrock:${context.region}:${EMULATOR_ACCOUNT_ID}:agent-alias/${context.agentId}/${context.agentAliasId}`,
      },
    ],
    trace,
  };
}
