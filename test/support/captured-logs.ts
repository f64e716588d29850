// A pino logger whose lines a test can read back, for assertions on what the gateway logged.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

export const WARN_LEVEL = 40;

export function capturingLogger(level: pino.LevelWithSilent = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
