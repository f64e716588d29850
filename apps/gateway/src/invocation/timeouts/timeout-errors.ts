// The 408s of the gateway's own deadlines, OpenAI-shaped with code `timeout`: the whole call's
// (request_timeout / timeout) and a stream's silence (stream_timeout). They are the abort reasons of the
// call's signal, so whatever the abort interrupts, the client is told which limit was reached.
import { OpenAIError } from '@quarry/openai';

export function requestTimedOut(timeoutMs: number): OpenAIError {
  return timedOut(`The request to Amazon Bedrock timed out after ${seconds(timeoutMs)} s (request_timeout)`);
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
