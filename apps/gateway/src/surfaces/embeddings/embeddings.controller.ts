import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientReply } from '../../invocation/reply/client-reply';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { EmbeddingsService } from './embeddings.service';

@Controller()
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsService) {}

  @Post(['v1/embeddings', 'embeddings'])
  @HttpCode(200)
  embed(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.embeddings.embed(principal, body, new ClientReply(request, reply));
  }
}
