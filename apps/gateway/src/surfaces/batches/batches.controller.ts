import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { BatchesService } from './batches.service';

@Controller()
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post(['v1/batches', 'batches'])
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.batches.create(principal, body, request.id);
  }

  @Get(['v1/batches', 'batches'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.batches.list(principal, query);
  }

  @Get(['v1/batches/:id', 'batches/:id'])
  retrieve(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.batches.retrieve(principal, id);
  }

  @Post(['v1/batches/:id/cancel', 'batches/:id/cancel'])
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.batches.cancel(principal, id);
  }
}
