// Pure "answer this body as the model would" functions, shared by the HTTP handlers and the batch
// job runner. Failures come back as values (status, AWS error type, message), never as throws.
import type { FoundationModel } from '../catalogue/foundation-model';
import { resolveModel } from '../catalogue/model-resolver';
import { EmulatorError } from '../http/emulator-error';
import type { Conversation, ModelOutcome } from '../model/conversation';
import type { PromptCache } from '../model/prompt-cache';
import { generateOutcome } from '../model/reply-generator';
import { isRecord, parseJsonBody, type JsonRecord } from '../service-support/request-body';
import { renderConverseResponse } from './converse/converse-response';
import { parseConverseRequest } from './converse/converse-request';
import { textFamilyFor } from './families/text-families';
import type { NativeChunk } from './families/text-family';
import { answerNonTextModel } from './non-text-answers';

export type ModelAnswer =
  | {
      ok: true;
      body: unknown;
      inputTokens: number;
      outputTokens: number;
      cacheReadInputTokens?: number;
      cacheWriteInputTokens?: number;
    }
  | { ok: false; status: number; errorType: string; message: string };

export interface AnswerOptions {
  /** The emulator instance's prompt cache; omitted (batch), every cache point is a first write. */
  promptCache?: PromptCache;
  /** A guardrail was attached outside the body (InvokeModel's X-Amzn-Bedrock-GuardrailIdentifier). */
  guardrail?: boolean;
  /** Application inference profile / provisioned model id → base model id. */
  applicationProfiles?: ReadonlyMap<string, string>;
  /** Converse metrics.latencyMs to report. */
  latencyMs?: number;
}

export type RuntimeOperation = 'converse' | 'converseStream' | 'invoke' | 'invokeStream' | 'countTokens';

const OPERATION_NAMES: Record<RuntimeOperation, string> = {
  converse: 'the Converse operation',
  converseStream: 'the ConverseStream operation',
  invoke: 'the InvokeModel operation',
  invokeStream: 'streaming (InvokeModelWithResponseStream)',
  countTokens: 'counting tokens (CountTokens)',
};

/** The catalogue entry for a model id in any accepted form, or the Bedrock error for it. */
export function modelForOperation(
  modelId: string,
  operation: RuntimeOperation,
  options: AnswerOptions = {},
): FoundationModel {
  const resolution = resolveModel(modelId, options.applicationProfiles);
  if (!resolution.ok) throw EmulatorError.notFound(resolution.message);
  if (!resolution.model.operations[operation]) {
    throw EmulatorError.validation(`The provided model doesn't support ${OPERATION_NAMES[operation]}.`);
  }
  return resolution.model;
}

function toFailure(error: unknown): ModelAnswer {
  if (error instanceof EmulatorError)
    return { ok: false, status: error.status, errorType: error.errorType, message: error.message };
  throw error;
}

function bodyRecord(body: unknown): JsonRecord {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return parseJsonBody(body);
  if (body instanceof Uint8Array) return parseJsonBody(Buffer.from(body));
  if (!isRecord(body)) throw EmulatorError.malformed('#: expected type: JSONObject');
  return body;
}

export interface TextInvocation {
  model: FoundationModel;
  conversation: Conversation;
  outcome: ModelOutcome;
}

/** Parses a chat model's native body and runs the deterministic model over it. */
export function invokeTextModel(
  model: FoundationModel,
  body: JsonRecord,
  options: AnswerOptions,
): TextInvocation {
  const family = textFamilyFor(model.family);
  if (!family)
    throw EmulatorError.validation(`The provided model doesn't support ${OPERATION_NAMES.invoke}.`);
  const conversation = family.parse(body, model);
  if (options.guardrail) conversation.guardrail = true;
  const outcome = generateOutcome(conversation, {
    promptCache: options.promptCache,
    cacheScope: model.modelId,
    toolIdPrefix: family.toolIdPrefix,
  });
  return { model, conversation, outcome };
}

function tokenFields(outcome: ModelOutcome) {
  return {
    inputTokens: outcome.usage.inputTokens,
    outputTokens: outcome.usage.outputTokens,
    ...(outcome.usage.cacheUsed
      ? {
          cacheReadInputTokens: outcome.usage.cacheReadInputTokens,
          cacheWriteInputTokens: outcome.usage.cacheWriteInputTokens,
        }
      : {}),
  };
}

/** InvokeModel: model-native body in, model-native response body out. */
export function answerInvokeModel(modelId: string, body: unknown, options: AnswerOptions = {}): ModelAnswer {
  try {
    const model = modelForOperation(modelId, 'invoke', options);
    const record = bodyRecord(body);
    if (!textFamilyFor(model.family)) return { ok: true, ...answerNonTextModel(model, record) };
    const invocation = invokeTextModel(model, record, options);
    const rendered = textFamilyFor(model.family)!.render(invocation.outcome, model, invocation.conversation);
    if (invocation.outcome.stopReason === 'guardrail_intervened')
      rendered['amazon-bedrock-guardrailAction'] = 'INTERVENED';
    return { ok: true, body: rendered, ...tokenFields(invocation.outcome) };
  } catch (error) {
    return toFailure(error);
  }
}

export type StreamAnswer =
  | {
      ok: true;
      chunks: NativeChunk[];
      inputTokens: number;
      outputTokens: number;
      cacheReadInputTokens?: number;
      cacheWriteInputTokens?: number;
    }
  | { ok: false; status: number; errorType: string; message: string };

/** InvokeModelWithResponseStream: the native chunks, in order (the handler adds invocation metrics). */
export function answerInvokeModelStream(
  modelId: string,
  body: unknown,
  options: AnswerOptions = {},
): StreamAnswer {
  try {
    const model = modelForOperation(modelId, 'invokeStream', options);
    const invocation = invokeTextModel(model, bodyRecord(body), options);
    const chunks = textFamilyFor(model.family)!.streamChunks(
      invocation.outcome,
      model,
      invocation.conversation,
    );
    return { ok: true, chunks, ...tokenFields(invocation.outcome) };
  } catch (error) {
    return toFailure(error) as StreamAnswer;
  }
}

/** Converse and ConverseStream share this: the parsed conversation and the model's outcome. */
export function converseOutcome(
  modelId: string,
  body: unknown,
  operation: 'converse' | 'converseStream',
  options: AnswerOptions = {},
): { body: JsonRecord; outcome: ModelOutcome; model: FoundationModel } {
  const model = modelForOperation(modelId, operation, options);
  const record = bodyRecord(body);
  const conversation = parseConverseRequest(record, model);
  const outcome = generateOutcome(conversation, {
    promptCache: options.promptCache,
    cacheScope: model.modelId,
    toolIdPrefix: 'tooluse_',
  });
  return { body: record, outcome, model };
}

/** Converse: Converse request body in, Converse response body out. */
export function answerConverse(modelId: string, body: unknown, options: AnswerOptions = {}): ModelAnswer {
  try {
    const { body: record, outcome } = converseOutcome(modelId, body, 'converse', options);
    return {
      ok: true,
      body: renderConverseResponse(outcome, record, options.latencyMs ?? 0),
      ...tokenFields(outcome),
    };
  } catch (error) {
    return toFailure(error);
  }
}
