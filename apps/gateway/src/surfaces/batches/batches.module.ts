import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { FilesModule } from '../files/files.module';
import { BatchQueue } from './batch-queue.service';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [InvocationModule, FilesModule],
  controllers: [BatchesController],
  providers: [BatchesService, BatchQueue],
})
export class BatchesModule {}
