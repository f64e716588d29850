// A gateway + emulator pair for the Messages API, with the @anthropic-ai/sdk client pointed at the
// gateway (baseURL = the gateway, apiKey = a virtual key), as an Anthropic SDK user configures it.
import Anthropic from '@anthropic-ai/sdk';
import { withFaults } from '../../apps/bedrock-emulator/src/index';
import { deployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';

type SpendRow = NonNullable<Awaited<ReturnType<ChatFixture['prisma']['spendLog']['findFirst']>>>;

export interface MessagesFixture extends ChatFixture {
  anthropic: Anthropic;
  spendRow(requestId: string): Promise<SpendRow | null>;
}

const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

export async function startMessagesFixture(): Promise<MessagesFixture> {
  const fixture = await startChatFixture(
    // Claude Code's names for the same models, as ordinary model names.
    deployment('claude-sonnet-4-5-20250929', `bedrock/${SONNET}`) +
      deployment('claude-haiku-4-5', 'bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0') +
      deployment(
        'claude-broken-midstream',
        `bedrock/${SONNET}`,
        `\n      model_id: ${withFaults(SONNET, 'midstream')}`,
      ) +
      deployment(
        'claude-throttled',
        `bedrock/${SONNET}`,
        `\n      model_id: ${withFaults(SONNET, 'throttle')}`,
      ) +
      deployment(
        'claude-unavailable',
        `bedrock/${SONNET}`,
        `\n      model_id: ${withFaults(SONNET, 'unavailable')}`,
      ),
    ['claude-*'],
  );
  const anthropic = new Anthropic({
    apiKey: fixture.tenant.key,
    baseURL: fixture.gateway.baseUrl,
    maxRetries: 0,
  });
  return {
    ...fixture,
    anthropic,
    async spendRow(requestId: string) {
      await fixture.flushSpend();
      return fixture.prisma.spendLog.findFirst({ where: { requestId } });
    },
  };
}
