// LiteLLM-compatible user management: /user/new, /user/update, /user/delete, /user/info, /user/list.
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { lenientQuery, strictBody } from '../../platform/validation/management-validation.pipe';
import { DeleteUsersDto } from './dto/delete-users.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { NewUserDto } from './dto/new-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserInfoQuery } from './dto/user-info.query';
import { UsersService } from './users.service';

@Controller('user')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('new')
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: NewUserDto) {
    return this.users.create(principal, body);
  }

  @Post('update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: UpdateUserDto) {
    return this.users.update(principal, body);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: DeleteUsersDto) {
    return this.users.delete(principal, body);
  }

  @Get('info')
  info(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: UserInfoQuery) {
    return this.users.info(principal, query.user_id);
  }

  @Get('list')
  list(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: ListUsersQuery) {
    return this.users.list(principal, query);
  }
}
