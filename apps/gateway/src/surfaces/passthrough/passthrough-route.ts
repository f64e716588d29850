// What a passthrough call runs as once access is decided: the deployment whose credentials, region and
// price it uses (none for guardrails, knowledge bases and agents on the default credentials), the model id
// to put in the path, and the name its spend row carries.
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { AwsClientConfig } from '@quarry/bedrock';

export interface PassthroughRoute {
  /** The spend row's model: the public model name, or the Bedrock id / resource the client named. */
  modelName: string;
  /** The deployment that serves the call (also a default-credentials stand-in for raw model ids). */
  deployment: ResolvedDeployment | undefined;
  /** How to reach AWS: region, endpoint override, credentials or Bedrock API key. */
  clientConfig: AwsClientConfig;
  /** Replaces the model id of the client's path (a public name becomes its deployment's Bedrock id). */
  upstreamModelId?: string;
}
