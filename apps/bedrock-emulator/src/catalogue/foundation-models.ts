// The models this emulator answers for. Chat models take Converse and InvokeModel (streamed or not);
// embedding, image and rerank models only take a non-streamed InvokeModel, as on Bedrock.
import { chatModel, type ChatTraits } from './chat-model';
import type { FoundationModel } from './foundation-model';
import { legacyChatModels } from './legacy-chat-models';
import { nonTextModels } from './non-text-models';
import { openWeightChatModels } from './open-weight-chat-models';
import { stabilityEditModels } from './stability-edit-models';
import { twelveLabsModels } from './twelvelabs-models';

const claude = (modelId: string, modelName: string, traits: ChatTraits = {}) =>
  chatModel(modelId, modelName, 'Anthropic', 'anthropic', { vision: true, countTokens: true, ...traits });

export const foundationModels: FoundationModel[] = [
  ...legacyChatModels,
  claude('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku'),
  claude('anthropic.claude-3-sonnet-20240229-v1:0', 'Claude 3 Sonnet', { legacy: true }),
  claude('anthropic.claude-3-opus-20240229-v1:0', 'Claude 3 Opus', { legacy: true }),
  claude('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', { vision: false }),
  claude('anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet'),
  claude('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2'),
  claude('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet'),
  claude('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4'),
  claude('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5'),
  claude('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5'),
  claude('anthropic.claude-opus-4-20250514-v1:0', 'Claude Opus 4'),
  claude('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1'),
  claude('anthropic.claude-opus-4-5-20251101-v1:0', 'Claude Opus 4.5'),
  claude('anthropic.claude-opus-4-6-v1', 'Claude Opus 4.6'),
  claude('anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6'),
  chatModel('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-70b-instruct-v1:0', 'Llama 3 70B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-1-70b-instruct-v1:0', 'Llama 3.1 70B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-1-405b-instruct-v1:0', 'Llama 3.1 405B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-2-1b-instruct-v1:0', 'Llama 3.2 1B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-2-3b-instruct-v1:0', 'Llama 3.2 3B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama3-2-11b-instruct-v1:0', 'Llama 3.2 11B Instruct', 'Meta', 'llama', { vision: true }),
  chatModel('meta.llama3-2-90b-instruct-v1:0', 'Llama 3.2 90B Instruct', 'Meta', 'llama', { vision: true }),
  chatModel('meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama4-scout-17b-instruct-v1:0', 'Llama 4 Scout 17B Instruct', 'Meta', 'llama'),
  chatModel('meta.llama4-maverick-17b-instruct-v1:0', 'Llama 4 Maverick 17B Instruct', 'Meta', 'llama'),
  chatModel('mistral.mistral-7b-instruct-v0:2', 'Mistral 7B Instruct', 'Mistral AI', 'mistral-text'),
  chatModel('mistral.mixtral-8x7b-instruct-v0:1', 'Mixtral 8x7B Instruct', 'Mistral AI', 'mistral-text'),
  chatModel('mistral.mistral-large-2402-v1:0', 'Mistral Large (24.02)', 'Mistral AI', 'mistral-text'),
  chatModel('mistral.mistral-small-2402-v1:0', 'Mistral Small (24.02)', 'Mistral AI', 'mistral-text'),
  chatModel('mistral.mistral-large-2407-v1:0', 'Mistral Large (24.07)', 'Mistral AI', 'mistral-chat'),
  chatModel('mistral.mistral-large-3-675b-instruct', 'Mistral Large 3', 'Mistral AI', 'openai-chat', {
    converseOnly: true,
    vision: true,
  }),
  chatModel('amazon.titan-text-express-v1', 'Titan Text G1 - Express', 'Amazon', 'titan-text'),
  chatModel('amazon.titan-text-lite-v1', 'Titan Text G1 - Lite', 'Amazon', 'titan-text'),
  chatModel('amazon.titan-text-premier-v1:0', 'Titan Text G1 - Premier', 'Amazon', 'titan-text'),
  chatModel('amazon.nova-micro-v1:0', 'Nova Micro', 'Amazon', 'nova'),
  chatModel('amazon.nova-lite-v1:0', 'Nova Lite', 'Amazon', 'nova', { vision: true }),
  chatModel('amazon.nova-pro-v1:0', 'Nova Pro', 'Amazon', 'nova', { vision: true }),
  chatModel('amazon.nova-premier-v1:0', 'Nova Premier', 'Amazon', 'nova', {
    vision: true,
    profileOnly: true,
  }),
  chatModel('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', 'Amazon', 'nova', { vision: true }),
  chatModel('amazon.nova-2-pro-preview-20251202-v1:0', 'Nova 2 Pro (preview)', 'Amazon', 'nova', {
    vision: true,
  }),
  chatModel('cohere.command-r-v1:0', 'Command R', 'Cohere', 'cohere-command'),
  chatModel('cohere.command-r-plus-v1:0', 'Command R+', 'Cohere', 'cohere-command'),
  chatModel('ai21.jamba-instruct-v1:0', 'Jamba-Instruct', 'AI21 Labs', 'ai21-jamba'),
  chatModel('ai21.jamba-1-5-mini-v1:0', 'Jamba 1.5 Mini', 'AI21 Labs', 'ai21-jamba'),
  chatModel('ai21.jamba-1-5-large-v1:0', 'Jamba 1.5 Large', 'AI21 Labs', 'ai21-jamba'),
  chatModel('openai.gpt-oss-20b-1:0', 'gpt-oss-20b', 'OpenAI', 'openai-chat'),
  chatModel('openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 'OpenAI', 'openai-chat'),
  chatModel('deepseek.r1-v1:0', 'DeepSeek-R1', 'DeepSeek', 'deepseek-r1'),
  chatModel('deepseek.v3-v1:0', 'DeepSeek-V3.1', 'DeepSeek', 'openai-chat', { converseOnly: true }),
  chatModel('qwen.qwen3-32b-v1:0', 'Qwen3 32B (dense)', 'Qwen', 'openai-chat'),
  ...openWeightChatModels,
  ...twelveLabsModels,
  ...nonTextModels,
  ...stabilityEditModels,
];

const modelsById = new Map(foundationModels.map((model) => [model.modelId, model]));

/** Exact base-model-id lookup (no profiles, no ARNs; see model-resolver.ts for those). */
export function findFoundationModel(modelId: string): FoundationModel | undefined {
  return modelsById.get(modelId);
}
