// LiteLLM's `simple-shuffle` (the default): a random order per call, weighted so each deployment leads
// its share of calls. The weights are `weight` when any deployment of the tier sets one (the others
// count as 1), else `rpm` when every deployment sets one, else `tpm` likewise, else all equal: a
// deployment without a limit has no capacity to compare, so mixing limited and unlimited ones shuffles
// them evenly. The rest of the order, drawn the same way, is the fallbacks.
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { RoutingEvent } from './deployment-router';
import { shuffleRange, TieredRouter } from './tiered-router';

type WeightOf = (deployment: ResolvedDeployment) => number;

const byWeight: WeightOf = (deployment) => deployment.weight ?? 1;
const byRpm: WeightOf = (deployment) => deployment.rpm!;
const byTpm: WeightOf = (deployment) => deployment.tpm!;

export class SimpleShuffleRouter extends TieredRouter {
  protected rank(list: ResolvedDeployment[], start: number, end: number): void {
    const weightOf = weightsOf(list, start, end);
    if (!weightOf) shuffleRange(list, start, end);
    else weightedShuffle(list, start, end, weightOf);
  }

  observe(_deployment: ResolvedDeployment, _event: RoutingEvent): void {
    // Shuffling learns nothing from outcomes.
  }
}

function weightsOf(list: readonly ResolvedDeployment[], start: number, end: number): WeightOf | undefined {
  let everyRpm = true;
  let everyTpm = true;
  for (let index = start; index < end; index++) {
    const deployment = list[index];
    if (deployment.weight !== undefined) return byWeight;
    everyRpm &&= deployment.rpm !== undefined && deployment.rpm > 0;
    everyTpm &&= deployment.tpm !== undefined && deployment.tpm > 0;
  }
  return everyRpm ? byRpm : everyTpm ? byTpm : undefined;
}

/** Draws positions one at a time, each deployment with probability weight / (weights left). */
function weightedShuffle(list: ResolvedDeployment[], start: number, end: number, weightOf: WeightOf): void {
  let total = 0;
  for (let index = start; index < end; index++) total += weightOf(list[index]);
  for (let position = start; position < end - 1; position++) {
    let draw = Math.random() * total;
    let chosen = end - 1;
    for (let index = position; index < end; index++) {
      draw -= weightOf(list[index]);
      if (draw < 0) {
        chosen = index;
        break;
      }
    }
    const picked = list[chosen];
    list[chosen] = list[position];
    list[position] = picked;
    total -= weightOf(picked);
  }
}
