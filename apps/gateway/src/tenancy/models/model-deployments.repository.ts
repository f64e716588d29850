// Writes to model_deployments for API-created (`db`) deployments. Models are proxy-wide objects (no
// tenant owns one); reads go through ModelRegistry, which holds them all in memory.
import { Injectable } from '@nestjs/common';
import { PrismaService, type ModelDeployment, type Prisma } from '@quarry/db';

@Injectable()
export class ModelDeploymentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string): Promise<ModelDeployment | null> {
    return this.prisma.modelDeployment.findUnique({ where: { id } });
  }

  create(data: Prisma.ModelDeploymentUncheckedCreateInput): Promise<ModelDeployment> {
    return this.prisma.modelDeployment.create({ data });
  }

  update(id: string, data: Prisma.ModelDeploymentUncheckedUpdateInput): Promise<ModelDeployment> {
    return this.prisma.modelDeployment.update({ where: { id }, data });
  }

  delete(id: string): Promise<ModelDeployment> {
    return this.prisma.modelDeployment.delete({ where: { id } });
  }
}
