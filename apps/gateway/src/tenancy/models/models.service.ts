// /model/* management and the model listings. Writes are for proxy admins and only touch API-created
// deployments: config.yaml deployments change by editing the file. Listings show only what the caller
// may call, decided by the one access function.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OpenAIError } from '@quarry/openai';
import type { ModelDeployment, Prisma } from '@quarry/db';
import { canUseModel } from '../access/model-access';
import { ModelAccessService } from '../access/model-access.service';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { notFound, requireProxyAdmin } from '../auth/management-errors';
import type { Principal } from '../auth/principal';
import { asRecord, isObject } from '../../platform/config/is-object';
import type { Deployment } from './deployment';
import { validateDeploymentInput } from './deployment-input';
import { ModelDeploymentsRepository } from './model-deployments.repository';
import { modelGroupInfo } from './model-group-info';
import { ModelRegistry } from './model-registry';
import { modelInfoResponse } from './model-response';

/** OpenAI's `created` is informational; one fixed value per process keeps /v1/models stable. */
const LISTED_AT = Math.floor(Date.now() / 1000);

@Injectable()
export class ModelsService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly access: ModelAccessService,
    private readonly deployments: ModelDeploymentsRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  async create(principal: Principal, body: unknown) {
    requireProxyAdmin(principal, 'add models');
    const model = validateDeploymentInput(body);
    const id = typeof model.modelInfo.id === 'string' ? model.modelInfo.id : randomUUID();
    if (this.registry.byId(id) || (await this.deployments.find(id)))
      throw new OpenAIError(
        409,
        'A model with this model_info.id already exists.',
        'invalid_request_error',
        'model_info.id',
        'already_exists',
      );
    const row = await this.deployments.create({
      id,
      modelName: model.modelName,
      litellmParams: model.litellmParams as Prisma.InputJsonValue,
      modelInfo: { ...model.modelInfo, id } as Prisma.InputJsonValue,
      source: 'db',
    });
    await this.changed();
    return modelInfoResponse(deploymentOf(row));
  }

  /** Body: `model_info.id` (or `model_id`) plus the fields to change; litellm_params and model_info are merged. */
  async update(principal: Principal, body: unknown) {
    requireProxyAdmin(principal, 'change models');
    if (!isObject(body)) throw OpenAIError.badRequest('Request body must be a JSON object', 'body');
    const { model_id: modelId, ...entry } = body;
    const id = modelId ?? (isObject(entry.model_info) ? entry.model_info.id : undefined);
    if (typeof id !== 'string')
      throw OpenAIError.badRequest('model_info.id (or model_id) is required', 'model_info.id');
    const existing = await this.findWritable(id);
    const merged = validateDeploymentInput({
      model_name: entry.model_name ?? existing.modelName,
      litellm_params: {
        ...asRecord(existing.litellmParams),
        ...asRecord(entry.litellm_params),
      },
      model_info: {
        ...asRecord(existing.modelInfo),
        ...asRecord(entry.model_info),
        id,
      },
      ...Object.fromEntries(
        Object.entries(entry).filter(
          ([field]) => !['model_name', 'litellm_params', 'model_info'].includes(field),
        ),
      ),
    });
    const row = await this.deployments.update(id, {
      modelName: merged.modelName,
      litellmParams: merged.litellmParams as Prisma.InputJsonValue,
      modelInfo: merged.modelInfo as Prisma.InputJsonValue,
    });
    await this.changed();
    return modelInfoResponse(deploymentOf(row));
  }

  async delete(principal: Principal, body: unknown) {
    requireProxyAdmin(principal, 'delete models');
    const id = isObject(body) ? body.id : undefined;
    if (typeof id !== 'string' || id === '')
      throw OpenAIError.badRequest('id (the model_info.id to delete) is required', 'id');
    await this.findWritable(id);
    await this.deployments.delete(id);
    await this.changed();
    return { message: `Model ${id} deleted.`, id };
  }

  info(principal: Principal, modelId: string | undefined) {
    const visible = this.registry
      .all()
      .filter(
        (deployment) =>
          (modelId === undefined || deployment.id === modelId) &&
          canUseModel(principal, deployment.modelName, this.registry),
      );
    return { data: visible.map(modelInfoResponse) };
  }

  groupInfo(principal: Principal, modelGroup: string | undefined) {
    const names = this.registry
      .modelNames()
      .filter(
        (name) =>
          (modelGroup === undefined || name === modelGroup) && canUseModel(principal, name, this.registry),
      );
    return { data: names.map((name) => modelGroupInfo(name, this.registry.deploymentsFor(name))) };
  }

  openAIList(principal: Principal) {
    return {
      object: 'list' as const,
      data: this.access
        .callableModels(principal)
        .map((id) => ({ id, object: 'model' as const, created: LISTED_AT, owned_by: 'bedrock' })),
    };
  }

  private async findWritable(id: string): Promise<ModelDeployment> {
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

function deploymentOf(row: ModelDeployment): Deployment {
  return {
    id: row.id,
    modelName: row.modelName,
    litellmParams: asRecord(row.litellmParams),
    modelInfo: asRecord(row.modelInfo),
    source: row.source,
  };
}
