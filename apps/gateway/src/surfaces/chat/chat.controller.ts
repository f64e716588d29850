import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { ChatService } from './chat.service';

@Controller()
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  // The reply is ours (no passthrough): a streamed answer has taken over the raw response by the time
  // complete() returns, and Nest answering it again made Fastify build and log an "already sent" error
  // for every stream.
  @Post(['v1/chat/completions', 'chat/completions'])
  @HttpCode(200)
  async complete(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const completion = await this.chat.complete(principal, body, request, reply);
    if (completion) void reply.send(completion);
  }
}
