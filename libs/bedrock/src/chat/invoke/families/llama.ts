// Meta Llama 2, 3, 3.x and 4 on InvokeModel: the model's chat template as `prompt`, `max_gen_len`,
// `temperature`, `top_p`; answers `{generation, prompt_token_count, generation_token_count, stop_reason}`
// (streamed as chunks of the same shape). Llama takes no stop sequences.
import { refuseUnlessDropped, type BodyOptions, type InvokeFamily, type JsonObject } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, promptConversation, samplingOf, type PromptConversation } from '../prompt-turns';
import { numberOr, textAnswer, TextEvents } from '../text-chunk-events';
import { TEXT_ONLY } from './text-only-limits';

export type LlamaTemplate = 'llama2' | 'llama3' | 'llama4';

/** The template a Llama model id was trained on (imported models: Llama 3's, the common one). */
export function llamaTemplateOf(baseModelId: string): LlamaTemplate {
  if (/llama2/.test(baseModelId)) return 'llama2';
  if (/llama4/.test(baseModelId)) return 'llama4';
  return 'llama3';
}

export function llamaPrompt(conversation: PromptConversation, template: LlamaTemplate): string {
  if (template === 'llama2') return llama2Prompt(conversation);
  const [start, end, eot] =
    template === 'llama4'
      ? ['<|header_start|>', '<|header_end|>', '<|eot|>']
      : ['<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>'];
  let prompt = '<|begin_of_text|>';
  if (conversation.system) prompt += `${start}system${end}\n\n${conversation.system}${eot}`;
  for (const turn of conversation.turns) prompt += `${start}${turn.role}${end}\n\n${turn.text}${eot}`;
  return `${prompt}${start}assistant${end}\n\n`;
}

function llama2Prompt({ system, turns }: PromptConversation): string {
  let prompt = '';
  let pendingSystem = system ? `<<SYS>>\n${system}\n<</SYS>>\n\n` : '';
  for (const turn of turns) {
    if (turn.role === 'user') {
      prompt += `<s>[INST] ${pendingSystem}${turn.text} [/INST]`;
      pendingSystem = '';
    } else prompt += ` ${turn.text} </s>`;
  }
  return prompt;
}

export const llamaFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  body(input, options: BodyOptions) {
    const sampling = samplingOf(input);
    if (sampling.stop) refuseUnlessDropped('stop', 'Llama', options);
    return definedMembers({
      prompt: llamaPrompt(promptConversation(input), llamaTemplateOf(options.baseModelId)),
      max_gen_len: sampling.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
    });
  },
  answer: (body: JsonObject) =>
    textAnswer(String(body.generation ?? ''), stopReasonOf(body.stop_reason) ?? 'end_turn', {
      inputTokens: numberOr(body.prompt_token_count),
      outputTokens: numberOr(body.generation_token_count),
    }),
  decoder() {
    const events = new TextEvents();
    return (chunk) => events.next(String(chunk.generation ?? ''), stopReasonOf(chunk.stop_reason));
  },
};
