// OpenAI's model list: only the models (and model aliases) the calling key may call.
import { Controller, Get } from '@nestjs/common';
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
}
