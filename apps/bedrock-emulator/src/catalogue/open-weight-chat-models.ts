// Open-weight chat models Bedrock serves (gpt-oss safeguard, DeepSeek V3.x, Qwen3, Kimi, MiniMax,
// Palmyra, Gemma 3, Nemotron, the Mistral 2025 line, GLM). The emulator speaks no native InvokeModel
// body for them, so they are Converse-only here; vision where the model takes images.
import { chatModel, type ChatTraits } from './chat-model';
import type { FoundationModel } from './foundation-model';

const openWeight = (modelId: string, modelName: string, providerName: string, traits: ChatTraits = {}) =>
  chatModel(modelId, modelName, providerName, 'openai-chat', { converseOnly: true, ...traits });

export const openWeightChatModels: FoundationModel[] = [
  openWeight('openai.gpt-oss-safeguard-20b', 'gpt-oss-safeguard-20b', 'OpenAI'),
  openWeight('openai.gpt-oss-safeguard-120b', 'gpt-oss-safeguard-120b', 'OpenAI'),
  openWeight('deepseek.v3.2', 'DeepSeek-V3.2', 'DeepSeek'),
  openWeight('qwen.qwen3-235b-a22b-2507-v1:0', 'Qwen3 235B A22B 2507', 'Qwen'),
  openWeight('qwen.qwen3-coder-30b-a3b-v1:0', 'Qwen3 Coder 30B A3B', 'Qwen'),
  openWeight('qwen.qwen3-coder-480b-a35b-v1:0', 'Qwen3 Coder 480B A35B', 'Qwen'),
  openWeight('qwen.qwen3-coder-next', 'Qwen3 Coder Next', 'Qwen'),
  openWeight('qwen.qwen3-next-80b-a3b', 'Qwen3 Next 80B A3B', 'Qwen'),
  openWeight('qwen.qwen3-vl-235b-a22b', 'Qwen3 VL 235B A22B', 'Qwen', { vision: true }),
  openWeight('moonshotai.kimi-k2.5', 'Kimi K2.5', 'Moonshot AI', { vision: true }),
  openWeight('moonshot.kimi-k2-thinking', 'Kimi K2 Thinking', 'Moonshot AI'),
  openWeight('minimax.minimax-m2', 'MiniMax M2', 'MiniMax'),
  openWeight('minimax.minimax-m2.1', 'MiniMax M2.1', 'MiniMax'),
  openWeight('writer.palmyra-x4-v1:0', 'Palmyra X4', 'Writer'),
  openWeight('writer.palmyra-x5-v1:0', 'Palmyra X5', 'Writer'),
  openWeight('google.gemma-3-4b-it', 'Gemma 3 4B IT', 'Google', { vision: true }),
  openWeight('google.gemma-3-12b-it', 'Gemma 3 12B IT', 'Google', { vision: true }),
  openWeight('google.gemma-3-27b-it', 'Gemma 3 27B IT', 'Google', { vision: true }),
  openWeight('nvidia.nemotron-nano-9b-v2', 'NVIDIA Nemotron Nano 9B v2', 'NVIDIA'),
  openWeight('nvidia.nemotron-nano-12b-v2', 'NVIDIA Nemotron Nano 12B v2 VL', 'NVIDIA', { vision: true }),
  openWeight('nvidia.nemotron-nano-3-30b', 'NVIDIA Nemotron Nano 3 30B', 'NVIDIA'),
  // Pixtral Large is served through cross-region inference profiles only (us./eu.).
  openWeight('mistral.pixtral-large-2502-v1:0', 'Pixtral Large (25.02)', 'Mistral AI', {
    vision: true,
    profileOnly: true,
  }),
  openWeight('mistral.magistral-small-2509', 'Magistral Small 2509', 'Mistral AI', { vision: true }),
  openWeight('mistral.ministral-3-3b-instruct', 'Ministral 3B', 'Mistral AI', { vision: true }),
  openWeight('mistral.ministral-3-8b-instruct', 'Ministral 3 8B', 'Mistral AI', { vision: true }),
  openWeight('mistral.ministral-3-14b-instruct', 'Ministral 14B 3.0', 'Mistral AI', { vision: true }),
  openWeight('mistral.devstral-2-123b', 'Devstral 2 123B', 'Mistral AI'),
  // Voxtral takes audio on Bedrock; the emulator's Converse has text blocks for it only.
  openWeight('mistral.voxtral-mini-3b-2507', 'Voxtral Mini 3B 2507', 'Mistral AI'),
  openWeight('mistral.voxtral-small-24b-2507', 'Voxtral Small 24B 2507', 'Mistral AI'),
  openWeight('zai.glm-4.7', 'GLM 4.7', 'Z.AI'),
  openWeight('zai.glm-4.7-flash', 'GLM 4.7 Flash', 'Z.AI'),
];
