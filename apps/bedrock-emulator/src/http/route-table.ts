// Matches requests on the RAW path: split on '/', then decode each label once. Decoding first would
// turn an ARN's %2F into extra segments (bedrock-wire.md §1.5).
import { EmulatorError } from './emulator-error';
import type { EmulatorRoute } from './types';

interface CompiledRoute {
  route: EmulatorRoute;
  /** Literal segment, or a label name in braces. */
  segments: Array<{ literal: string } | { label: string }>;
}

export interface RouteMatch {
  route: EmulatorRoute;
  params: Record<string, string>;
}

export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: EmulatorRoute[]) {
    this.routes = routes.map((route) => ({
      route,
      segments: route.pattern
        .split('/')
        .filter(Boolean)
        .map((segment) => {
          const label = /^\{(\w+)\}$/.exec(segment);
          return label ? { label: label[1] } : { literal: segment };
        }),
    }));
  }

  /** The route whose method and pattern fit, with its labels decoded. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const segments = rawPath.split('/').filter(Boolean);
    for (const compiled of this.routes) {
      if (compiled.route.method !== method || compiled.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = compiled.segments.every((pattern, index) => {
        if ('literal' in pattern) return pattern.literal === segments[index];
        params[pattern.label] = decodeLabel(segments[index]);
        return true;
      });
      if (fits) return { route: compiled.route, params };
    }
    return undefined;
  }
}

function decodeLabel(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw EmulatorError.validation(`The path segment ${segment} is not valid percent-encoding.`);
  }
}
