// InvokeAgent: POST /agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text
import type { EmulatorContext, EmulatorRequest, EmulatorResponse, EventStreamWriter } from '../http/types';
import {
  optionalBoolean,
  optionalRecord,
  optionalString,
  parseJsonBody,
} from '../service-support/request-body';
import { countTextTokens } from '../model/prompt-tokens';
import { streamPacedEvents, type PacedEvent } from '../service-support/paced-event-stream';
import {
  answerLeadingFaults,
  resolveIdentifierFaults,
  SERVICE_FAULTS,
} from '../service-support/request-faults';
import { AgentSessions, REMEMBERED_INPUTS } from './agent-sessions';
import { traceEvents } from './agent-trace';
import { decideAgentTurn, type AgentTurn } from './agent-turn';
import { agentVersionFor, checkAgent } from './resource-rules';

/** Words per chunk when the caller asks for the final response to be streamed. */
const WORDS_PER_CHUNK = 4;

export async function invokeAgent(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startTime = new Date();
  const { baseId: agentId, faults } = resolveIdentifierFaults(request.params.agentId, context);
  const { agentAliasId, sessionId } = request.params;
  const body = parseJsonBody(request.body);
  checkAgent(agentId, agentAliasId, sessionId);
  const memoryId = optionalString(body.memoryId, 'memoryId');
  const enableTrace = optionalBoolean(body.enableTrace, 'enableTrace') ?? false;
  const endSession = optionalBoolean(body.endSession, 'endSession') ?? false;
  const streaming = optionalRecord(body.streamingConfigurations, 'streamingConfigurations');
  const streamFinalResponse = streaming
    ? (optionalBoolean(streaming.streamFinalResponse, 'streamFinalResponse') ?? false)
    : false;

  const region = request.region ?? context.options.region;
  const sessions = AgentSessions.of(context);
  // Sessions belong to one agent alias in one region, as in Bedrock.
  const sessionKey = `${region}/${agentId}/${agentAliasId}/${sessionId}`;
  const session = sessions.get(sessionKey);
  const turn = decideAgentTurn({
    agentId,
    body,
    pendingInvocationId: session?.pendingInvocationId,
    earlierInputs: session?.inputs,
  });

  const leadingFaults = { ...SERVICE_FAULTS, streaming: true };
  if (await answerLeadingFaults(faults, context, response, request.signal, leadingFaults)) return;
  if (request.signal.aborted) return;

  if (endSession) sessions.end(sessionKey);
  else
    sessions.set(sessionKey, {
      pendingInvocationId: turn.kind === 'returnControl' ? turn.invocationId : undefined,
      inputs: rememberedInputs(session?.inputs ?? [], optionalString(body.inputText, 'inputText')),
    });

  const headers: Record<string, string> = {
    'x-amzn-bedrock-agent-content-type': 'application/json',
    'x-amz-bedrock-agent-session-id': sessionId,
  };
  if (memoryId !== undefined) headers['x-amz-bedrock-agent-memory-id'] = memoryId;
  const stream = response.eventStream(headers);
  const traces = enableTrace
    ? traceEvents(turn, {
        agentId,
        agentAliasId,
        agentVersion: agentVersionFor(agentAliasId),
        sessionId,
        region,
        traceId: `${request.requestId}-0`,
        startTime,
        endTime: new Date(),
      })
    : [];
  if (faults.kind === 'midstream') {
    sendMidstreamFailure(stream, traces, turn);
    return;
  }
  const events: PacedEvent[] = [
    ...traces.map((trace) => ({ type: 'trace', payload: trace, tokens: 0 })),
    ...answerEvents(turn, streamFinalResponse),
  ];
  await streamPacedEvents(stream, events, faults, context.options, request.signal);
}

/** The session's latest inputs after this turn (a turn answering tool calls adds none). */
function rememberedInputs(inputs: readonly string[], inputText: string | undefined): string[] {
  const results = inputText !== undefined && inputText.trim() !== '' ? [...inputs, inputText] : [...inputs];
  return results.slice(-REMEMBERED_INPUTS);
}

/** The answer in chunks (one, unless the caller asked for the final response to be streamed), or a returnControl. */
function answerEvents(turn: AgentTurn, streamFinalResponse: boolean): PacedEvent[] {
  if (turn.kind === 'returnControl') {
    const payload = { invocationId: turn.invocationId, invocationInputs: turn.invocationInputs };
    return [{ type: 'returnControl', payload, tokens: 0 }];
  }
  const parts = streamFinalResponse ? splitIntoChunks(turn.text) : [turn.text];
  return parts.map((part, index) => ({
    type: 'chunk',
    payload: chunkPayload(part, index === parts.length - 1 ? turn.attribution : undefined),
    tokens: countTextTokens(part),
  }));
}

/** A mid-stream failure: the traces, the first part of the answer, then a throttlingException event. */
function sendMidstreamFailure(stream: EventStreamWriter, traces: unknown[], turn: AgentTurn): void {
  for (const trace of traces) stream.event('trace', trace);
  const text = turn.kind === 'answer' ? turn.text : 'Working on it';
  stream.event('chunk', chunkPayload(text.slice(0, Math.max(1, Math.floor(text.length / 2)))));
  stream.exception('throttlingException', {
    message: 'Your request rate is too high. Reduce the frequency of requests.',
  });
  stream.end();
}

function chunkPayload(text: string, attribution?: unknown): Record<string, unknown> {
  const payload: Record<string, unknown> = { bytes: Buffer.from(text, 'utf8').toString('base64') };
  if (attribution !== undefined) payload.attribution = attribution;
  return payload;
}

/** Splits on word boundaries, keeping the spaces, so the chunks concatenate back to the text. */
function splitIntoChunks(text: string): string[] {
  const words = text.match(/\S+\s*/g) ?? [text];
  const chunks: string[] = [];
  for (let index = 0; index < words.length; index += WORDS_PER_CHUNK) {
    chunks.push(words.slice(index, index + WORDS_PER_CHUNK).join(''));
  }
  return chunks;
}
