import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { anthropicBetaOf } from '@quarry/bedrock';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientReply } from '../../invocation/reply/client-reply';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { CountTokensService } from './count-tokens.service';
import { MessagesService } from './messages.service';

// Anthropic's clients send their key as `x-api-key` (the SDKs) or `Authorization: Bearer` (Claude Code's
// ANTHROPIC_AUTH_TOKEN); the global guard reads both. `anthropic-version` is accepted and not needed:
// Bedrock's Anthropic body has its own version.
@Controller()
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly tokens: CountTokensService,
  ) {}

  // The pipeline owns the reply (ClientReply), as on chat completions.
  @Post(['v1/messages', 'messages'])
  @HttpCode(200)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.messages.create(
      principal,
      body,
      new ClientReply(request, reply),
      anthropicBetaOf(request.headers['anthropic-beta']),
    );
  }

  @Post(['v1/messages/count_tokens', 'messages/count_tokens'])
  @HttpCode(200)
  countTokens(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<{ input_tokens: number }> {
    return this.tokens.count(principal, body, anthropicBetaOf(request.headers['anthropic-beta']));
  }
}
