// A gateway with a deployment for each surface the limits step guards (chat, embeddings, images, rerank),
// one call per surface made as a client would, and keys made with the budgets and limits a test needs.
import OpenAI from 'openai';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { asMaster, unique } from '../support/management-api';
import { createTeam, createUser } from '../support/tenants';
import { deployment, faultyDeployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

export const LIMITS_DEPLOYMENTS = [
  deployment(
    'limits-embed',
    'bedrock/amazon.titan-embed-text-v2:0',
    '\n    model_info:\n      mode: embedding',
  ),
  deployment('limits-image', 'bedrock/amazon.titan-image-generator-v2:0'),
  deployment('limits-rerank', 'bedrock/arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0'),
  // Slow enough for calls to overlap, and a stream that takes a while to finish.
  faultyDeployment('limits-slow', HAIKU, 'latency:300'),
  faultyDeployment('limits-trickle', HAIKU, 'tps:20'),
  faultyDeployment('limits-broken', HAIKU, 'error500', '\n      num_retries: 0'),
  deployment('limits-capped', `bedrock/${HAIKU}`, '\n      rpm: 2\n      tpm: 100000'),
].join('');

export type Surface = 'chat' | 'embeddings' | 'images' | 'rerank';
export const SURFACES: Surface[] = ['chat', 'embeddings', 'images', 'rerank'];

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
}

export async function startLimitsFixture(extra = '', env: Record<string, string> = {}): Promise<ChatFixture> {
  return startChatFixture(LIMITS_DEPLOYMENTS + extra, ['limits-*'], env);
}

/**
 * One request on `surface` with the openai SDK (rerank: Cohere's format over fetch), never throwing;
 * `user` is the OpenAI end user.
 */
export async function callSurface(
  fixture: ChatFixture,
  key: string,
  surface: Surface,
  user?: string,
): Promise<CallResult> {
  const client = new OpenAI({ apiKey: key, baseURL: `${fixture.gateway.baseUrl}/v1`, maxRetries: 0 });
  try {
    return await madeCall(fixture, client, key, surface, user);
  } catch (error) {
    if (error instanceof OpenAI.APIError)
      return { status: error.status ?? 0, headers: error.headers ?? new Headers(), body: error.error };
    throw error;
  }
}

async function madeCall(
  fixture: ChatFixture,
  client: OpenAI,
  key: string,
  surface: Surface,
  user: string | undefined,
): Promise<CallResult> {
  switch (surface) {
    case 'chat': {
      const { data, response } = await client.chat.completions
        .create({
          model: 'claude-haiku',
          messages: [{ role: 'user', content: 'hello' }],
          max_tokens: 20,
          user,
        })
        .withResponse();
      return { status: response.status, headers: response.headers, body: data };
    }
    case 'embeddings': {
      const { data, response } = await client.embeddings
        .create({ model: 'limits-embed', input: 'hello', user })
        .withResponse();
      return { status: response.status, headers: response.headers, body: data };
    }
    case 'images': {
      const { data, response } = await client.images
        .generate({ model: 'limits-image', prompt: 'a lighthouse', size: '1024x1024', user })
        .withResponse();
      return { status: response.status, headers: response.headers, body: data };
    }
    case 'rerank': {
      const response = await fixture.gateway.request('/v1/rerank', {
        method: 'POST',
        key,
        json: { model: 'limits-rerank', query: 'capital', documents: ['Paris', 'Mitochondria'], user },
      });
      const body = (await response.json()) as any;
      return { status: response.status, headers: response.headers, body: response.ok ? body : body.error };
    }
    default: {
      const unknownSurface: never = surface;
      throw new Error(`unknown surface ${String(unknownSurface)}`);
    }
  }
}

/** A key that may call every deployment of the fixture, in a team of its own with a user of its own. */
export async function limitedKey(
  fixture: ChatFixture,
  fields: {
    key?: Record<string, unknown>;
    team?: Record<string, unknown>;
    user?: Record<string, unknown>;
  } = {},
): Promise<{ key: string; token: string; teamId: string; userId: string }> {
  const user = await createUser(fixture.gateway);
  if (fields.user) await asMaster(fixture.gateway, '/user/update', { user_id: user.id, ...fields.user });
  const teamId = await createTeam(fixture.gateway, {
    members: [{ user_id: user.id, role: 'user' }],
    ...fields.team,
  });
  const created = await asMaster(fixture.gateway, '/key/generate', {
    key_alias: unique('limits'),
    team_id: teamId,
    user_id: user.id,
    models: ['claude-haiku', 'limits-*'],
    ...fields.key,
  });
  return { key: created.key, token: created.token, teamId, userId: user.id };
}

export { EMULATOR_CREDENTIALS_YAML };

/**
 * Waits, when needed, until the current one-minute rate-limit window has at least `marginMs` left, so
 * a test's calls all fall in one window (counters restart on the minute).
 */
export async function withinOneWindow(marginMs = 8_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
