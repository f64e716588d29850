import type { FastifyRequest } from 'fastify';
import pino from 'pino';
// The errors Prisma's client throws (the generated client re-exports these runtime classes).
import { PrismaClientKnownRequestError, PrismaClientValidationError } from '@prisma/client/runtime/client';
import { OpenAIExceptionFilter } from './openai-exception.filter';

const ROW_DATA = 'previousHash: "3f1c9e0b7a-hash-of-an-old-key"';

function filterWithLog() {
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
  return { filter: new OpenAIExceptionFilter(logger), lines };
}

describe('OpenAIExceptionFilter, unexpected errors', () => {
  const request = { id: 'req-7' } as FastifyRequest;

  it.each([
    [
      new PrismaClientKnownRequestError(`Invalid \`update()\` invocation: { data: { ${ROW_DATA} } }`, {
        code: 'P2000',
        clientVersion: 'test',
      }),
      { name: 'PrismaClientKnownRequestError', code: 'P2000' },
    ],
    [
      new PrismaClientValidationError(`Argument \`metadata\` is missing. { data: { ${ROW_DATA} } }`, {
        clientVersion: 'test',
      }),
      { name: 'PrismaClientValidationError' },
    ],
  ])(
    'logs only the name and code of a Prisma client error, whose message quotes row data',
    (error, logged) => {
      const { filter, lines } = filterWithLog();
      const answer = filter.toOpenAIError(error, request);
      expect(answer.status).toBe(500);
      expect(answer.message).toContain('req-7');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).err).toEqual(logged);
      expect(lines[0]).not.toContain('previousHash');
    },
  );

  it('logs the message and stack of other errors, and answers 500 without them', () => {
    const { filter, lines } = filterWithLog();
    const answer = filter.toOpenAIError(new TypeError('cannot read properties of undefined'), request);
    expect(answer.status).toBe(500);
    expect(answer.message).not.toContain('cannot read');
    const logged = JSON.parse(lines[0]).err;
    expect(logged.message).toBe('cannot read properties of undefined');
    expect(logged.stack).toContain('TypeError');
  });
});

describe('OpenAIExceptionFilter, database unreachable', () => {
  const request = { id: 'req-8' } as FastifyRequest;

  it('answers 503 with Retry-After when Prisma cannot reach the database', () => {
    const { filter } = filterWithLog();
    const unreachable = new PrismaClientKnownRequestError("Can't reach database server at 127.0.0.1:5432", {
      code: 'P1001',
      clientVersion: 'test',
    });
    const answer = filter.toOpenAIError(unreachable, request);
    expect(answer.status).toBe(503);
    expect(Number(answer.headers['Retry-After'])).toBeGreaterThan(0);
    expect(answer.toBody().error).toMatchObject({ type: 'server_error', code: 'service_unavailable' });
  });

  it('keeps a socket error that is not the database a 500', () => {
    const { filter } = filterWithLog();
    const answer = filter.toOpenAIError(
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      request,
    );
    expect(answer.status).toBe(500);
  });
});
