// model_deployments. Models are proxy-wide objects (no tenant owns one), so these queries take no scope;
// writes through the API touch only `db` rows, and config.yaml's rows change only through the start-up sync.
import { Injectable } from '@nestjs/common';
import { reportingUniqueViolation } from '../errors/unique-violation.error';
import { PrismaService } from '../prisma.service';
import type {
  DeploymentChanges,
  ModelDeploymentRecord,
  NewModelDeployment,
} from '../records/model-deployment.record';
import { jsonData } from './column-data';

@Injectable()
export class ModelDeploymentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string): Promise<ModelDeploymentRecord | null> {
    return this.prisma.modelDeployment.findUnique({ where: { id } });
  }

  /** Deployments created through the API, oldest first. */
  listApiCreated(): Promise<ModelDeploymentRecord[]> {
    return this.prisma.modelDeployment.findMany({ where: { source: 'db' }, orderBy: { createdAt: 'asc' } });
  }

  /** @throws UniqueViolationError (`modelDeployment.id`) when the id is taken. */
  create(deployment: NewModelDeployment): Promise<ModelDeploymentRecord> {
    return reportingUniqueViolation(() =>
      this.prisma.modelDeployment.create({
        data: { id: deployment.id, ...deploymentData(deployment), source: 'db' },
      }),
    );
  }

  update(id: string, changes: DeploymentChanges): Promise<ModelDeploymentRecord> {
    return this.prisma.modelDeployment.update({ where: { id }, data: deploymentData(changes) });
  }

  delete(id: string): Promise<ModelDeploymentRecord> {
    return this.prisma.modelDeployment.delete({ where: { id } });
  }

  /**
   * Makes the `config` rows exactly these deployments: upserts them and removes the others. An advisory
   * lock serialises instances starting at the same time. An id already used by an API-created row is
   * skipped rather than overwriting that row; the skipped ids are returned.
   */
  syncConfigDeployments(deployments: readonly NewModelDeployment[]): Promise<string[]> {
    const ids = deployments.map((deployment) => deployment.id);
    return this.prisma.$transaction(async (transaction) => {
      await transaction.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('quarry_config_model_sync'))`;
      const apiCreated = await transaction.modelDeployment.findMany({
        where: { id: { in: ids }, source: 'db' },
        select: { id: true },
      });
      const skipped = new Set(apiCreated.map((row) => row.id));
      for (const deployment of deployments) {
        if (skipped.has(deployment.id)) continue;
        const data = { ...deploymentData(deployment), source: 'config' as const };
        await transaction.modelDeployment.upsert({
          where: { id: deployment.id },
          create: { id: deployment.id, ...data },
          update: data,
        });
      }
      await transaction.modelDeployment.deleteMany({ where: { source: 'config', id: { notIn: ids } } });
      return [...skipped];
    });
  }
}

function deploymentData(deployment: DeploymentChanges) {
  return {
    modelName: deployment.modelName,
    litellmParams: jsonData(deployment.litellmParams),
    modelInfo: jsonData(deployment.modelInfo),
  };
}
