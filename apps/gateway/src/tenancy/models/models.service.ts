// /model/new, /model/update, /model/delete. Writes are for proxy admins and only touch API-created
// deployments: config.yaml deployments change by editing the file.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OpenAIError } from '@quarry/openai';
import { ModelDeploymentsRepository, type ModelDeploymentRecord } from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { conflict, notFound, requireProxyAdmin, rethrowConflict } from '../auth/management-errors';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { asRecord } from '../../platform/config/is-object';
import { deploymentFrom } from './deployment';
import { validateDeploymentInput } from './deployment-input';
import type { DeleteModelDto } from './dto/delete-model.dto';
import type { NewModelDto } from './dto/new-model.dto';
import type { UpdateModelDto } from './dto/update-model.dto';
import { ModelRegistry } from './model-registry';
import { modelInfoResponse } from './model-response';

const ID_TAKEN = { param: 'model_info.id', message: 'A model with this model_info.id already exists.' };

@Injectable()
export class ModelsService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly deployments: ModelDeploymentsRepository,
    private readonly invalidation: CacheInvalidationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, body: NewModelDto) {
    requireProxyAdmin(principal, 'add models');
    const model = validateDeploymentInput(
      {
        model_name: body.model_name,
        litellm_params: body.litellm_params,
        model_info: body.model_info,
      },
      this.config.allowedEndpointHosts,
    );
    const id = typeof model.modelInfo.id === 'string' ? model.modelInfo.id : randomUUID();
    // A config.yaml model has no row when another instance's file defines it; the registry knows it.
    if (this.registry.byId(id) || (await this.deployments.find(id))) throw conflict(ID_TAKEN);
    const row = await this.deployments
      .create({
        id,
        modelName: model.modelName,
        litellmParams: model.litellmParams,
        modelInfo: { ...model.modelInfo, id },
      })
      .catch(rethrowModelConflict);
    await this.changed();
    return modelInfoResponse(deploymentFrom(row));
  }

  /** litellm_params and model_info are merged into the stored ones; the result is checked as a whole. */
  async update(principal: Principal, body: UpdateModelDto) {
    requireProxyAdmin(principal, 'change models');
    const id = body.model_id ?? body.model_info?.id;
    if (typeof id !== 'string')
      throw OpenAIError.badRequest('model_info.id (or model_id) is required', 'model_info.id');
    const existing = await this.findWritable(id);
    const merged = validateDeploymentInput(
      {
        model_name: body.model_name ?? existing.modelName,
        litellm_params: { ...asRecord(existing.litellmParams), ...body.litellm_params },
        model_info: { ...asRecord(existing.modelInfo), ...body.model_info, id },
      },
      this.config.allowedEndpointHosts,
    );
    const row = await this.deployments.update(id, {
      modelName: merged.modelName,
      litellmParams: merged.litellmParams,
      modelInfo: merged.modelInfo,
    });
    await this.changed();
    return modelInfoResponse(deploymentFrom(row));
  }

  async delete(principal: Principal, body: DeleteModelDto) {
    requireProxyAdmin(principal, 'delete models');
    await this.findWritable(body.id);
    await this.deployments.delete(body.id);
    await this.changed();
    return { message: `Model ${body.id} deleted.`, id: body.id };
  }

  private async findWritable(id: string): Promise<ModelDeploymentRecord> {
    const existing = await this.deployments.find(id);
    const configured = this.registry.byId(id);
    if (configured?.source === 'config' || existing?.source === 'config')
      throw OpenAIError.badRequest(
        'This model comes from config.yaml; change it by editing the config file (the file is the source of truth for its models).',
        'model_info.id',
        'config_model_read_only',
      );
    if (!existing) throw notFound('Model', 'model_info.id');
    return existing;
  }

  /** Applies the change here before answering, and tells the other instances to reload. */
  private async changed(): Promise<void> {
    await this.invalidation.publish({ models: true });
    await this.registry.reload();
  }
}

const rethrowModelConflict = rethrowConflict({ 'modelDeployment.id': ID_TAKEN });
