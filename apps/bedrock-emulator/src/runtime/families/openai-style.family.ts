// Responses of the OpenAI-like native formats: Mistral Large 2 ({choices:[{message, stop_reason}]}),
// AI21 Jamba and OpenAI gpt-oss ({id, choices:[{message, finish_reason}], usage}) and their stream chunks.
import type { FoundationModel } from '../../catalogue/foundation-model';
import type { ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import type { JsonRecord } from '../../service-support/request-body';
import { parseOpenAiStyleRequest } from './openai-style-request';
import { shortHash, type NativeChunk, type TextFamily } from './text-family';

type Variant = 'mistral' | 'jamba' | 'openai';

const ALLOWED_KEYS: Record<Variant, string[]> = {
  mistral: ['messages', 'max_tokens', 'temperature', 'top_p', 'tools', 'tool_choice', 'stop'],
  jamba: [
    'messages',
    'max_tokens',
    'temperature',
    'top_p',
    'stop',
    'n',
    'frequency_penalty',
    'presence_penalty',
    'tools',
    'response_format',
    'documents',
  ],
  openai: [
    'messages',
    'max_tokens',
    'max_completion_tokens',
    'temperature',
    'top_p',
    'stop',
    'tools',
    'tool_choice',
    'reasoning_effort',
    'seed',
    'n',
    'response_format',
  ],
};

function finishReason(outcome: ModelOutcome): string {
  if (outcome.toolUses.length > 0) return 'tool_calls';
  return outcome.stopReason === 'max_tokens' ? 'length' : 'stop';
}

function toolCalls(outcome: ModelOutcome) {
  return outcome.toolUses.map((toolUse) => ({
    id: toolUse.id,
    type: 'function',
    function: { name: toolUse.name, arguments: JSON.stringify(toolUse.input) },
  }));
}

function usage(outcome: ModelOutcome): JsonRecord {
  const prompt =
    outcome.usage.inputTokens + outcome.usage.cacheReadInputTokens + outcome.usage.cacheWriteInputTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: outcome.usage.outputTokens,
    total_tokens: prompt + outcome.usage.outputTokens,
  };
}

function completionId(outcome: ModelOutcome): string {
  return `chatcmpl-${shortHash(outcome.text + outcome.toolUses.map((toolUse) => toolUse.id).join())}`;
}

export function openAiStyleFamily(variant: Variant): TextFamily {
  return {
    toolIdPrefix: variant === 'mistral' ? 'call' : 'call_',
    parse: (body) => parseOpenAiStyleRequest(body, ALLOWED_KEYS[variant]),

    render(outcome: ModelOutcome, model: FoundationModel): JsonRecord {
      const calls = toolCalls(outcome);
      const message = {
        role: 'assistant',
        content: outcome.text || null,
        tool_calls: calls.length > 0 ? calls : null,
      };
      if (variant === 'mistral')
        return { choices: [{ index: 0, message, stop_reason: finishReason(outcome) }] };
      return {
        id: completionId(outcome),
        ...(variant === 'openai'
          ? { object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: model.modelId }
          : {}),
        choices: [{ index: 0, message, finish_reason: finishReason(outcome) }],
        usage: usage(outcome),
      };
    },

    streamChunks(outcome: ModelOutcome): NativeChunk[] {
      const calls = toolCalls(outcome);
      if (variant === 'mistral') {
        const chunks: NativeChunk[] = textDeltas(outcome.text).map((piece) => ({
          chunk: {
            choices: [{ index: 0, message: { role: 'assistant', content: piece }, stop_reason: null }],
          },
          tokens: countTextTokens(piece),
        }));
        chunks.push({
          chunk: {
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content: '',
                  ...(calls.length > 0 ? { tool_calls: calls } : {}),
                },
                stop_reason: finishReason(outcome),
              },
            ],
          },
          tokens: 0,
        });
        return chunks;
      }
      const id = completionId(outcome);
      const chunks: NativeChunk[] = textDeltas(outcome.text).map((piece, index) => ({
        chunk: {
          id,
          choices: [
            {
              index: 0,
              delta: { ...(index === 0 ? { role: 'assistant' } : {}), content: piece },
              finish_reason: null,
            },
          ],
        },
        tokens: countTextTokens(piece),
      }));
      calls.forEach((call, index) => {
        chunks.push({
          chunk: {
            id,
            choices: [{ index: 0, delta: { tool_calls: [{ index, ...call }] }, finish_reason: null }],
          },
          tokens: countTextTokens(call.function.arguments),
        });
      });
      chunks.push({
        chunk: {
          id,
          choices: [{ index: 0, delta: {}, finish_reason: finishReason(outcome) }],
          usage: usage(outcome),
        },
        tokens: 0,
      });
      return chunks;
    },
  };
}
