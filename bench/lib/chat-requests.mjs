// The requests every target is driven with. Quarry and Portkey get the same OpenAI chat request (only
// `model` differs: Quarry's public model name vs the Bedrock id Portkey forwards); "direct" gets the
// Bedrock call that request becomes, sent straight to the emulator: Converse for the chat kinds, the
// Anthropic Messages body on InvokeModelWithResponseStream for `invoke-stream` (Quarry's
// `bedrock/invoke/` route) and for `messages-stream` (Quarry's Anthropic Messages API, `/v1/messages`,
// which a Claude client such as Claude Code sends), Titan's `{inputText}` on InvokeModel for `embeddings`.
// The images, rerank and agent kinds are in images-rerank-agent-requests.mjs.
import { BEDROCK_MODEL_ID, EMBEDDING_MODEL_ID } from './bench-constants.mjs';
import {
  directImageRerankAgentCall,
  IMAGE_RERANK_AGENT_KINDS,
  QUARRY_ROUTE_OF_KIND,
} from './images-rerank-agent-requests.mjs';

/** ~20 kB of prose-like text: the emulator counts 4 characters per token, like a real prompt. */
const LARGE_PROMPT_BYTES = 20 * 1024;
/** The emulator echoes the prompt back; a cap keeps the answer small so the prompt size is what varies. */
const MAX_TOKENS = 64;

export const REQUEST_KINDS = [
  'small',
  'large',
  'small-stream',
  'large-stream',
  'invoke-stream',
  'messages-stream',
  'embeddings',
  ...IMAGE_RERANK_AGENT_KINDS,
];

/** What Portkey's Bedrock provider is driven with here: OpenAI chat over Converse, and embeddings. */
export const PORTKEY_KINDS = ['small', 'large', 'small-stream', 'large-stream', 'embeddings'];

/** Which of Quarry's deployments serves a kind (see QUARRY_ROUTES). */
export function quarryRouteOf(kind) {
  if (kind === 'invoke-stream') return 'invoke';
  if (kind === 'embeddings') return 'embed';
  return QUARRY_ROUTE_OF_KIND[kind] ?? '';
}

export function isStreamKind(kind) {
  return kind.endsWith('-stream');
}

function promptOf(kind) {
  if (kind.startsWith('large')) {
    const sentence =
      'Summarise the quarterly figures for the northern region and list the three largest risks. ';
    return sentence.repeat(Math.ceil(LARGE_PROMPT_BYTES / sentence.length)).slice(0, LARGE_PROMPT_BYTES);
  }
  return 'Hello! In one sentence, what is Amazon Bedrock?';
}

/** The OpenAI chat completion body (as a string) for a gateway, with that gateway's model name. */
export function openAIChatBody(kind, model) {
  const body = {
    model,
    messages: [{ role: 'user', content: promptOf(kind) }],
    max_tokens: MAX_TOKENS,
  };
  if (isStreamKind(kind)) body.stream = true;
  return JSON.stringify(body);
}

/** The OpenAI embeddings body: one short input, as most retrieval pipelines send per query. */
export function openAIEmbeddingsBody(model) {
  return JSON.stringify({ model, input: promptOf('small') });
}

/** The Anthropic Messages API request (`/v1/messages`, streamed), as Claude Code sends it. */
export function anthropicMessagesBody(model) {
  return JSON.stringify({
    model,
    max_tokens: MAX_TOKENS,
    stream: true,
    messages: [{ role: 'user', content: promptOf('small') }],
  });
}

/** The Bedrock call the OpenAI request of this kind turns into. */
export function directCall(kind) {
  if (IMAGE_RERANK_AGENT_KINDS.includes(kind)) return directImageRerankAgentCall(kind);
  if (kind === 'embeddings') {
    return {
      path: `/model/${encodeURIComponent(EMBEDDING_MODEL_ID)}/invoke`,
      body: JSON.stringify({ inputText: promptOf('small') }),
    };
  }
  if (kind === 'invoke-stream' || kind === 'messages-stream') {
    return {
      path: `/model/${encodeURIComponent(BEDROCK_MODEL_ID)}/invoke-with-response-stream`,
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: MAX_TOKENS,
        messages: [{ role: 'user', content: [{ type: 'text', text: promptOf('small') }] }],
      }),
    };
  }
  return converseCall(kind);
}

/** The Converse (or ConverseStream) call the OpenAI request above turns into (through /bedrock: `modelId` a public name). */
export function converseCall(kind, modelId = BEDROCK_MODEL_ID) {
  const operation = isStreamKind(kind) ? 'converse-stream' : 'converse';
  return {
    // Label encoding as the AWS SDK does it (`:` → `%3A`), so the signature matches what the emulator checks.
    path: `/model/${encodeURIComponent(modelId)}/${operation}`,
    body: JSON.stringify({
      messages: [{ role: 'user', content: [{ text: promptOf(kind) }] }],
      inferenceConfig: { maxTokens: MAX_TOKENS },
    }),
  };
}
