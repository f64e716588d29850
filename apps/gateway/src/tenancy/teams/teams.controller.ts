// LiteLLM-compatible team management: /team/new, /team/update, /team/delete, /team/info, /team/list,
// /team/member_add, /team/member_update, /team/member_delete, /team/block, /team/unblock.
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { lenientQuery, strictBody } from '../../platform/validation/management-validation.pipe';
import { DeleteTeamsDto } from './dto/delete-teams.dto';
import { ListTeamsQuery } from './dto/list-teams.query';
import { NewTeamDto } from './dto/new-team.dto';
import { TeamInfoQuery } from './dto/team-info.query';
import { TeamMemberAddDto } from './dto/team-member-add.dto';
import { TeamMemberDeleteDto } from './dto/team-member-delete.dto';
import { TeamMemberUpdateDto } from './dto/team-member-update.dto';
import { TeamReferenceDto } from './dto/team-reference.dto';
import { UpdateTeamDto } from './dto/update-team.dto';
import { TeamsService } from './teams.service';

@Controller('team')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post('new')
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: NewTeamDto) {
    return this.teams.create(principal, body);
  }

  @Post('update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: UpdateTeamDto) {
    return this.teams.update(principal, body);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: DeleteTeamsDto) {
    return this.teams.delete(principal, body);
  }

  @Get('info')
  info(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: TeamInfoQuery) {
    return this.teams.info(principal, query.team_id);
  }

  @Get('list')
  list(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: ListTeamsQuery) {
    return this.teams.list(principal, query.user_id);
  }

  @Post('member_add')
  @HttpCode(200)
  addMembers(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: TeamMemberAddDto) {
    return this.teams.addMembers(principal, body);
  }

  @Post('member_update')
  @HttpCode(200)
  updateMember(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: TeamMemberUpdateDto) {
    return this.teams.updateMember(principal, body);
  }

  @Post('member_delete')
  @HttpCode(200)
  removeMember(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: TeamMemberDeleteDto) {
    return this.teams.removeMember(principal, body);
  }

  @Post('block')
  @HttpCode(200)
  block(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: TeamReferenceDto) {
    return this.teams.setBlocked(principal, body.team_id, true);
  }

  @Post('unblock')
  @HttpCode(200)
  unblock(@CurrentPrincipal() principal: Principal, @Body(strictBody) body: TeamReferenceDto) {
    return this.teams.setBlocked(principal, body.team_id, false);
  }
}
