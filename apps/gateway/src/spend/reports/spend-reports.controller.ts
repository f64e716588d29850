// LiteLLM-compatible spend reports: /spend/logs, /global/spend/report, /spend/keys, /spend/teams.
// docs/spend-reports.md describes the parameters and shapes.
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { lenientQuery } from '../../platform/validation/management-validation.pipe';
import { SpendLogsQuery } from './dto/spend-logs.query';
import { SpendRankingQuery } from './dto/spend-ranking.query';
import { SpendReportQuery } from './dto/spend-report.query';
import { SpendReportsService } from './spend-reports.service';

@Controller()
export class SpendReportsController {
  constructor(private readonly reports: SpendReportsService) {}

  @Get('spend/logs')
  logs(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: SpendLogsQuery) {
    return this.reports.spendLogs(principal, query);
  }

  @Get('global/spend/report')
  report(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: SpendReportQuery) {
    return this.reports.report(principal, query);
  }

  @Get('spend/keys')
  keys(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: SpendRankingQuery) {
    return this.reports.keysBySpend(principal, query);
  }

  @Get('spend/teams')
  teams(@CurrentPrincipal() principal: Principal, @Query(lenientQuery) query: SpendRankingQuery) {
    return this.reports.teamsBySpend(principal, query);
  }
}
