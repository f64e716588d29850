// The batch deployment behind a public model, for a caller: the one model-access rule (403 without the
// model, 404 when it does not exist), then a deployment with model_info.mode batch and usable S3 settings.
import { Injectable } from '@nestjs/common';
import type { BatchStorage } from '@quarry/bedrock';
import { OpenAIError } from '@quarry/openai';
import { DeploymentResolver } from '../../invocation/deployments/deployment-resolver';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Principal } from '../../tenancy/auth/principal';
import { ModelAccessService } from '../../tenancy/access/model-access.service';
import { ModelRegistry } from '../../tenancy/models/model-registry';

export type BatchDeployment = ResolvedDeployment & { batch: BatchStorage };

@Injectable()
export class BatchDeployments {
  constructor(
    private readonly access: ModelAccessService,
    private readonly resolver: DeploymentResolver,
    private readonly registry: ModelRegistry,
  ) {}

  /** @throws OpenAIError 404/403 from the access rule, 400 when the model is not a usable batch model. */
  forModel(principal: Principal, model: string, param = 'target_model_names'): BatchDeployment {
    const deployments = this.resolver.resolveAll(this.access.resolve(principal, model));
    const batch = deployments.find((deployment) => deployment.mode === 'batch');
    if (!batch)
      throw OpenAIError.badRequest(
        `Model "${model}" is not a batch model (model_info.mode: batch); see /model_group/info`,
        param,
        'not_a_batch_model',
      );
    return usable(batch, model, param);
  }

  /** The deployment a stored file was written for, if the caller may still use its model. */
  forFile(principal: Principal, model: string, deploymentId: string): BatchDeployment {
    const deployments = this.resolver.resolveAll(this.access.resolve(principal, model));
    const deployment = deployments.find((candidate) => candidate.deployment.id === deploymentId);
    if (!deployment)
      throw OpenAIError.badRequest(
        `The batch deployment of model "${model}" this file was written for no longer exists; upload the file again`,
        'input_file_id',
        'deployment_gone',
      );
    return usable(deployment, model, 'input_file_id');
  }

  /** A file's storage, by its deployment id alone (reading a file needs no model access). */
  storageOfDeployment(deploymentId: string): BatchStorage {
    const deployment = this.registry.byId(deploymentId);
    const batch = deployment ? this.resolver.resolve(deployment).batch : undefined;
    if (!batch || 'problem' in batch)
      throw new OpenAIError(
        410,
        'The batch model this file was stored for is no longer configured',
        'invalid_request_error',
        'file_id',
        'file_storage_gone',
      );
    return batch;
  }
}

function usable(deployment: ResolvedDeployment, model: string, param: string): BatchDeployment {
  const batch = deployment.batch;
  if (!batch || 'problem' in batch)
    throw OpenAIError.badRequest(
      `Model "${model}" is not set up for batches: ${batch && 'problem' in batch ? batch.problem : 'no S3 settings'}`,
      param,
      'batch_not_configured',
    );
  return deployment as BatchDeployment;
}
