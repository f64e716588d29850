// Which Bedrock API serves a chat request on a deployment, from the deployment's route
// (`bedrock/converse/…`, `bedrock/invoke/…`, `bedrock/agent/…`). Converse and InvokeModel share one
// invocation (chat-invocation.ts; their translations are tagged by chatRouteOf); agents have their own.
import { OpenAIError } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

/** Converse or InvokeModel, for the invocation that serves both. */
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
