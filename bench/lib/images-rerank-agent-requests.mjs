// The request kinds beyond chat and embeddings: `images` (POST /v1/images/generations on Titan Image
// Generator v2), `rerank` (POST /v1/rerank, Cohere's format, on the agent runtime's Rerank API) and
// `agent` / `agent-stream` (a chat completion on a `bedrock/agent/` deployment: one InvokeAgent turn).
// For each, Quarry's request and the Bedrock call Quarry makes of it, which the direct target sends
// straight to the emulator (signed, as the AWS SDK would).
import { AGENT_ALIAS_ID, AGENT_ID, IMAGE_MODEL_ID, REGION, RERANK_MODEL_ID } from './bench-constants.mjs';

const IMAGE_PROMPT = 'A lighthouse on a rocky coast at dusk, watercolour';
const IMAGE_SIZE = { width: 1024, height: 1024 };

/** A retrieval pipeline's typical call: a short query against a handful of short passages. */
const RERANK_QUERY = 'What is the capital of France?';
const RERANK_DOCUMENTS = [
  'Paris is the capital and most populous city of France.',
  'Berlin is the capital of Germany and its largest city.',
  'The Eiffel Tower was built for the 1889 World Fair in Paris.',
  'Madrid is the capital of Spain, in the centre of the Iberian Peninsula.',
  'Lyon is the third-largest city of France, known for its cuisine.',
  'Photosynthesis turns light, water and carbon dioxide into sugar.',
  'The Loire is the longest river in France.',
  'Rome was the capital of the Roman Empire.',
];
const RERANK_TOP_N = 3;

const AGENT_PROMPT = 'Hello! In one sentence, what can you help me with?';
/**
 * One session for every request of a run, on both targets: the emulator's answer recalls the session's
 * last inputs, so both must be in the same state (Quarry otherwise makes a fresh session per request).
 * Quarry sends it upstream behind a 12-character tenant prefix; the direct call's id is as long.
 */
const AGENT_SESSION_ID = 'bench-session';
const DIRECT_AGENT_SESSION_ID = `q0123456789-${AGENT_SESSION_ID}`;

export const IMAGE_RERANK_AGENT_KINDS = ['images', 'rerank', 'agent', 'agent-stream'];

/** Quarry's deployment route (QUARRY_ROUTES) serving each of these kinds. */
export const QUARRY_ROUTE_OF_KIND = {
  images: 'image',
  rerank: 'rerank',
  agent: 'agent',
  'agent-stream': 'agent',
};

/** Quarry's path and body for one of these kinds, with its public model name. */
export function quarryImageRerankAgentRequest(kind, model) {
  if (kind === 'images') {
    return {
      path: '/v1/images/generations',
      body: JSON.stringify({
        model,
        prompt: IMAGE_PROMPT,
        n: 1,
        size: `${IMAGE_SIZE.width}x${IMAGE_SIZE.height}`,
      }),
    };
  }
  if (kind === 'rerank') {
    return {
      path: '/v1/rerank',
      body: JSON.stringify({ model, query: RERANK_QUERY, documents: RERANK_DOCUMENTS, top_n: RERANK_TOP_N }),
    };
  }
  // No max_tokens: an agent's own configuration sets its model settings (Quarry refuses it for agents).
  const body = { model, messages: [{ role: 'user', content: AGENT_PROMPT }], session_id: AGENT_SESSION_ID };
  if (kind === 'agent-stream') body.stream = true;
  return { path: '/v1/chat/completions', body: JSON.stringify(body) };
}

/** The Bedrock call Quarry makes of that request (libs/bedrock's images, rerank and agents translations). */
export function directImageRerankAgentCall(kind) {
  if (kind === 'images') {
    return {
      path: `/model/${encodeURIComponent(IMAGE_MODEL_ID)}/invoke`,
      body: JSON.stringify({
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: IMAGE_PROMPT },
        imageGenerationConfig: { numberOfImages: 1, ...IMAGE_SIZE, quality: 'standard' },
      }),
    };
  }
  if (kind === 'rerank') {
    return {
      path: '/rerank',
      body: JSON.stringify({
        queries: [{ type: 'TEXT', textQuery: { text: RERANK_QUERY } }],
        sources: RERANK_DOCUMENTS.map((text) => ({
          type: 'INLINE',
          inlineDocumentSource: { type: 'TEXT', textDocument: { text } },
        })),
        rerankingConfiguration: {
          type: 'BEDROCK_RERANKING_MODEL',
          bedrockRerankingConfiguration: {
            numberOfResults: RERANK_TOP_N,
            modelConfiguration: {
              modelArn: `arn:aws:bedrock:${REGION}::foundation-model/${RERANK_MODEL_ID}`,
            },
          },
        },
      }),
    };
  }
  // Quarry always asks for the trace (the usage it meters is only there), and for a streamed final
  // response when the client streams.
  return {
    path: `/agents/${AGENT_ID}/agentAliases/${AGENT_ALIAS_ID}/sessions/${DIRECT_AGENT_SESSION_ID}/text`,
    body: JSON.stringify({
      enableTrace: true,
      inputText: AGENT_PROMPT,
      ...(kind === 'agent-stream' ? { streamingConfigurations: { streamFinalResponse: true } } : {}),
    }),
  };
}
