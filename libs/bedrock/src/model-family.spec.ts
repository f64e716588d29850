import { familyOf } from './model-family';

describe('familyOf', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic'],
    ['amazon.nova-pro-v1:0', 'amazon-nova'],
    ['amazon.titan-text-express-v1', 'amazon-titan'],
    ['amazon.rerank-v1:0', 'other'],
    ['meta.llama3-8b-instruct-v1:0', 'meta'],
    ['mistral.mistral-large-2407-v1:0', 'mistral'],
    ['cohere.command-r-v1:0', 'cohere'],
    ['ai21.jamba-1-5-mini-v1:0', 'ai21'],
    ['deepseek.v3.2', 'deepseek'],
    ['openai.gpt-oss-20b-1:0', 'openai'],
    ['qwen.qwen3-32b-v1:0', 'qwen'],
    ['writer.palmyra-x5-v1:0', 'writer'],
    ['zai.glm-4.7', 'other'],
    ['arn:aws:bedrock:us-east-1:1:provisioned-model/x', 'other'],
  ])('%s → %s', (modelId, family) => {
    expect(familyOf(modelId)).toBe(family);
  });
});
