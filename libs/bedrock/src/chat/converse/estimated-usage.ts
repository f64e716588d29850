// When a stream ends before Bedrock's usage report (client abort, mid-stream failure), the tokens used
// still cost money. We book an estimate (about four characters per token, the usual rule of thumb for
// English text) rather than nothing; rows carry status aborted/error so reports can tell them apart.
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { TokenUsage } from '../../pricing/token-usage';

const CHARACTERS_PER_TOKEN = 4;

export function estimateConverseUsage(input: ConverseCommandInput, streamedCharacters: number): TokenUsage {
  let promptCharacters = 0;
  for (const block of input.system ?? []) promptCharacters += block.text?.length ?? 0;
  for (const message of input.messages ?? []) {
    for (const block of message.content ?? []) {
      if (block.text !== undefined) promptCharacters += block.text.length;
      else if (block.toolResult || block.toolUse) promptCharacters += JSON.stringify(block).length;
    }
  }
  return {
    inputTokens: Math.ceil(promptCharacters / CHARACTERS_PER_TOKEN),
    outputTokens: Math.ceil(streamedCharacters / CHARACTERS_PER_TOKEN),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}
