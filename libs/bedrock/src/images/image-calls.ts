// The InvokeModel call behind one image generation request: a JSON body in, a JSON answer out.
import { InvokeModelCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { withCallSignal } from '../clients/call-signal';
import type { ImagePlan } from './image-request';

export async function invokeImageModel(
  runtime: BedrockRuntimeClient,
  modelId: string,
  plan: ImagePlan,
  signal: AbortSignal,
): Promise<unknown> {
  const output = await runtime.send(
    new InvokeModelCommand(
      withCallSignal(
        {
          modelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(plan.body),
        },
        signal,
      ),
    ),
  );
  return JSON.parse(Buffer.from(output.body ?? new Uint8Array()).toString('utf8'));
}
