// LiteLLM's end-user management: /customer/new, /customer/update, /customer/delete, /customer/info,
// /customer/list, /customer/block, /customer/unblock, and the same under /end_user/.
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { lenientQuery, strictBody } from '../../platform/validation/management-validation.pipe';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { EndUserFieldsDto } from './dto/end-user-fields.dto';
import { EndUserIdsDto } from './dto/end-user-ids.dto';
import { EndUserInfoQuery, EndUserListQuery } from './dto/end-user-query';
import { EndUsersService } from './end-users.service';

@Controller(['customer', 'end_user'])
export class EndUsersController {
  constructor(private readonly endUsers: EndUsersService) {}

  @Post('new')
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: EndUserFieldsDto) {
    return this.endUsers.create(principal, body);
  }

  @Post('update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: EndUserFieldsDto) {
    return this.endUsers.update(principal, body);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: EndUserIdsDto) {
    return this.endUsers.delete(principal, body);
  }

  @Post('block')
  @HttpCode(200)
  block(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: EndUserIdsDto) {
    return this.endUsers.setBlocked(principal, body, true);
  }

  @Post('unblock')
  @HttpCode(200)
  unblock(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: EndUserIdsDto) {
    return this.endUsers.setBlocked(principal, body, false);
  }

  @Get('info')
  info(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: EndUserInfoQuery) {
    return this.endUsers.info(principal, query.end_user_id, query.team_id);
  }

  @Get('list')
  list(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: EndUserListQuery) {
    return this.endUsers.list(principal, query.team_id);
  }
}
