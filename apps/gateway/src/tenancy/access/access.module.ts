import { Global, Module } from '@nestjs/common';
import { ModelAccessService } from './model-access.service';

/** Global: every model-taking route injects ModelAccessService without importing this module. */
@Global()
@Module({
  providers: [ModelAccessService],
  exports: [ModelAccessService],
})
export class AccessModule {}
