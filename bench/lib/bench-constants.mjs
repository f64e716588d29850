// Fixed facts the benchmark's parts share: the emulated models and the emulator's credentials.
export const BEDROCK_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
/** The embedding model of the `embeddings` request kind. */
export const EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';
/** The image model of the `images` request kind (Titan's body: one InvokeModel call per request). */
export const IMAGE_MODEL_ID = 'amazon.titan-image-generator-v2:0';
/** The rerank model of the `rerank` request kind (the agent runtime's Rerank API, named by ARN). */
export const RERANK_MODEL_ID = 'amazon.rerank-v1:0';
/** The Bedrock agent of the `agent` kinds: the emulator serves any 10-character upper-case id. */
export const AGENT_ID = 'BENCHAGENT';
export const AGENT_ALIAS_ID = 'BENCHALIAS';
export const REGION = 'us-east-1';
export const EMULATOR_ACCESS_KEY_ID = 'AKIAQUARRYEMULATOR01';
export const EMULATOR_SECRET_ACCESS_KEY = 'quarry-emulator-secret-key-do-not-use-in-aws';

/** Quarry's public model name for an emulator: `bench-50ms` (answers after 50 ms) or `bench-hold`. */
export function quarryModelName(emulatorKey, route = '') {
  const prefix = route ? `bench-${route}-` : 'bench-';
  return typeof emulatorKey === 'number' ? `${prefix}${emulatorKey}ms` : `${prefix}${emulatorKey}`;
}

/**
 * Quarry's deployments per emulator: chat over Converse, chat over InvokeModel, embeddings, images,
 * rerank and a Bedrock agent. The agent runtime has an endpoint setting of its own (rerank, though on
 * the agent runtime too, takes the runtime endpoint, as docs/rerank.md says); the emulator serves both.
 */
export const QUARRY_ROUTES = [
  { route: '', model: `bedrock/${BEDROCK_MODEL_ID}` },
  { route: 'invoke', model: `bedrock/invoke/${BEDROCK_MODEL_ID}` },
  { route: 'embed', model: `bedrock/${EMBEDDING_MODEL_ID}` },
  { route: 'image', model: `bedrock/${IMAGE_MODEL_ID}` },
  { route: 'rerank', model: `bedrock/${RERANK_MODEL_ID}` },
  {
    route: 'agent',
    model: `bedrock/agent/${AGENT_ID}/${AGENT_ALIAS_ID}`,
    endpointSetting: 'aws_bedrock_agent_runtime_endpoint',
  },
];
