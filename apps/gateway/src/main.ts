// The gateway process: validate configuration, start, and drain cleanly on SIGTERM/SIGINT.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { ConfigError } from './platform/config/config-error';
import { createGateway } from './bootstrap';
import { tuneHeapForServing } from './platform/runtime/heap-tuning';

async function main(): Promise<void> {
  tuneHeapForServing();
  let app: NestFastifyApplication;
  try {
    app = await createGateway();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const config = app.get<AppConfig>(APP_CONFIG);
  // SIGTERM/SIGINT → app.close(): drain requests, flush spend, then close the pool (see GracefulShutdown).
  // Then exit with code 0: the shutdown went as planned (Nest would otherwise re-raise the signal).
  app.enableShutdownHooks([], { useProcessExit: true });
  await app.listen(config.port, config.host);
  // The bound port, not the configured one: PORT=0 picks a free port.
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    `Quarry gateway listening on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`Quarry failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
