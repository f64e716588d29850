import { Module } from '@nestjs/common';
import { SpendReportsController } from './spend-reports.controller';
import { SpendReportsService } from './spend-reports.service';

@Module({
  controllers: [SpendReportsController],
  providers: [SpendReportsService],
})
export class SpendReportsModule {}
