// router_settings.routing_strategy → the DeploymentRouter the pipeline uses (one per process).
import type { RouterSettings } from '../../platform/config/router-settings';
import type { DeploymentRouter } from './deployment-router';
import { LatencyRouter } from './latency-router';
import { LeastBusyRouter } from './least-busy-router';
import { SimpleShuffleRouter } from './simple-shuffle-router';
import { UsageRouter } from './usage-router';

export function routerFor(settings: RouterSettings): DeploymentRouter {
  switch (settings.routingStrategy) {
    case 'least-busy':
      return new LeastBusyRouter();
    case 'latency-based-routing':
      return new LatencyRouter(settings.latency);
    case 'usage-based-routing':
      return new UsageRouter();
    case 'simple-shuffle':
      return new SimpleShuffleRouter();
  }
}
