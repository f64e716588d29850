// GET /health, and the binding that lets /model_group/info (tenancy) show each deployment's cooldown
// state: DeploymentStates is the cooldowns' view, made global here because tenancy may not import
// invocation (layers import downwards).
import { Global, Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { DeploymentCooldowns } from '../../invocation/cooldowns/deployment-cooldowns';
import { DeploymentStates } from '../../tenancy/model-listings/deployment-states';
import { DeploymentHealthController } from './deployment-health.controller';
import { DeploymentHealthService } from './deployment-health.service';

@Global()
@Module({
  imports: [InvocationModule],
  controllers: [DeploymentHealthController],
  providers: [DeploymentHealthService, { provide: DeploymentStates, useExisting: DeploymentCooldowns }],
  exports: [DeploymentStates],
})
export class DeploymentHealthModule {}
