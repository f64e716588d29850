import { IsOptional, IsString } from 'class-validator';

export class ModelInfoQuery {
  /** Only this deployment (model_info.id). */
  @IsOptional()
  @IsString()
  litellm_model_id?: string;
}
