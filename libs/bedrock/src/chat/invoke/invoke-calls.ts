// The InvokeModel operations for chat, sent on a deployment's runtime client with the call's signal.
import {
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type BedrockRuntimeClient,
  type InvokeModelCommandInput,
  type InvokeModelCommandOutput,
  type InvokeModelWithResponseStreamCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { withCallSignal } from '../../clients/call-signal';

export function invokeModel(
  runtime: BedrockRuntimeClient,
  input: InvokeModelCommandInput,
  signal: AbortSignal,
): Promise<InvokeModelCommandOutput> {
  return runtime.send(new InvokeModelCommand(withCallSignal(input, signal)));
}

export function invokeModelStream(
  runtime: BedrockRuntimeClient,
  input: InvokeModelCommandInput,
  signal: AbortSignal,
): Promise<InvokeModelWithResponseStreamCommandOutput> {
  return runtime.send(new InvokeModelWithResponseStreamCommand(withCallSignal(input, signal)));
}
