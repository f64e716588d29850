// Fixed facts the benchmark's parts share: the emulated model and the emulator's credentials.
export const BEDROCK_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
/** The embedding model of the `embeddings` request kind. */
export const EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';
export const REGION = 'us-east-1';
export const EMULATOR_ACCESS_KEY_ID = 'AKIAQUARRYEMULATOR01';
export const EMULATOR_SECRET_ACCESS_KEY = 'quarry-emulator-secret-key-do-not-use-in-aws';

/** Quarry's public model name for an emulator: `bench-50ms` (answers after 50 ms) or `bench-hold`. */
export function quarryModelName(emulatorKey, route = '') {
  const prefix = route ? `bench-${route}-` : 'bench-';
  return typeof emulatorKey === 'number' ? `${prefix}${emulatorKey}ms` : `${prefix}${emulatorKey}`;
}

/** Quarry's deployments per emulator: chat over Converse, chat over InvokeModel, embeddings. */
export const QUARRY_ROUTES = [
  { route: '', model: `bedrock/${BEDROCK_MODEL_ID}` },
  { route: 'invoke', model: `bedrock/invoke/${BEDROCK_MODEL_ID}` },
  { route: 'embed', model: `bedrock/${EMBEDDING_MODEL_ID}` },
];
