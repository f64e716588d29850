import { Module } from '@nestjs/common';
import { ModelListingsController } from './model-listings.controller';
import { ModelListingsService } from './model-listings.service';
import { OpenAIModelsController } from './openai-models.controller';

@Module({
  controllers: [ModelListingsController, OpenAIModelsController],
  providers: [ModelListingsService],
})
export class ModelListingsModule {}
