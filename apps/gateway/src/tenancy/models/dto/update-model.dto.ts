import { IsObject, IsOptional, IsString } from 'class-validator';

/**
 * Body of /model/update: the model named by `model_info.id` (or `model_id`), and the fields to change.
 * litellm_params and model_info are merged into the stored ones, and the result is checked as a whole
 * by the rules of /model/new.
 */
export class UpdateModelDto {
  @IsOptional()
  @IsString()
  model_id?: string | null;

  @IsOptional()
  @IsString()
  model_name?: string | null;

  @IsOptional()
  @IsObject()
  litellm_params?: Record<string, unknown> | null;

  @IsOptional()
  @IsObject()
  model_info?: Record<string, unknown> | null;
}
