// The default strategy (LiteLLM's `simple-shuffle` without weights): a random order per call spreads load
// over the deployments of a model name, and the rest of the order serves as fallbacks.
import { Injectable } from '@nestjs/common';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { DeploymentRouter } from './deployment-router';

@Injectable()
export class ShuffleRouter extends DeploymentRouter {
  order(candidates: readonly ResolvedDeployment[]): ResolvedDeployment[] {
    const ordered = candidates.slice();
    for (let index = ordered.length - 1; index > 0; index--) {
      const other = Math.floor(Math.random() * (index + 1));
      [ordered[index], ordered[other]] = [ordered[other], ordered[index]];
    }
    return ordered;
  }

  observe(): void {
    // Shuffling learns nothing from outcomes.
  }
}
