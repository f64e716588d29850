// One InvokeModel wire fixture: an OpenAI request and the native body it must become, a native answer and
// the OpenAI message it must give, native stream chunks and what the client must see from them.
import type { InvokeSpec } from '../../../route';

export interface InvokeFixture {
  name: string;
  /** The deployment's base model id (and spec prefix for imported models). */
  model: string;
  invokeSpec?: InvokeSpec;
  request: Record<string, unknown>;
  anthropicBeta?: string;
  body: Record<string, unknown>;
  answer: Record<string, unknown>;
  /** Token counts the headers carry (absent: the body's own are used). */
  headerUsage?: { inputTokens: number; outputTokens: number };
  message: Record<string, unknown>;
  finishReason: string;
  usage: { prompt_tokens: number; completion_tokens: number };
  chunks: Array<Record<string, unknown>>;
  streamed: { content: string; reasoning?: string; toolCallNames?: string[]; finishReason: string };
}

export const METRICS = {
  'amazon-bedrock-invocationMetrics': {
    inputTokenCount: 12,
    outputTokenCount: 3,
    invocationLatency: 5,
    firstByteLatency: 2,
  },
};

export const CONVERSATION = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'Colour?' },
];
