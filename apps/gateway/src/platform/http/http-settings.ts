// HTTP server settings shared by both adapters (Fastify, and Express for the measurement in bench/README).
import { randomUUID } from 'node:crypto';

/** Large enough for several images or documents as base64 in one chat request. */
export const BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** Keep-alive longer than typical load balancer idle timeouts avoids resets under load. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's x-request-id when it is a plausible id, else a fresh one. */
export function requestIdFor(given: string | string[] | undefined): string {
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}
