// A gateway + emulator pair for the /bedrock passthrough specs, set up as LiteLLM's passthrough docs do:
// the gateway's default AWS credentials and region in the environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_REGION_NAME), a few deployments, and native AWS SDK clients pointed at
// http://<gateway>/bedrock that carry a virtual key instead of AWS credentials.
import { randomUUID } from 'node:crypto';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Pluggable } from '@smithy/types';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import {
  EMULATOR_CREDENTIALS,
  EMULATOR_CREDENTIALS_YAML,
  EMULATOR_REGION,
} from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** What an AWS SDK signs with when the gateway, not AWS, checks the caller: anything. */
const CLIENT_DUMMY_CREDENTIALS = {
  accessKeyId: 'AKIDCLIENTDUMMY',
  secretAccessKey: 'client-side-dummy-secret',
};

function deployment(name: string, model: string, extra = ''): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: ${model}${EMULATOR_CREDENTIALS_YAML}${extra}`;
}

export const CONFIG_MODELS = `model_list:${[
  deployment('claude-haiku', 'bedrock/anthropic.claude-3-haiku-20240307-v1:0'),
  deployment('nova-lite', 'bedrock/converse/us.amazon.nova-lite-v1:0'),
  deployment('support-agent', 'bedrock/agent/L1RT58GYRW/MFPSBCXYTW'),
  deployment('rerank-amazon', 'bedrock/arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0'),
  // Registered for passthrough: a knowledge base in an access group, and a guardrail.
  deployment(
    'support-kb',
    'bedrock/knowledgebase/KBSUPPORT1',
    '\n    model_info:\n      access_groups: [support]',
  ),
  deployment('pii-guardrail', 'bedrock/guardrail/piiguard'),
].join('')}
`;

export interface PassthroughFixture {
  emulator: RunningEmulator;
  gateway: TestGateway;
  prisma: ReturnType<typeof newPrismaClient>;
  /** http://127.0.0.1:<port>/bedrock */
  endpoint: string;
  flushSpend(): Promise<void>;
  spendRow(requestId: string): Promise<Record<string, any> | null>;
  close(): Promise<void>;
}

export async function startPassthroughFixture(env: Record<string, string> = {}): Promise<PassthroughFixture> {
  const emulator = await startEmulator({ port: 0 });
  // The default credential chain of the gateway's AWS SDK reads these, as in LiteLLM's quick start.
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  const gateway = await startTestGateway({
    configYaml: CONFIG_MODELS,
    awsEndpoint: emulator.endpoint,
    env: { AWS_REGION_NAME: EMULATOR_REGION, AWS_REGION: EMULATOR_REGION, ...env },
  });
  const prisma = newPrismaClient(env.DATABASE_URL);
  const flushSpend = () => gateway.app.get(SpendWriter).flush();
  return {
    emulator,
    gateway,
    prisma,
    endpoint: `${gateway.baseUrl}/bedrock`,
    flushSpend,
    async spendRow(requestId) {
      await flushSpend();
      return prisma.spendLog.findFirst({ where: { requestId } });
    },
    async close() {
      await gateway.close();
      await emulator.close();
      await prisma.$disconnect();
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    },
  };
}

const sentRequestIds = new WeakMap<object, string[]>();

/** The x-request-id of the client's last call: the gateway takes it as the spend row's request id. */
export function lastRequestId(client: object): string {
  return sentRequestIds.get(client)!.at(-1)!;
}

/**
 * A middleware that adds the virtual key beside the SDK's own SigV4 Authorization (LiteLLM's header),
 * or only tags the request with an x-request-id when `key` is undefined.
 */
function tagging(client: object, key: string | undefined, header = 'x-litellm-api-key'): Pluggable<any, any> {
  const ids: string[] = [];
  sentRequestIds.set(client, ids);
  return {
    applyToStack(stack) {
      stack.add(
        (next) => (args) => {
          const headers = (args.request as { headers: Record<string, string> }).headers;
          if (key !== undefined) headers[header] = key;
          const id = randomUUID();
          ids.push(id);
          headers['x-request-id'] = id;
          return next(args);
        },
        { step: 'build', name: 'quarryVirtualKey' },
      );
    },
  };
}

/**
 * Client settings for the gateway: HTTP/1.1 (the SDK's Bedrock clients default to HTTP/2, which the
 * gateway does not serve over plain http), one attempt, dummy SigV4 credentials the gateway ignores.
 */
function clientSettings(endpoint: string) {
  return {
    region: EMULATOR_REGION,
    endpoint,
    credentials: CLIENT_DUMMY_CREDENTIALS,
    authSchemePreference: ['sigv4'],
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  };
}

export function runtimeClient(
  endpoint: string,
  key: string | undefined,
  header?: string,
): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient(clientSettings(endpoint));
  client.middlewareStack.use(tagging(client, key, header));
  return client;
}

/** Records the x-quarry-response-cost header of the client's latest answer. */
export function costHeaderOf(client: BedrockRuntimeClient): { value: string | undefined } {
  const seen: { value: string | undefined } = { value: undefined };
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      seen.value = (result.response as { headers: Record<string, string> }).headers['x-quarry-response-cost'];
      return result;
    },
    { step: 'deserialize', name: 'readCost' },
  );
  return seen;
}

/** The bearer-token form: the virtual key as the Bedrock API key (what AWS_BEARER_TOKEN_BEDROCK sets). */
export function bearerRuntimeClient(endpoint: string, key: string): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    region: EMULATOR_REGION,
    endpoint,
    token: { token: key },
    authSchemePreference: ['httpBearerAuth'],
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
  client.middlewareStack.use(tagging(client, undefined));
  return client;
}

export function agentRuntimeClient(endpoint: string, key: string | undefined): BedrockAgentRuntimeClient {
  const client = new BedrockAgentRuntimeClient(clientSettings(endpoint));
  client.middlewareStack.use(tagging(client, key));
  return client;
}
