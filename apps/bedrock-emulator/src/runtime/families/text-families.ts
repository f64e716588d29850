// Which TextFamily speaks each chat model family's native InvokeModel format.
import type { ModelFamily } from '../../catalogue/foundation-model';
import { ai21J2Family } from './ai21-j2.family';
import { anthropicFamily } from './anthropic.family';
import { anthropicTextFamily } from './anthropic-text.family';
import { cohereCommandFamily } from './cohere-command.family';
import { cohereTextFamily } from './cohere-text.family';
import { deepSeekR1Family } from './deepseek-r1.family';
import { llamaFamily } from './llama.family';
import { mistralTextFamily } from './mistral-text.family';
import { novaFamily } from './nova.family';
import { openAiStyleFamily } from './openai-style.family';
import type { TextFamily } from './text-family';
import { titanTextFamily } from './titan-text.family';
import { twelveLabsPegasusFamily } from './twelvelabs-pegasus.family';

const textFamilies: Partial<Record<ModelFamily, TextFamily>> = {
  anthropic: anthropicFamily,
  'anthropic-text': anthropicTextFamily,
  'cohere-text': cohereTextFamily,
  'deepseek-r1': deepSeekR1Family,
  llama: llamaFamily,
  'mistral-text': mistralTextFamily,
  'mistral-chat': openAiStyleFamily('mistral'),
  'titan-text': titanTextFamily,
  nova: novaFamily,
  'cohere-command': cohereCommandFamily,
  'ai21-jamba': openAiStyleFamily('jamba'),
  'ai21-j2': ai21J2Family,
  'openai-chat': openAiStyleFamily('openai'),
  'twelvelabs-pegasus': twelveLabsPegasusFamily,
};

export function textFamilyFor(family: ModelFamily): TextFamily | undefined {
  return textFamilies[family];
}
