// Loads the LiteLLM expectation cases (requests.json, responses.json here) and gives the spec what it
// needs to check one: the real capabilities of the case's model, and paths that must be absent.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A case Quarry answers differently on purpose: what LiteLLM does, and the docs row that says why. */
interface Difference {
  litellm?: string;
  differenceRow?: string;
}

export interface RequestCase extends Difference {
  name: string;
  litellmTest: string;
  /** The Bedrock model id as a deployment names it after `bedrock/`. */
  model: string;
  options?: { modifyParams?: boolean; dropParams?: boolean };
  request: Record<string, unknown>;
  /** A subset of the Converse input (wire JSON: blobs as base64); arrays must match in length. */
  contains?: Record<string, unknown>;
  /** Dotted paths that must not be in the input (`messages.2` = no third message). */
  absent?: string[];
  /** The request is a 400; `param` and a piece of the message when given. */
  error?: { param?: string; message?: string };
}

export interface ResponseCase extends Difference {
  name: string;
  litellmTest: string;
  model: string;
  /** The OpenAI request whose answer this is (it decides JSON mode and tool names). */
  request: Record<string, unknown>;
  /** The Converse response body as Bedrock sends it. */
  converse: Record<string, unknown>;
  /** A subset of the chat.completion the gateway answers. */
  contains: Record<string, unknown>;
  absent?: string[];
}

export interface StreamCase extends Difference {
  name: string;
  litellmTest: string;
  model: string;
  request: Record<string, unknown>;
  /** ConverseStream events as the SDK yields them. */
  events: Record<string, unknown>[];
  /** `choices[0]` (delta and finish_reason) of every chunk after the role chunk, in order. */
  deltas: Record<string, unknown>[];
}

function load<Case>(file: string): Case[] {
  return (JSON.parse(readFileSync(path.join(__dirname, file), 'utf8')) as { cases: Case[] }).cases;
}

export const requestCases = load<RequestCase>('requests.json');
export const responseCases = load<ResponseCase>('responses.json');
export const streamCases = load<StreamCase>('streams.json');

/** The value at a dotted path (`a.b.0.c`), or undefined. */
export function valueAt(value: unknown, dottedPath: string): unknown {
  let current = value;
  for (const key of dottedPath.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The rows of docs/chat-completions.md's differences table, by their first cell. */
export function documentedDifferenceRows(): string[] {
  const docs = readFileSync(path.resolve(__dirname, '../../../../../../../docs/chat-completions.md'), 'utf8');
  return docs
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) => line.split('|')[1].trim());
}
