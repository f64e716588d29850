// With thinking on, Bedrock (Anthropic) requires the last assistant turn of a tool-use loop to start
// with its signed thinking block. LangChain and the AI SDK replay that turn without `thinking_blocks`,
// which Bedrock refuses ("Expected `thinking` or `redacted_thinking`, but found `tool_use`"). The
// signature cannot be recreated, so modify_params turns thinking off for that request (as LiteLLM
// does); without it the client gets a 400 that says how to fix the history.
import type { Message } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';

/** True when the last assistant turn calls tools without starting with a reasoning block. */
export function lacksThinkingBeforeToolUse(messages: Message[]): boolean {
  const lastAssistant = [...messages].reverse().find((message) => message.role === 'assistant');
  const content = (lastAssistant?.content ?? []).filter((block) => block.cachePoint === undefined);
  if (!content.some((block) => block.toolUse !== undefined)) return false;
  return content[0]?.reasoningContent === undefined;
}

export function thinkingHistoryError(param: string): OpenAIError {
  return OpenAIError.badRequest(
    `${param} turns on thinking, and with thinking on Bedrock requires the last assistant tool-call turn ` +
      'to start with its thinking block: send the assistant message back with the `thinking_blocks` ' +
      '(signatures included) it was returned with, or enable modify_params to turn thinking off for such requests',
    param,
  );
}
