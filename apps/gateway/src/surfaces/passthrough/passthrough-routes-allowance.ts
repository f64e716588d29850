// LiteLLM's allowed_passthrough_routes, read from the key's metadata (where /key/* keeps it, writable by
// proxy admins only): when it lists routes, the call's canonical path (`/bedrock/model/<id>/converse`, keywords canonical, ids decoded) must
// match one of them — an exact path, a prefix ending at a segment boundary, or a `*` wildcard.
import { canonicalPathOf, type PassthroughTarget } from '@quarry/bedrock';
import type { Principal } from '../../tenancy/auth/principal';
import { wildcardMatches } from '../../tenancy/access/model-access-rule';
import { AwsError } from './aws-error';

const FIELD = 'allowed_passthrough_routes';

export function checkPassthroughRoutes(
  principal: Principal,
  prefix: string,
  target: PassthroughTarget,
): void {
  const list = principal.key?.metadata[FIELD];
  if (!Array.isArray(list) || list.length === 0) return;
  const path = `${prefix}${canonicalPathOf(target)}`;
  if (!list.some((entry) => typeof entry === 'string' && routeAllows(entry, path)))
    throw AwsError.accessDenied(`This API key may not call ${path} (allowed_passthrough_routes)`);
}

function routeAllows(entry: string, path: string): boolean {
  if (entry.includes('*')) return wildcardMatches(entry, path);
  const route = entry.endsWith('/') ? entry.slice(0, -1) : entry;
  return path === route || path.startsWith(`${route}/`);
}
