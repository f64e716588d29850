// The gateway's own AWS identity for passthrough calls no deployment serves: the default region
// (AWS_REGION / AWS_REGION_NAME) and the AWS SDK's default credential chain (environment, profile, SSO,
// container and instance roles), reached through an SDK client built once. A raw model id gets a stand-in
// deployment so that it is priced and booked like any model; stand-ins are kept for the ids clients use,
// within a bound (ids come from requests).
import { Inject, Injectable } from '@nestjs/common';
import type { AwsClientConfig } from '@quarry/bedrock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { BedrockClients } from '../../invocation/deployments/bedrock-clients';
import { resolveDeployment, type ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import { AwsError } from './aws-error';

/** What spend rows name as the deployment of a call made on the default credentials. */
export const DEFAULT_CREDENTIALS_DEPLOYMENT = 'default-credentials';
const MAX_STAND_INS = 1_000;

@Injectable()
export class DefaultCredentials {
  private readonly standIns = new Map<string, ResolvedDeployment>();
  private readonly defaultConfig: AwsClientConfig;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: BedrockClients,
  ) {
    this.defaultConfig = Object.freeze({
      region: config.awsRegion,
      endpoint: config.awsEndpoint,
      maxAttempts: 1,
    });
  }

  clientConfig(): AwsClientConfig {
    return this.defaultConfig;
  }

  /** @throws AwsError 400 when the id is not a Bedrock model id. */
  forModel(modelId: string): ResolvedDeployment {
    let standIn = this.standIns.get(modelId);
    if (!standIn) {
      standIn = this.standInFor(modelId);
      if (this.standIns.size >= MAX_STAND_INS) this.standIns.clear();
      this.standIns.set(modelId, standIn);
    }
    return standIn;
  }

  private standInFor(modelId: string): ResolvedDeployment {
    try {
      return resolveDeployment(
        {
          id: DEFAULT_CREDENTIALS_DEPLOYMENT,
          modelName: modelId,
          litellmParams: { model: `bedrock/${modelId}` },
          modelInfo: {},
          source: 'config',
        },
        this.config,
        // The gateway's environment: the default chain (and AWS_BEARER_TOKEN_BEDROCK) as any deployment sees it.
        process.env,
        (clientConfig) => this.clients.runtime(clientConfig),
        this.clients.credentialProviders,
      );
    } catch (error) {
      throw AwsError.validation(`'${modelId}' is not a Bedrock model id: ${(error as Error).message}`);
    }
  }
}
