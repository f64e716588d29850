import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { KeyAuthenticator } from './key-authenticator.service';

/** Authentication and cross-instance cache invalidation; ApiKeyGuard is registered as APP_GUARD by AppModule. */
@Global()
@Module({
  providers: [KeyAuthenticator, CacheInvalidationService, ApiKeyGuard],
  exports: [KeyAuthenticator, CacheInvalidationService, ApiKeyGuard],
})
export class AuthModule {}
