// The mode of a public model (what kind of endpoint serves it): model_info.mode when configured,
// otherwise inferred from the Bedrock model id.
import type { Deployment } from './deployment';

export type ModelMode =
  | 'chat'
  | 'completion'
  | 'embedding'
  | 'image_generation'
  | 'rerank'
  | 'batch'
  | 'agent'
  | 'knowledge_base'
  | 'guardrail';

const ENDPOINTS: Record<ModelMode, string[]> = {
  chat: ['/v1/chat/completions'],
  completion: ['/v1/chat/completions'],
  embedding: ['/v1/embeddings'],
  image_generation: ['/v1/images/generations'],
  rerank: ['/v1/rerank'],
  batch: ['/v1/files', '/v1/batches'],
  agent: ['/v1/chat/completions'],
  // Registered for the /bedrock passthrough: who may reach them, on which credentials and region.
  knowledge_base: ['/bedrock/knowledgebases/{id}/retrieve', '/bedrock/retrieveAndGenerate'],
  guardrail: ['/bedrock/guardrail/{id}/version/{version}/apply'],
};

export function modeOf(deployment: Deployment): ModelMode {
  const configured = deployment.modelInfo.mode;
  if (typeof configured === 'string' && configured in ENDPOINTS) return configured as ModelMode;
  const model = String(deployment.litellmParams.model ?? '').toLowerCase();
  if (model.startsWith('bedrock/agent/')) return 'agent';
  if (model.startsWith('bedrock/knowledgebase/')) return 'knowledge_base';
  if (model.startsWith('bedrock/guardrail/')) return 'guardrail';
  if (model.includes('rerank')) return 'rerank';
  if (model.includes('embed')) return 'embedding';
  if (/stable-diffusion|titan-image|nova-canvas|stable-image|\bsd3\b|image-generator/.test(model))
    return 'image_generation';
  return 'chat';
}

export function endpointsFor(mode: ModelMode): string[] {
  return ENDPOINTS[mode];
}
