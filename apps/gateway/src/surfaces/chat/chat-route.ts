// Which Bedrock API serves a chat deployment — the one place the chat surface decides it. Converse is
// the default; InvokeModel serves `bedrock/invoke/…` deployments, imported models named through a spec
// prefix, and models Converse does not serve (from the capability table, in parseDeploymentModel).
import { OpenAIError } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

export type ChatRoute = 'converse' | 'invoke';

export function chatRouteOf(deployment: ResolvedDeployment, model: string): ChatRoute {
  switch (deployment.route.kind) {
    case 'converse':
      return 'converse';
    case 'invoke':
      return 'invoke';
    case 'agent':
      throw OpenAIError.badRequest(
        `Model "${model}" is served through Bedrock Agents, which chat completions do not support yet; use a bedrock/converse/ deployment`,
        'model',
        'unsupported_route',
      );
    default: {
      const _exhaustive: never = deployment.route.kind;
      throw new Error(`unknown route ${String(_exhaustive)}`);
    }
  }
}
