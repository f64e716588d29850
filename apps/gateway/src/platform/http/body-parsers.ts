// The request body parsers, registered here rather than by Nest (bodyParser: false) so that JSON goes
// through the depth cap before it is parsed. Same content types as Nest's defaults.
import type { FastifyInstance } from 'fastify';
import { jsonNestsDeeperThan, jsonTooDeepError, MAX_JSON_DEPTH } from './json-body-limits';

export function registerBodyParsers(fastify: FastifyInstance): void {
  // Fastify's own JSON parser (prototype- and constructor-poisoning checks included), behind the cap.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string, MAX_JSON_DEPTH)) done(jsonTooDeepError(), undefined);
    else parseJson(request, body as string, done);
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  // File uploads (/v1/files): read whole within their own cap, parsed by the route (multipart-form.ts).
  fastify.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );
}

/** The largest upload /v1/files takes (a batch input file: up to 50,000 requests). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
