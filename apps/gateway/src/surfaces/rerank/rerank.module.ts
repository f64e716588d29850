import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { RerankController } from './rerank.controller';
import { RerankService } from './rerank.service';

@Module({
  imports: [InvocationModule],
  controllers: [RerankController],
  providers: [RerankService],
})
export class RerankModule {}
