import { Global, Module } from '@nestjs/common';
import { ModelRegistry } from './model-registry';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

/** Global: access decisions, key grants and invocation read deployments from ModelRegistry. */
@Global()
@Module({
  controllers: [ModelsController],
  providers: [ModelRegistry, ModelsService],
  exports: [ModelRegistry],
})
export class ModelsModule {}
