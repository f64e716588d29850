// The shared invocation pipeline and its steps. Surfaces import this module and inject InvocationPipeline.
// The router and the limits are provided by their abstract classes, so a strategy or an enforcing
// implementation replaces one provider here and nothing else.
import { Module } from '@nestjs/common';
import { SpendModule } from '../spend/spend.module';
import { BedrockClients } from './deployments/bedrock-clients';
import { DeploymentResolver } from './deployments/deployment-resolver';
import { InvocationPipeline } from './invocation-pipeline';
import { InvocationLimits } from './limits/invocation-limits';
import { UnenforcedLimits } from './limits/unenforced-limits';
import { DeploymentRouter } from './routing/deployment-router';
import { ShuffleRouter } from './routing/shuffle-router';

@Module({
  imports: [SpendModule],
  providers: [
    BedrockClients,
    DeploymentResolver,
    InvocationPipeline,
    { provide: DeploymentRouter, useClass: ShuffleRouter },
    { provide: InvocationLimits, useClass: UnenforcedLimits },
  ],
  exports: [InvocationPipeline, DeploymentResolver, BedrockClients, DeploymentRouter, InvocationLimits],
})
export class InvocationModule {}
