// A gateway with Bedrock agent deployments, configured as LiteLLM's Bedrock Agents page writes them
// (credentials from os.environ, one aws_region_name per deployment), against one emulator that stands
// in for us-east-1 and us-west-2. The emulator paces its output, so a stream can be seen arriving in
// pieces.
import OpenAI from 'openai';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

/** Output tokens per second of the emulated agents (an answer of ~25 tokens takes ~0.25 s). */
export const AGENT_TOKENS_PER_SECOND = 100;

const agent = (name: string, agentPath: string, region: string, extra = '') => `
  - model_name: ${name}
    litellm_params:
      model: bedrock/agent/${agentPath}
      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
      aws_secret_access_key: os.environ/AWS_SECRET_ACCESS_KEY
      aws_region_name: ${region}${extra}`;

// The seed's second agent is AGENT456/ALIAS789; Bedrock's agent and alias ids are 10 characters, so
// the emulator (like Bedrock) would refuse those placeholders: this one keeps their shape at full length.
export const CONFIG_YAML = `model_list:${[
  agent('bedrock-agent-1', 'L1RT58GYRW/MFPSBCXYTW', 'us-west-2'),
  agent('bedrock-agent-2', 'AGENT45600/ALIAS78900', 'us-east-1'),
  agent('returning-agent', 'RCAGENT001/ALIAS00001', 'us-east-1'),
  agent('nova-agent', 'NOVAAGENT1/ALIAS00001', 'us-east-1'),
  agent('missing-agent', 'NOTFOUND01/ALIAS00001', 'us-east-1'),
].join('')}
`;

type SpendRow = NonNullable<Awaited<ReturnType<ReturnType<typeof newPrismaClient>['spendLog']['findFirst']>>>;

export interface AgentFixture {
  emulator: RunningEmulator;
  gateway: TestGateway;
  tenant: TestTenant;
  client: OpenAI;
  prisma: ReturnType<typeof newPrismaClient>;
  spendRow(requestId: string): Promise<SpendRow | null>;
  close(): Promise<void>;
}

export async function startAgentFixture(): Promise<AgentFixture> {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  const emulator = await startEmulator({
    port: 0,
    region: 'us-east-1',
    regions: ['us-west-2'],
    tokensPerSecond: AGENT_TOKENS_PER_SECOND,
  });
  // The configuration is checked against the gateway's variables, and credentials are read from the
  // process's environment when a deployment is first called: both hold them, as in a real process.
  const gateway = await startTestGateway({
    configYaml: CONFIG_YAML,
    awsEndpoint: emulator.endpoint,
    env: {
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    },
  });
  const tenant = await createTenant(gateway, {
    keyModels: ['bedrock-agent-1', 'bedrock-agent-2', 'returning-agent', 'nova-agent', 'missing-agent'],
  });
  // As the seed's OpenAI SDK example: the gateway's root as base URL, no /v1.
  const client = new OpenAI({ apiKey: tenant.key, baseURL: gateway.baseUrl, maxRetries: 0 });
  const prisma = newPrismaClient();
  return {
    emulator,
    gateway,
    tenant,
    client,
    prisma,
    async spendRow(requestId) {
      await gateway.app.get(SpendWriter).flush();
      return prisma.spendLog.findFirst({ where: { requestId } });
    },
    async close() {
      await gateway.close();
      await emulator.close();
      await prisma.$disconnect();
      restore('AWS_ACCESS_KEY_ID', saved.id);
      restore('AWS_SECRET_ACCESS_KEY', saved.secret);
    },
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
