// /bedrock/{path} is a Fastify route of its own, in an encapsulated scope without body parsers: the
// request body must reach Bedrock as the client sent it (JSON, octet-stream or anything else), read
// only by the relay. It is not a Nest controller, so neither the OpenAI-shaped guard and exception filter
// nor the JSON parser stand between the client and the relay; the service authenticates and answers
// errors in AWS's shape itself.
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { InvocationModule } from '../../invocation/invocation.module';
import { SpendModule } from '../../spend/spend.module';
import { DefaultCredentials } from './default-credentials';
import { PassthroughAccess } from './passthrough-access';
import { PASSTHROUGH_PREFIX, PassthroughService } from './passthrough.service';

@Module({
  imports: [InvocationModule, SpendModule],
  providers: [PassthroughService, PassthroughAccess, DefaultCredentials],
})
export class PassthroughModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly passthrough: PassthroughService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register((scope, _options, done) => {
      scope.removeAllContentTypeParsers();
      // The body stays unread on request.raw for the relay.
      scope.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null));
      scope.route({
        method: ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'],
        url: `${PASSTHROUGH_PREFIX}/*`,
        handler: (request, reply) => this.passthrough.handle(request, reply),
      });
      done();
    });
  }
}
