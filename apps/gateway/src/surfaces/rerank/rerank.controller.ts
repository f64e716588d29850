import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientReply } from '../../invocation/reply/client-reply';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { RerankService } from './rerank.service';

@Controller()
export class RerankController {
  constructor(private readonly rerank: RerankService) {}

  /** Cohere's format on every path its SDKs and LiteLLM use: v1 and v2 share the body we accept. */
  @Post(['rerank', 'v1/rerank', 'v2/rerank'])
  @HttpCode(200)
  rank(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.rerank.rank(principal, body, new ClientReply(request, reply));
  }
}
