import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBoundedJson } from '../../../platform/validation/bounded-values';
import { MAX_MODEL_NAME_LENGTH } from './new-model.dto';

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
  @MaxLength(MAX_MODEL_NAME_LENGTH)
  model_name?: string | null;

  @IsOptional()
  @IsObject()
  @IsBoundedJson()
  litellm_params?: Record<string, unknown> | null;

  @IsOptional()
  @IsObject()
  @IsBoundedJson()
  model_info?: Record<string, unknown> | null;
}
