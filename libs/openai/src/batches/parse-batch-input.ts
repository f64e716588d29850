// Validates a whole batch input file before anything is stored: every line JSON, a unique custom_id,
// method POST, a supported url, a body the live route would accept, and one endpoint per file. The
// first problem is a 400 naming its line, so the client fixes the file instead of losing a job to it.
import { parseChatCompletionRequest } from '../chat/parse-chat-request';
import { parseEmbeddingsRequest } from '../embeddings/parse-embeddings-request';
import { OpenAIError } from '../errors';
import {
  BATCH_ENDPOINTS,
  DEFAULT_BATCH_INPUT_LIMITS,
  type BatchEndpoint,
  type BatchInputLimits,
  type BatchInputLine,
} from './batch-input';

const CODE = 'invalid_batch_line';

export function parseBatchInput(
  text: string,
  limits: BatchInputLimits = DEFAULT_BATCH_INPUT_LIMITS,
): BatchInputLine[] {
  const parsed: BatchInputLine[] = [];
  const lineOf = new Map<string, number>();
  const rawLines = text.split(/\r?\n/);
  let endpoint: BatchEndpoint | undefined;
  for (let index = 0; index < rawLines.length; index++) {
    const raw = rawLines[index];
    if (raw.trim() === '') continue;
    const line = index + 1;
    if (parsed.length >= limits.maxLines)
      throw lineError(line, `the file has more than ${limits.maxLines} requests, the most one batch takes`);
    if (Buffer.byteLength(raw) > limits.maxLineBytes)
      throw lineError(line, `the line is longer than ${limits.maxLineBytes} bytes`);
    if (limits.nestsTooDeep?.(raw))
      throw lineError(line, 'the line nests JSON objects and arrays deeper than the gateway allows');
    const request = parseLine(raw, line);
    const earlier = lineOf.get(request.customId);
    if (earlier !== undefined)
      throw lineError(
        line,
        `custom_id "${request.customId}" is already used by line ${earlier}`,
        'custom_id',
      );
    if (endpoint !== undefined && request.url !== endpoint)
      throw lineError(
        line,
        `url ${request.url} differs from ${endpoint} on earlier lines; one endpoint per file`,
        'url',
      );
    endpoint = request.url;
    lineOf.set(request.customId, line);
    parsed.push(request);
  }
  if (parsed.length === 0) throw OpenAIError.badRequest('The file has no requests', 'file', CODE);
  return parsed;
}

function parseLine(raw: string, line: number): BatchInputLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw lineError(line, 'the line is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw lineError(line, 'the line must be a JSON object');
  const record = value as Record<string, unknown>;
  const customId = record.custom_id;
  if (
    typeof customId !== 'string' ||
    customId.length === 0 ||
    customId.length > 512 ||
    customId.includes('\0')
  )
    throw lineError(line, 'custom_id must be a non-empty string of at most 512 characters', 'custom_id');
  if (record.method !== 'POST') throw lineError(line, 'method must be "POST"', 'method');
  const url = record.url;
  if (!BATCH_ENDPOINTS.includes(url as BatchEndpoint))
    throw lineError(line, `url must be one of ${BATCH_ENDPOINTS.join(', ')}`, 'url');
  const body = record.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw lineError(line, 'body must be a JSON object', 'body');
  if ((body as Record<string, unknown>).stream === true)
    throw lineError(line, 'stream is not supported in a batch', 'body.stream');
  try {
    return url === '/v1/chat/completions'
      ? { line, customId, url, body: parseChatCompletionRequest(body) }
      : { line, customId, url: '/v1/embeddings', body: parseEmbeddingsRequest(body) };
  } catch (error) {
    if (error instanceof OpenAIError)
      throw lineError(line, error.message, error.param ? `body.${error.param}` : 'body');
    throw error;
  }
}

/** "Line 3: method must be "POST"", with `param` naming the field within the line. */
export function lineError(line: number, problem: string, field?: string): OpenAIError {
  return OpenAIError.badRequest(
    `Line ${line}: ${problem}`,
    field ? `line ${line}: ${field}` : `line ${line}`,
    CODE,
  );
}
