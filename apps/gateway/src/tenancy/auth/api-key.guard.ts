// The global guard: every route needs a valid key unless it is marked @Public(). The principal is attached
// to the request for @CurrentPrincipal() and for the route's access checks.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { extractPresentedKey } from './key-headers';
import { KeyAuthenticator } from './key-authenticator.service';
import type { Principal } from './principal';
import { IS_PUBLIC } from '../../platform/http/public.decorator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: KeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.authenticator.authenticate(extractPresentedKey(request.headers));
    return true;
  }
}
