// OpenAI's model list and model retrieval: only the models (and model aliases) the calling key may call.
import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ModelListingsService } from './model-listings.service';

@Controller()
export class OpenAIModelsController {
  constructor(private readonly listings: ModelListingsService) {}

  @Get(['v1/models', 'models'])
  list(@CurrentPrincipal() principal: Principal) {
    return this.listings.openAIList(principal);
  }

  /** `models.retrieve`: a wildcard route, because model names carry `/` and `:` (`bedrock/…:0`). */
  @Get(['v1/models/*', 'models/*'])
  retrieve(@CurrentPrincipal() principal: Principal, @Param('*') modelId: string) {
    return this.listings.openAIModel(principal, modelId);
  }
}
