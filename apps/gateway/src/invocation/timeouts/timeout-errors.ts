// The 408s of the gateway's own deadlines, OpenAI-shaped with code `timeout`: the whole call's
// (request_timeout / timeout) and a stream's silence (stream_timeout). They are the abort reasons of the
// call's signal, so whatever the abort interrupts, the client is told which limit was reached.
import { OpenAIError } from '@quarry/openai';

/** The deadlines the request's own `timeout` set (shorter than the deployment's): the client's choice. */
const SET_BY_CLIENT = new WeakSet<OpenAIError>();

/** `setByClient`: the request body's `timeout` (shorter than the deployment's) is the limit reached. */
export function requestTimedOut(timeoutMs: number, setByClient = false): OpenAIError {
  const error = timedOut(
    `The request to Amazon Bedrock timed out after ${seconds(timeoutMs)} s (${setByClient ? "the request's timeout" : 'request_timeout'})`,
  );
  if (setByClient) SET_BY_CLIENT.add(error);
  return error;
}

/**
 * Whether a call ended at a deadline the client chose: no sign of the deployment's health (a tenant's
 * `timeout: 0.01` must not cool a shared deployment down for every team).
 */
export function isClientsOwnTimeout(reason: unknown): boolean {
  return reason instanceof OpenAIError && SET_BY_CLIENT.has(reason);
}

export function streamWentSilent(timeoutMs: number): OpenAIError {
  return timedOut(`Amazon Bedrock sent nothing for ${seconds(timeoutMs)} s (stream_timeout)`);
}

function timedOut(message: string): OpenAIError {
  return new OpenAIError(408, message, 'timeout_error', null, 'timeout');
}

function seconds(milliseconds: number): string {
  return String(Math.round(milliseconds) / 1000);
}
