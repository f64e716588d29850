// The batch worker process: the gateway's environment (DATABASE_URL, QUARRY_CONFIG, AWS settings),
// no HTTP port. Stops cleanly on SIGTERM/SIGINT.
import { ConfigError } from '../../gateway/src/platform/config/config-error';
import { startWorker } from './start-worker';

async function main(): Promise<void> {
  const worker = await startWorker().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  });
  worker.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  process.stdout.write('Quarry batch worker running\n');
}

main().catch((error) => {
  process.stderr.write(
    `Quarry worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
