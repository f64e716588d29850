// LiteLLM-compatible key management: /key/generate, /key/update, /key/delete, /key/info, /key/list,
// /key/regenerate, /key/block, /key/unblock.
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { lenientQuery, strictBody } from '../../platform/validation/management-validation.pipe';
import { PathParameterPipe } from '../../platform/validation/path-parameter.pipe';
import { DeleteKeysDto } from './dto/delete-keys.dto';
import { GenerateKeyDto } from './dto/generate-key.dto';
import { KeyInfoQuery } from './dto/key-info.query';
import { KeyReferenceDto } from './dto/key-reference.dto';
import { ListKeysQuery } from './dto/list-keys.query';
import { RegenerateKeyDto } from './dto/regenerate-key.dto';
import { UpdateKeyDto } from './dto/update-key.dto';
import { KeysService } from './keys.service';

@Controller('key')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post('generate')
  @HttpCode(200)
  generate(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: GenerateKeyDto) {
    return this.keys.generate(principal, body);
  }

  @Post('update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: UpdateKeyDto) {
    return this.keys.update(principal, body);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: DeleteKeysDto) {
    return this.keys.delete(principal, body);
  }

  @Get('info')
  info(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: KeyInfoQuery) {
    return this.keys.info(principal, query.key);
  }

  @Get('list')
  list(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: ListKeysQuery) {
    return this.keys.list(principal, query);
  }

  @Post('regenerate')
  @HttpCode(200)
  regenerate(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: RegenerateKeyDto) {
    return this.keys.regenerate(principal, undefined, body);
  }

  /** LiteLLM's path form: POST /key/{key}/regenerate. */
  @Post(':key/regenerate')
  @HttpCode(200)
  regenerateByPath(
    @CurrentPrincipal() principal: Principal,
    @Param('key', new PathParameterPipe('key')) key: string,
    @Body(strictBody) body: RegenerateKeyDto,
  ) {
    return this.keys.regenerate(principal, key, body);
  }

  @Post('block')
  @HttpCode(200)
  block(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: KeyReferenceDto) {
    return this.keys.setBlocked(principal, body.key, true);
  }

  @Post('unblock')
  @HttpCode(200)
  unblock(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: KeyReferenceDto) {
    return this.keys.setBlocked(principal, body.key, false);
  }
}
