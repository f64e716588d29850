// A gateway + emulator pair with chat deployments, shared by the chat end-to-end specs.
import OpenAI from 'openai';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

function deployment(name: string, model: string, extra = ''): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: ${model}${EMULATOR_CREDENTIALS_YAML}${extra}`;
}

/**
 * A deployment of `baseModelId` whose calls make the emulator inject `faults`. The fault-suffixed id
 * goes out as `model_id`, which the gateway sends untouched (like a provisioned-throughput id), so
 * prices and capabilities still follow the model named in `model`.
 */
function faultyDeployment(name: string, baseModelId: string, faults: string, extra = ''): string {
  return deployment(
    name,
    `bedrock/${baseModelId}`,
    `\n      model_id: ${withFaults(baseModelId, faults)}${extra}`,
  );
}

export interface ChatFixture {
  emulator: RunningEmulator;
  gateway: TestGateway;
  tenant: TestTenant;
  client: OpenAI;
  prisma: ReturnType<typeof newPrismaClient>;
  /** Writes buffered spend now, so a test can read the rows its requests left. */
  flushSpend(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `extraKeyModels`: model names (or wildcards) the tenant's key may also use, for `extraDeployments`;
 * `env`: extra gateway environment (REDIS_URL, …).
 */
export async function startChatFixture(
  extraDeployments = '',
  extraKeyModels: string[] = [],
  env: Record<string, string> = {},
): Promise<ChatFixture> {
  const emulator = await startEmulator({ port: 0 });
  const configYaml = `model_list:${[
    deployment('claude-haiku', 'bedrock/anthropic.claude-3-haiku-20240307-v1:0'),
    deployment('claude-sonnet-4-5', 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
    deployment('nova-lite', 'bedrock/converse/us.amazon.nova-lite-v1:0'),
    deployment('secret-model', 'bedrock/anthropic.claude-3-5-haiku-20241022-v1:0'),
    deployment(
      'titan-embed',
      'bedrock/amazon.titan-embed-text-v2:0',
      '\n    model_info:\n      mode: embedding',
    ),
  ].join('')}${extraDeployments}
litellm_settings:
  num_retries: 2
`;
  const gateway = await startTestGateway({ configYaml, awsEndpoint: emulator.endpoint, env });
  const tenant = await createTenant(gateway, {
    keyModels: [
      'claude-haiku',
      'claude-sonnet-4-5',
      'nova-lite',
      'titan-embed',
      'guarded-*',
      'flaky-*',
      'broken-*',
      'slow-*',
      ...extraKeyModels,
    ],
  });
  const client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
  const prisma = newPrismaClient();
  return {
    emulator,
    gateway,
    tenant,
    client,
    prisma,
    flushSpend: () => gateway.app.get(SpendWriter).flush(),
    async close() {
      await gateway.close();
      await emulator.close();
      await prisma.$disconnect();
    },
  };
}

export { deployment, faultyDeployment };
