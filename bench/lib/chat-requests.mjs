// The requests every target is driven with. Quarry and Portkey get the same OpenAI chat request (only
// `model` differs: Quarry's public model name vs the Bedrock id Portkey forwards); "direct" gets the
// Converse body that request becomes, sent straight to the emulator.
import { BEDROCK_MODEL_ID } from './bench-constants.mjs';

/** ~20 kB of prose-like text: the emulator counts 4 characters per token, like a real prompt. */
const LARGE_PROMPT_BYTES = 20 * 1024;
/** The emulator echoes the prompt back; a cap keeps the answer small so the prompt size is what varies. */
const MAX_TOKENS = 64;

export const REQUEST_KINDS = ['small', 'large', 'small-stream', 'large-stream'];

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
