// Legacy chat models the LiteLLM documents and price data still name (Claude 1, 2 and Instant, Llama 2, Cohere Command
// text, AI21 Jurassic-2): Bedrock keeps serving them, so configs copied from those documents work here.
import { chatModel } from './chat-model';
import type { FoundationModel } from './foundation-model';

export const legacyChatModels: FoundationModel[] = [
  chatModel('anthropic.claude-instant-v1', 'Claude Instant', 'Anthropic', 'anthropic-text', { legacy: true }),
  chatModel('anthropic.claude-v1', 'Claude', 'Anthropic', 'anthropic-text', { legacy: true }),
  chatModel('anthropic.claude-v2', 'Claude', 'Anthropic', 'anthropic-text', { legacy: true }),
  chatModel('anthropic.claude-v2:1', 'Claude', 'Anthropic', 'anthropic-text', { legacy: true }),
  chatModel('meta.llama2-13b-chat-v1', 'Llama 2 Chat 13B', 'Meta', 'llama', { legacy: true }),
  chatModel('meta.llama2-70b-chat-v1', 'Llama 2 Chat 70B', 'Meta', 'llama', { legacy: true }),
  chatModel('cohere.command-text-v14', 'Command', 'Cohere', 'cohere-text', { legacy: true }),
  chatModel('cohere.command-light-text-v14', 'Command Light', 'Cohere', 'cohere-text', { legacy: true }),
  chatModel('ai21.j2-mid-v1', 'Jurassic-2 Mid', 'AI21 Labs', 'ai21-j2', { legacy: true, noStreaming: true }),
  chatModel('ai21.j2-ultra-v1', 'Jurassic-2 Ultra', 'AI21 Labs', 'ai21-j2', {
    legacy: true,
    noStreaming: true,
  }),
];
