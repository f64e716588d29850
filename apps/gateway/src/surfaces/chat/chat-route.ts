// Which Bedrock API serves a chat request on a deployment — converse | invoke | agent, from the
// deployment's route (`bedrock/converse/…`, `bedrock/invoke/…`, `bedrock/agent/…`) — and the one
// invocation the pipeline runs for a request whose deployments (fallbacks included) may differ in route.
// Each route's invocation is built on first use. Converse and InvokeModel share one invocation (their
// translations are tagged by chatRouteOf); agents have their own.
import type { BedrockRouteKind } from '@quarry/bedrock';
import { OpenAIError } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Invocation, StreamInvocation, UnaryInvocation } from '../../invocation/invocation';
import type { ModelMode } from '../../tenancy/models/model-mode';

export type ChatRouteKind = BedrockRouteKind;

export type ChatRouteBuilders = { converse: () => Invocation } & Partial<
  Record<Exclude<ChatRouteKind, 'converse'>, () => Invocation>
>;

/** A value tagged with the route invocation that made it, so later steps go back to the same route. */
interface Routed {
  route: Invocation;
  value: unknown;
}

export function routedChatInvocation(
  model: string,
  modes: readonly ModelMode[],
  stream: boolean,
  builders: ChatRouteBuilders,
): Invocation {
  // A plain object rather than a Map, and promise chains rather than async wrappers below: this layer
  // runs on every chat call, and most calls only ever build one route.
  const built: Partial<Record<ChatRouteKind, Invocation>> = {};
  const routeOf = (deployment: ResolvedDeployment): Invocation => {
    const kind: ChatRouteKind = builders[deployment.route.kind] ? deployment.route.kind : 'converse';
    return (built[kind] ??= (builders[kind] ?? builders.converse)());
  };
  const translate = (deployment: ResolvedDeployment): Promise<Routed> => {
    const route = routeOf(deployment);
    return route.translate(deployment).then((value): Routed => ({ route, value }));
  };
  if (stream) {
    return {
      kind: 'stream',
      model,
      modes,
      translate,
      open: async (deployment, translated: Routed, signal) => ({
        route: translated.route,
        value: await asStream(translated.route).open(deployment, translated.value, signal),
      }),
      relay: (opened: Routed, translated: Routed, deployment) =>
        asStream(translated.route).relay(opened.value, translated.value, deployment),
    };
  }
  return {
    kind: 'unary',
    model,
    modes,
    translate,
    send: (deployment, translated: Routed, signal) =>
      asUnary(translated.route)
        .send(deployment, translated.value, signal)
        .then((value): Routed => ({ route: translated.route, value })),
    respond: (output: Routed, translated: Routed, deployment) =>
      asUnary(translated.route).respond(output.value, translated.value, deployment),
  };
}

function asStream(route: Invocation): StreamInvocation<unknown, unknown> {
  if (route.kind !== 'stream') throw new Error('a chat route built a unary invocation for a stream');
  return route;
}

function asUnary(route: Invocation): UnaryInvocation<unknown, unknown> {
  if (route.kind !== 'unary') throw new Error('a chat route built a stream invocation for a unary call');
  return route;
}

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
