import { Module } from '@nestjs/common';
import { SpendWriter } from './spend-writer.service';

@Module({
  providers: [SpendWriter],
  exports: [SpendWriter],
})
export class SpendModule {}
