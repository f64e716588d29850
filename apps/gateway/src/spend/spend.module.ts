import { Module } from '@nestjs/common';
import { LiveSpend } from './live-spend.service';
import { SpendWriter } from './spend-writer.service';

@Module({
  providers: [SpendWriter, LiveSpend],
  exports: [SpendWriter, LiveSpend],
})
export class SpendModule {}
