// The InvokeModel calls behind one image generation request: a JSON body in, a JSON answer out, once
// per call the plan needs (Stability makes one image per call). They run side by side; a seed, when
// given, moves on by one per call so that the images differ yet stay reproducible.
import { InvokeModelCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { withCallSignal } from '../clients/call-signal';
import type { ImagePlan } from './image-request';

export function invokeImageModel(
  runtime: BedrockRuntimeClient,
  modelId: string,
  plan: ImagePlan,
  signal: AbortSignal,
): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: plan.calls }, (_, index) =>
      invokeOnce(runtime, modelId, bodyOfCall(plan.body, index), signal),
    ),
  );
}

function bodyOfCall(body: Record<string, unknown>, index: number): Record<string, unknown> {
  return index > 0 && typeof body.seed === 'number' ? { ...body, seed: body.seed + index } : body;
}

async function invokeOnce(
  runtime: BedrockRuntimeClient,
  modelId: string,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<unknown> {
  const output = await runtime.send(
    new InvokeModelCommand(
      withCallSignal(
        { modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) },
        signal,
      ),
    ),
  );
  return JSON.parse(Buffer.from(output.body ?? new Uint8Array()).toString('utf8'));
}
