// The agent runtime's Rerank call for one request.
import {
  RerankCommand,
  type BedrockAgentRuntimeClient,
  type RerankCommandInput,
  type RerankCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';

export function rerankDocuments(
  agentRuntime: BedrockAgentRuntimeClient,
  input: RerankCommandInput,
  signal: AbortSignal,
): Promise<RerankCommandOutput> {
  return agentRuntime.send(new RerankCommand(input), { abortSignal: signal });
}
