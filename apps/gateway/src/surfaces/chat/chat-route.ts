// Which Bedrock API serves a chat request on a deployment — converse | invoke | agent, from the
// deployment's route (`bedrock/converse/…`, `bedrock/invoke/…`, `bedrock/agent/…`) — and the one
// invocation the pipeline runs for a request whose deployments (fallbacks included) may differ in route.
// Each route's invocation is built on first use; routes without one fall to Converse, whose translation
// answers a clear 400 for a route chat does not serve.
import type { BedrockRouteKind } from '@quarry/bedrock';
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
  const built = new Map<ChatRouteKind, Invocation>();
  const routeOf = (deployment: ResolvedDeployment): Invocation => {
    const kind: ChatRouteKind = builders[deployment.route.kind] ? deployment.route.kind : 'converse';
    let route = built.get(kind);
    if (!route) {
      route = (builders[kind] ?? builders.converse)();
      built.set(kind, route);
    }
    return route;
  };
  const translate = async (deployment: ResolvedDeployment): Promise<Routed> => {
    const route = routeOf(deployment);
    return { route, value: await route.translate(deployment) };
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
    send: async (deployment, translated: Routed, signal) => ({
      route: translated.route,
      value: await asUnary(translated.route).send(deployment, translated.value, signal),
    }),
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
