// LiteLLM-compatible model listings: /model/info and /model_group/info.
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { lenientQuery } from '../../platform/validation/management-validation.pipe';
import { ModelGroupInfoQuery } from './dto/model-group-info.query';
import { ModelInfoQuery } from './dto/model-info.query';
import { ModelListingsService } from './model-listings.service';

@Controller()
export class ModelListingsController {
  constructor(private readonly listings: ModelListingsService) {}

  @Get(['model/info', 'v1/model/info'])
  info(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: ModelInfoQuery) {
    return this.listings.info(principal, query.litellm_model_id);
  }

  @Get('model_group/info')
  groupInfo(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: ModelGroupInfoQuery) {
    return this.listings.groupInfo(principal, query.model_group);
  }
}
