// LiteLLM-compatible model management: /model/new, /model/update, /model/delete, /model/info,
// /model_group/info. Bodies are validated by the same rules as config.yaml's model_list.
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ModelsService } from './models.service';

@Controller()
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Post('model/new')
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.models.create(principal, body);
  }

  @Post('model/update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.models.update(principal, body);
  }

  @Post('model/delete')
  @HttpCode(200)
  delete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.models.delete(principal, body);
  }

  @Get(['model/info', 'v1/model/info'])
  info(@CurrentPrincipal() principal: Principal, @Query('litellm_model_id') modelId?: string) {
    return this.models.info(principal, modelId);
  }

  @Get('model_group/info')
  groupInfo(@CurrentPrincipal() principal: Principal, @Query('model_group') modelGroup?: string) {
    return this.models.groupInfo(principal, modelGroup);
  }
}
