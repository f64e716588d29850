import { Global, Module } from '@nestjs/common';
import { ModelAccessService } from '../access/model-access.service';
import { ModelDeploymentsRepository } from './model-deployments.repository';
import { ModelRegistry } from './model-registry';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { OpenAIModelsController } from './openai-models.controller';

/** Global: every model-taking route injects ModelAccessService (and ModelRegistry) without importing this. */
@Global()
@Module({
  controllers: [ModelsController, OpenAIModelsController],
  providers: [ModelRegistry, ModelAccessService, ModelsService, ModelDeploymentsRepository],
  exports: [ModelRegistry, ModelAccessService],
})
export class ModelsModule {}
