// LiteLLM-compatible model management: /model/new, /model/update, /model/delete. Bodies are validated
// like every management body, then by the same rules as config.yaml's model_list.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { strictBody } from '../../platform/validation/management-validation.pipe';
import { DeleteModelDto } from './dto/delete-model.dto';
import { NewModelDto } from './dto/new-model.dto';
import { UpdateModelDto } from './dto/update-model.dto';
import { ModelsService } from './models.service';

@Controller('model')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Post('new')
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: NewModelDto) {
    return this.models.create(principal, body);
  }

  @Post('update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: UpdateModelDto) {
    return this.models.update(principal, body);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: DeleteModelDto) {
    return this.models.delete(principal, body);
  }
}
