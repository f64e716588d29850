// Deployments as the router sees them (id, order, weight, rpm, tpm), for the strategy specs.
import type { ResolvedDeployment } from '../../deployments/resolved-deployment';

export type RoutedFields = Partial<Pick<ResolvedDeployment, 'order' | 'weight' | 'rpm' | 'tpm'>>;

export function routed(id: string, fields: RoutedFields = {}): ResolvedDeployment {
  return { deployment: { id }, order: 1, ...fields } as unknown as ResolvedDeployment;
}

/** How often each deployment came first in `rounds` orderings. */
export function leaders(rounds: number, order: () => readonly ResolvedDeployment[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    const id = order()[0].deployment.id;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/** ids in order. */
export function ids(list: readonly ResolvedDeployment[]): string[] {
  return list.map((deployment) => deployment.deployment.id);
}
