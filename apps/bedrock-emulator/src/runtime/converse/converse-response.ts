// Renders a model outcome as a Converse response body and as the ConverseStream event sequence.
import type { ModelOutcome, ModelUsage } from '../../model/conversation';
import { jsonFragments, textDeltas } from '../../model/text-chunks';
import { countTextTokens } from '../../model/prompt-tokens';
import { isRecord, type JsonRecord } from '../../service-support/request-body';

export function converseUsage(usage: ModelUsage): JsonRecord {
  const total =
    usage.inputTokens + usage.outputTokens + usage.cacheReadInputTokens + usage.cacheWriteInputTokens;
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: total,
    ...(usage.cacheUsed
      ? {
          cacheReadInputTokens: usage.cacheReadInputTokens,
          cacheWriteInputTokens: usage.cacheWriteInputTokens,
        }
      : {}),
  };
}

export function converseContent(outcome: ModelOutcome): JsonRecord[] {
  const content: JsonRecord[] = [];
  if (outcome.reasoning) content.push({ reasoningContent: { reasoningText: { ...outcome.reasoning } } });
  if (outcome.text) content.push({ text: outcome.text });
  for (const toolUse of outcome.toolUses) {
    content.push({ toolUse: { toolUseId: toolUse.id, name: toolUse.name, input: toolUse.input } });
  }
  if (content.length === 0) content.push({ text: '' });
  return content;
}

/** additionalModelResponseFieldPaths: only `/stop_sequence` means something for the emulated models. */
export function additionalResponseFields(body: JsonRecord, outcome: ModelOutcome): JsonRecord | undefined {
  const paths = Array.isArray(body.additionalModelResponseFieldPaths)
    ? body.additionalModelResponseFieldPaths
    : [];
  return paths.includes('/stop_sequence') ? { stop_sequence: outcome.stopSequence ?? null } : undefined;
}

export function guardrailTrace(body: JsonRecord, outcome: ModelOutcome): JsonRecord | undefined {
  const config = isRecord(body.guardrailConfig) ? body.guardrailConfig : undefined;
  if (!config || config.trace === undefined || config.trace === 'disabled') return undefined;
  const intervened = outcome.stopReason === 'guardrail_intervened';
  const assessment = intervened
    ? {
        wordPolicy: {
          customWords: [{ match: 'QUARRY_BLOCK', action: 'BLOCKED', detected: true }],
          managedWordLists: [],
        },
      }
    : {};
  return {
    guardrail: {
      modelOutput: intervened ? [] : [outcome.text],
      inputAssessment: { [String(config.guardrailIdentifier)]: assessment },
      actionReason: intervened ? 'Guardrail blocked.' : 'No action.',
    },
  };
}

export function renderConverseResponse(
  outcome: ModelOutcome,
  body: JsonRecord,
  latencyMs: number,
): JsonRecord {
  const additional = additionalResponseFields(body, outcome);
  const trace = guardrailTrace(body, outcome);
  return {
    output: { message: { role: 'assistant', content: converseContent(outcome) } },
    stopReason: outcome.stopReason,
    usage: converseUsage(outcome.usage),
    metrics: { latencyMs },
    ...(additional ? { additionalModelResponseFields: additional } : {}),
    ...(trace ? { trace } : {}),
  };
}

export interface StreamEvent {
  type: string;
  payload: JsonRecord;
  /** Output tokens this event carries, for pacing at a tokens-per-second rate. */
  tokens: number;
}

/** Every event but `metadata`, which needs the measured latency and is added by the handler. */
export function converseStreamEvents(outcome: ModelOutcome, body: JsonRecord): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'messageStart', payload: { role: 'assistant' }, tokens: 0 }];
  let index = 0;
  const delta = (contentBlockIndex: number, deltaBody: JsonRecord, text: string) =>
    events.push({
      type: 'contentBlockDelta',
      payload: { contentBlockIndex, delta: deltaBody },
      tokens: countTextTokens(text),
    });
  const stop = (contentBlockIndex: number) =>
    events.push({ type: 'contentBlockStop', payload: { contentBlockIndex }, tokens: 0 });

  if (outcome.reasoning) {
    for (const piece of textDeltas(outcome.reasoning.text))
      delta(index, { reasoningContent: { text: piece } }, piece);
    delta(index, { reasoningContent: { signature: outcome.reasoning.signature } }, '');
    stop(index++);
  }
  if (outcome.text || (outcome.toolUses.length === 0 && !outcome.reasoning)) {
    for (const piece of textDeltas(outcome.text)) delta(index, { text: piece }, piece);
    stop(index++);
  }
  for (const toolUse of outcome.toolUses) {
    events.push({
      type: 'contentBlockStart',
      payload: {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: toolUse.id, name: toolUse.name } },
      },
      tokens: 0,
    });
    for (const fragment of jsonFragments(JSON.stringify(toolUse.input)))
      delta(index, { toolUse: { input: fragment } }, fragment);
    stop(index++);
  }
  const additional = additionalResponseFields(body, outcome);
  events.push({
    type: 'messageStop',
    payload: {
      stopReason: outcome.stopReason,
      ...(additional ? { additionalModelResponseFields: additional } : {}),
    },
    tokens: 0,
  });
  return events;
}

export function converseMetadataEvent(
  outcome: ModelOutcome,
  body: JsonRecord,
  latencyMs: number,
): JsonRecord {
  const trace = guardrailTrace(body, outcome);
  return { usage: converseUsage(outcome.usage), metrics: { latencyMs }, ...(trace ? { trace } : {}) };
}
