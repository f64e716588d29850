// Relays Bedrock's answer to the client as it arrives: status and headers (minus hop-by-hop ones), then
// the body through stream.pipeline, which carries backpressure both ways (a slow client slows the
// Bedrock socket) and tears the upstream down when the client leaves. Usage is read on the side.
// One exception: a successful Converse answer of known, small length is read whole first, so that its
// cost can go in x-quarry-response-cost as it does for chat (the usage is in the body, after the
// headers); the bytes sent are the same.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { formatCost, usageFromBody, type PassthroughOperation } from '@quarry/bedrock';
import type { CallOutcome } from '../../invocation/metering/call-outcome';
import type { MeteredCall } from '../../invocation/metering/metered-call';
import { RESPONSE_COST_HEADER } from '../../invocation/metering/response-cost-header';
import { answerUsageFor } from './answer-usage';

const NOT_RELAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'set-cookie',
  'date',
  'server',
]);

export async function relayAnswer(
  answer: IncomingMessage,
  response: ServerResponse,
  operation: PassthroughOperation,
  call: MeteredCall,
  headers: Readonly<Record<string, string | number | string[]>>,
  /** The request body when it was read whole (for the estimate of a cut stream's prompt). */
  requestBody?: Uint8Array,
): Promise<CallOutcome> {
  const status = answer.statusCode ?? 502;
  const succeeded = status < 400;
  const usage = succeeded ? answerUsageFor(operation, answer.headers) : undefined;
  // Object.assign, not `{ ...headers }` and then more members: that gets a new hidden class per call on
  // Node 20 (bench/README.md, finding 7).
  const outgoing: Record<string, string | number | string[]> = Object.assign({}, headers);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !NOT_RELAYED.has(name)) outgoing[name] = value;
  }
  if (usage?.early) {
    call.usage = usage.early;
    outgoing[RESPONSE_COST_HEADER] = formatCost(call.cost);
  }
  if (succeeded && isSmallConverse(operation, answer)) {
    const body = await readAll(answer);
    call.markFirstToken();
    call.usage = usageFromBody('converse', body) ?? call.usage;
    outgoing[RESPONSE_COST_HEADER] = formatCost(call.cost);
    response.writeHead(status, outgoing);
    response.end(body);
    return { status: 'success', httpStatus: status };
  }
  response.writeHead(status, outgoing);
  answer.on('data', (chunk: Buffer) => {
    call.markFirstToken();
    usage?.observe(chunk);
  });
  try {
    await pipeline(answer, response);
  } finally {
    // Cut or whole, the tokens Bedrock produced are booked: its report, else an estimate.
    if (usage) call.usage = usage.result() ?? usage.estimate?.(requestBody) ?? call.usage;
  }
  if (succeeded) return { status: 'success', httpStatus: status };
  const errorType = answer.headers['x-amzn-errortype'];
  return {
    status: 'error',
    httpStatus: status,
    errorType: typeof errorType === 'string' ? errorType.split(':')[0] : undefined,
  };
}

/** Converse answers are a few kB; past this (or of unknown length) they are streamed without the header. */
const MAX_HELD_CONVERSE_BYTES = 1024 * 1024;

function isSmallConverse(operation: PassthroughOperation, answer: IncomingMessage): boolean {
  if (operation.target.kind !== 'model' || operation.target.action !== 'converse') return false;
  const length = Number(answer.headers['content-length']);
  return Number.isFinite(length) && length <= MAX_HELD_CONVERSE_BYTES;
}

async function readAll(answer: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
