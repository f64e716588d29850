// The Converse operations, sent on a deployment's runtime client. The gateway hands over the client it
// resolved for the deployment and the call's abort signal; the commands are built here, beside the
// translation that produced their input.
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  type ConverseStreamCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { withCallSignal } from '../../clients/call-signal';

export function converse(
  runtime: BedrockRuntimeClient,
  input: ConverseCommandInput,
  signal: AbortSignal,
): Promise<ConverseCommandOutput> {
  return runtime.send(new ConverseCommand(withCallSignal(input, signal)));
}

/** Resolves once Bedrock's first event has arrived, so every retry happens before the client's first byte. */
export function converseStream(
  runtime: BedrockRuntimeClient,
  input: ConverseCommandInput,
  signal: AbortSignal,
): Promise<ConverseStreamCommandOutput> {
  return runtime.send(new ConverseStreamCommand(withCallSignal(input, signal)));
}
