import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { BatchDeployments } from './batch-deployment';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';

@Module({
  imports: [InvocationModule],
  controllers: [FilesController],
  providers: [FilesService, BatchDeployments],
  exports: [FilesService, BatchDeployments],
})
export class FilesModule {}
