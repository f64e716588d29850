import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientReply } from '../../invocation/reply/client-reply';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { ChatService } from './chat.service';

@Controller()
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  // The pipeline owns the reply (ClientReply): Nest must not answer a stream that took over the raw
  // response (Fastify built and logged an "already sent" error for every stream when it did).
  @Post(['v1/chat/completions', 'chat/completions'])
  @HttpCode(200)
  complete(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const anthropicBeta = request.headers['anthropic-beta'];
    return this.chat.complete(principal, body, new ClientReply(request, reply), {
      anthropicBeta: Array.isArray(anthropicBeta) ? anthropicBeta.join(',') : anthropicBeta,
    });
  }
}
