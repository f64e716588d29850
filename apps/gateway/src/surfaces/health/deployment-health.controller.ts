// GET /health (LiteLLM's): probes every deployment, so it is the master key's alone — a virtual key must
// not learn what other teams' models are or spend Bedrock calls on them. /health/liveliness and
// /health/readiness (platform/health) stay public and call nothing.
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import { forbidden } from '../../tenancy/auth/management-errors';
import type { Principal } from '../../tenancy/auth/principal';
import { DeploymentHealthService } from './deployment-health.service';

@Controller()
export class DeploymentHealthController {
  constructor(private readonly health: DeploymentHealthService) {}

  @Get('health')
  check(@CurrentPrincipal() principal: Principal, @Query('model') model?: unknown) {
    if (principal.kind !== 'master') throw forbidden('Only the master key can call /health.');
    return this.health.check(typeof model === 'string' && model !== '' ? model : undefined);
  }
}
