import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { PrismaService } from '@quarry/db';
import { Public } from '../http/public.decorator';
import { QUARRY_VERSION } from '../version';

// Liveliness says the process answers; readiness says it can serve (database reachable).
// Spelled "liveliness" as LiteLLM does, so existing probes keep working.
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: PrismaService) {}

  @Get('liveliness')
  liveliness() {
    return { status: 'alive', version: QUARRY_VERSION };
  }

  @Get('readiness')
  @HttpCode(200)
  async readiness() {
    try {
      await this.database.ping();
    } catch {
      throw new ServiceUnavailableException('Database is not reachable');
    }
    return { status: 'ready', db: 'connected', version: QUARRY_VERSION };
  }
}
