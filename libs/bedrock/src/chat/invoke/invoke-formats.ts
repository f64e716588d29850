// Which native body format a deployment's InvokeModel calls use: from the spec prefix of an imported
// model (`bedrock/llama/arn:…`), else from the model id. One table, so adding a model family is one line.
import type { BedrockRoute, InvokeSpec } from '../../route';
import { ai21JurassicFamily } from './families/ai21-jurassic';
import { anthropicMessagesFamily } from './families/anthropic-messages';
import { anthropicTextFamily } from './families/anthropic-text';
import { cohereChatFamily } from './families/cohere-chat';
import { cohereTextFamily } from './families/cohere-text';
import { deepSeekR1Family } from './families/deepseek-r1';
import { llamaFamily } from './families/llama';
import { mistralTextFamily } from './families/mistral-text';
import { novaFamily } from './families/nova';
import { JAMBA_CHAT, MOONSHOT_CHAT, OPENAI_CHAT, openAiChatFamily } from './families/openai-chat';
import { qwenPromptFamily } from './families/qwen-prompt';
import { titanTextFamily } from './families/titan-text';
import type { InvokeFamily } from './invoke-family';

export type InvokeFormat =
  | 'anthropic-messages'
  | 'anthropic-text'
  | 'llama'
  | 'mistral-text'
  | 'openai-chat'
  | 'jamba-chat'
  | 'ai21-jurassic'
  | 'moonshot-chat'
  | 'titan-text'
  | 'nova'
  | 'cohere-text'
  | 'cohere-chat'
  | 'deepseek-r1'
  | 'deepseek-r1-imported'
  | 'qwen-prompt';

export const INVOKE_FAMILIES: Record<InvokeFormat, InvokeFamily> = {
  'anthropic-messages': anthropicMessagesFamily,
  'anthropic-text': anthropicTextFamily,
  llama: llamaFamily,
  'mistral-text': mistralTextFamily,
  'openai-chat': openAiChatFamily(OPENAI_CHAT),
  'jamba-chat': openAiChatFamily(JAMBA_CHAT),
  'ai21-jurassic': ai21JurassicFamily,
  'moonshot-chat': openAiChatFamily(MOONSHOT_CHAT),
  'titan-text': titanTextFamily,
  nova: novaFamily,
  'cohere-text': cohereTextFamily,
  'cohere-chat': cohereChatFamily,
  'deepseek-r1': deepSeekR1Family(false),
  'deepseek-r1-imported': deepSeekR1Family(true),
  'qwen-prompt': qwenPromptFamily,
};

const BY_SPEC: Record<InvokeSpec, InvokeFormat> = {
  llama: 'llama',
  deepseek_r1: 'deepseek-r1-imported',
  qwen2: 'qwen-prompt',
  qwen3: 'qwen-prompt',
  openai: 'openai-chat',
  moonshot: 'moonshot-chat',
};

/** The format, or undefined for a model with no known InvokeModel chat body (Converse serves it). */
export function invokeFormatOf(
  route: Pick<BedrockRoute, 'baseModelId' | 'family' | 'invokeSpec'>,
): InvokeFormat | undefined {
  if (route.invokeSpec) return BY_SPEC[route.invokeSpec];
  const id = route.baseModelId;
  switch (route.family) {
    case 'anthropic':
      return /^anthropic\.claude-(v2|instant)/.test(id) ? 'anthropic-text' : 'anthropic-messages';
    case 'meta':
      return 'llama';
    case 'mistral':
      return /mistral-large-2407/.test(id)
        ? 'openai-chat'
        : /mistral-large-3|pixtral/.test(id)
          ? undefined
          : 'mistral-text';
    case 'amazon-titan':
      return /^amazon\.titan-text/.test(id) ? 'titan-text' : undefined;
    case 'amazon-nova':
      return 'nova';
    case 'cohere':
      return /command-r/.test(id)
        ? 'cohere-chat'
        : /command-(text|light)/.test(id)
          ? 'cohere-text'
          : undefined;
    case 'ai21':
      return /jamba/.test(id) ? 'jamba-chat' : /\.j2-/.test(id) ? 'ai21-jurassic' : undefined;
    case 'deepseek':
      return /\.r1/.test(id) ? 'deepseek-r1' : 'openai-chat';
    case 'openai':
    case 'qwen':
      return 'openai-chat';
    case 'writer':
    case 'other':
      return /^moonshot(ai)?\./.test(id) ? 'moonshot-chat' : undefined;
    default: {
      const _exhaustive: never = route.family;
      return undefined;
    }
  }
}

/** Whether Bedrock streams this format (InvokeModelWithResponseStream); if not, chat streams are answered from one call. */
export function formatStreams(format: InvokeFormat): boolean {
  return INVOKE_FAMILIES[format].streams !== false;
}
