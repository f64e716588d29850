// The cheapest call that proves a deployment answers: Bedrock's CountTokens for Claude (nothing is
// generated or billed), else a one-token Converse. Other modes (embeddings, images, rerank, agents,
// batches) are not probed: each would cost a real call of its kind, so /health lists them as not checked.
import { converse, countAnthropicTokens, invokeFormatOf, toBedrockAnthropicBody } from '@quarry/bedrock';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

/** Why a deployment is not probed, or undefined when it is. */
export function unprobedReason(deployment: ResolvedDeployment): string | undefined {
  if (deployment.mode !== 'chat') return `${deployment.mode} deployments are not checked`;
  if (deployment.route.kind === 'agent') return 'agent deployments are not checked';
  return undefined;
}

export async function probe(deployment: ResolvedDeployment, signal: AbortSignal): Promise<void> {
  const messages = [{ role: 'user' as const, content: [{ text: 'ping' }] }];
  if (invokeFormatOf(deployment.route) === 'anthropic-messages') {
    const body = toBedrockAnthropicBody({ max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] }, []);
    await countAnthropicTokens(deployment.runtime, deployment.route.modelId, body, signal);
    return;
  }
  await converse(
    deployment.runtime,
    { modelId: deployment.route.modelId, messages, inferenceConfig: { maxTokens: 1 } },
    signal,
  );
}
