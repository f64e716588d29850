import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../../tenancy/auth/current-principal.decorator';
import type { Principal } from '../../tenancy/auth/principal';
import { FilesService } from './files.service';
import { readUploadForm } from './upload-form';

@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post(['v1/files', 'files'])
  @HttpCode(200)
  upload(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.files.upload(principal, readUploadForm(request.headers['content-type'], body));
  }

  @Get(['v1/files', 'files'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.files.list(principal, query);
  }

  @Get(['v1/files/:id', 'files/:id'])
  retrieve(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.files.retrieve(principal, id);
  }

  @Get(['v1/files/:id/content', 'files/:id/content'])
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const content = await this.files.content(principal, id);
    await reply.header('content-type', 'application/octet-stream').send(content);
  }

  @Delete(['v1/files/:id', 'files/:id'])
  delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.files.delete(principal, id);
  }
}
