// The checks a Messages API body gets before anything is routed: the members the gateway itself reads
// (model, stream, metadata.user_id) and the ones Anthropic requires (messages, max_tokens), each failure a
// 400 naming the field. Everything else goes to Bedrock as sent, and Bedrock's own 400 names the rest.
import { OpenAIError } from '@quarry/openai';

export interface MessagesRequest {
  model: string;
  stream: boolean;
  /** `metadata.user_id`: booked as the end user. */
  endUser?: string;
  /** The body as the client sent it. */
  body: Record<string, unknown>;
}

export function parseMessagesRequest(
  body: unknown,
  options: { countTokens?: boolean } = {},
): MessagesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw OpenAIError.badRequest('The request body must be a JSON object', 'body');
  const fields = body as Record<string, unknown>;
  if (typeof fields.model !== 'string' || fields.model === '')
    throw OpenAIError.badRequest('model: Field required (a model name, as a string)', 'model');
  if (!Array.isArray(fields.messages))
    throw OpenAIError.badRequest('messages: Field required (an array of messages)', 'messages');
  fields.messages.forEach((message, index) => {
    const role = (message as { role?: unknown } | null)?.role;
    if (role !== 'user' && role !== 'assistant')
      throw OpenAIError.badRequest(
        `messages.${index}.role: Input should be 'user' or 'assistant'`,
        'messages',
      );
  });
  if (!options.countTokens) checkMaxTokens(fields.max_tokens);
  if (fields.stream !== undefined && typeof fields.stream !== 'boolean')
    throw OpenAIError.badRequest('stream: Input should be a valid boolean', 'stream');
  if (fields.system !== undefined && typeof fields.system !== 'string' && !Array.isArray(fields.system))
    throw OpenAIError.badRequest('system: Input should be a string or an array of text blocks', 'system');
  return {
    model: fields.model,
    stream: fields.stream === true,
    endUser: endUserOf(fields.metadata),
    body: fields,
  };
}

function checkMaxTokens(value: unknown): void {
  if (value === undefined) throw OpenAIError.badRequest('max_tokens: Field required', 'max_tokens');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw OpenAIError.badRequest('max_tokens: Input should be a positive integer', 'max_tokens');
}

function endUserOf(metadata: unknown): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata))
    throw OpenAIError.badRequest('metadata: Input should be an object', 'metadata');
  const userId = (metadata as { user_id?: unknown }).user_id;
  if (userId === undefined || userId === null) return undefined;
  if (typeof userId !== 'string')
    throw OpenAIError.badRequest('metadata.user_id: Input should be a valid string', 'metadata.user_id');
  return userId.slice(0, 256);
}
