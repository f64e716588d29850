// The rpm, tpm and parallel-request counters a call takes from: its key's, team's and user's (from the
// principal cached at authentication) and its deployment's rpm/tpm. An entity without a limit adds no
// counter, so a call with no limits set makes no check at all.
import type { Limits, Principal } from '../../tenancy/auth/principal';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { CounterCheck } from './counters/limit-counters';

/** Which limit refused, for the 429's message and `param`. */
const FIELD: Record<CounterCheck['kind'], string> = {
  requests: 'rpm_limit',
  tokens: 'tpm_limit',
  parallel: 'max_parallel_requests',
};

export function describeCheck(check: CounterCheck): { owner: string; field: string } {
  const [owner] = check.name.split(':');
  if (owner === 'deployment') return { owner, field: check.kind === 'requests' ? 'rpm' : 'tpm' };
  return { owner, field: FIELD[check.kind] };
}

export function entityChecks(principal: Principal, tokens: () => number): CounterCheck[] {
  const checks: CounterCheck[] = [];
  addLimits(checks, 'key', principal.key?.id, principal.key, tokens);
  addLimits(checks, 'team', principal.team?.id, principal.team, tokens);
  addLimits(checks, 'user', principal.user?.id, principal.user, tokens);
  return checks;
}

export function deploymentChecks(deployment: ResolvedDeployment, tokens: () => number): CounterCheck[] {
  const checks: CounterCheck[] = [];
  const name = `deployment:${deployment.deployment.id}`;
  if (deployment.rpm !== undefined)
    checks.push({ name: `${name}:rpm`, kind: 'requests', limit: deployment.rpm, amount: 1 });
  if (deployment.tpm !== undefined)
    checks.push({ name: `${name}:tpm`, kind: 'tokens', limit: deployment.tpm, amount: tokens() });
  return checks;
}

export function hasRateLimits(limits: Limits | undefined): boolean {
  return (
    !!limits && (limits.rpmLimit !== null || limits.tpmLimit !== null || limits.maxParallelRequests !== null)
  );
}

function addLimits(
  checks: CounterCheck[],
  owner: string,
  id: string | undefined,
  limits: Limits | undefined,
  tokens: () => number,
): void {
  if (!id || !limits) return;
  if (limits.rpmLimit !== null)
    checks.push({ name: `${owner}:${id}:rpm`, kind: 'requests', limit: limits.rpmLimit, amount: 1 });
  if (limits.tpmLimit !== null)
    checks.push({ name: `${owner}:${id}:tpm`, kind: 'tokens', limit: limits.tpmLimit, amount: tokens() });
  if (limits.maxParallelRequests !== null)
    checks.push({
      name: `${owner}:${id}:parallel`,
      kind: 'parallel',
      limit: limits.maxParallelRequests,
      amount: 1,
    });
}
