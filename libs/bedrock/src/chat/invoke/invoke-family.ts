// What one model family's native InvokeModel format needs: its body, built from the Converse input the
// shared translation produced (so parameter checks, tools, images, documents, thinking and cache points
// are decided once, exactly as on the Converse route), and its answers and stream chunks read back
// into Converse's shapes (so the OpenAI completion and chunk sequence are built once, too).
import type {
  ContentBlock,
  ConverseCommandInput,
  ConverseStreamOutput,
  StopReason,
} from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ModelCapabilities } from '../../capabilities/model-capabilities';

export type JsonObject = Record<string, unknown>;

/** A native answer in Converse's terms; usage is absent when the body carries none (then: headers). */
export interface NativeAnswer {
  content: ContentBlock[];
  stopReason: StopReason | undefined;
  usage?: { inputTokens: number; outputTokens: number; cacheReadTokens?: number; cacheWriteTokens?: number };
}

/** Turns one decoded stream chunk into Converse stream events; one decoder per stream (it may keep state). */
export type ChunkDecoder = (chunk: JsonObject) => ConverseStreamOutput[];

export interface InvokeFamily {
  /** What this body format can carry; the capability table is narrowed to it before translating. */
  limits: Partial<
    Pick<
      ModelCapabilities,
      | 'supportsTools'
      | 'supportsToolChoice'
      | 'supportsVision'
      | 'supportsPdfInput'
      | 'supportsReasoning'
      | 'supportsPromptCaching'
    >
  >;
  /** False for models Bedrock cannot stream: a streamed request is then answered from one InvokeModel call. */
  streams?: false;
  body(input: ConverseCommandInput, options: BodyOptions): JsonObject;
  answer(body: JsonObject): NativeAnswer;
  decoder(): ChunkDecoder;
}

export interface BodyOptions {
  /** The model the deployment names (templates differ between generations). */
  baseModelId: string;
  /** The `anthropic-beta` request header, split on commas. */
  anthropicBeta: string[];
  /** The output limit to send where the format requires one (Anthropic's max_tokens). */
  defaultMaxTokens: number;
  /** drop_params: a parameter this format cannot carry is dropped instead of refused. */
  dropParams: boolean;
}

/** A parameter the format cannot carry: a 400 naming it, or nothing under drop_params (as on Converse). */
export function refuseUnlessDropped(param: string, format: string, options: BodyOptions): void {
  if (options.dropParams) return;
  throw OpenAIError.badRequest(
    `${param} is not supported by ${format} on InvokeModel; set drop_params to drop it`,
    param,
  );
}
