// How a Messages API call reaches a deployment — the one place this surface decides it. Claude (3 and
// later) takes the client's body natively through InvokeModel, whatever route the deployment names for
// chat completions; other chat models (Claude 2 included) go through Converse (messages-converse.ts);
// agents cannot serve it.
import { invokeFormatOf } from '@quarry/bedrock';
import { OpenAIError } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

export type MessagesRoute = 'anthropic' | 'converse';

export function messagesRouteOf(deployment: ResolvedDeployment, model: string): MessagesRoute {
  if (deployment.route.kind === 'agent')
    throw OpenAIError.badRequest(
      `Model "${model}" is served through Bedrock Agents, which the Messages API does not support`,
      'model',
      'unsupported_route',
    );
  return invokeFormatOf(deployment.route) === 'anthropic-messages' ? 'anthropic' : 'converse';
}
