// The service tier a Converse call asks for (serviceTier, or latency-optimized performanceConfig) and
// the one Bedrock reports it ran on (a Converse response and a stream's metadata echo both members):
// the reported tier wins, so a call Bedrock served on another tier is priced as served.
import type { ServiceTier } from '../../pricing/service-tier';

interface TierMembers {
  serviceTier?: { type?: string };
  performanceConfig?: { latency?: string };
}

const TIERS: ReadonlySet<string> = new Set(['default', 'flex', 'priority', 'reserved']);

export function serviceTierOf(members: TierMembers | undefined): ServiceTier | undefined {
  const type = members?.serviceTier?.type;
  if (type !== undefined && TIERS.has(type) && type !== 'default') return type as ServiceTier;
  if (members?.performanceConfig?.latency === 'optimized') return 'latency-optimized';
  return undefined;
}

/** The reported tier when Bedrock reported one, else the requested one. */
export function servedTier(
  reported: TierMembers | undefined,
  requested: ServiceTier | undefined,
): ServiceTier | undefined {
  const reportsTier = reported?.serviceTier !== undefined || reported?.performanceConfig !== undefined;
  return reportsTier ? serviceTierOf(reported) : requested;
}
