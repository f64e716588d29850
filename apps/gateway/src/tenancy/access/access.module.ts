import { Global, Module } from '@nestjs/common';
import { ModelAccessService } from './model-access.service';
import { RegisteredResourceAccess } from './registered-resource-access';

/** Global: every model-taking route injects ModelAccessService without importing this module. */
@Global()
@Module({
  providers: [ModelAccessService, RegisteredResourceAccess],
  exports: [ModelAccessService, RegisteredResourceAccess],
})
export class AccessModule {}
