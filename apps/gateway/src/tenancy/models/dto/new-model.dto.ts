import { IsObject, IsOptional, MaxLength, MinLength } from 'class-validator';
import { IsBoundedJson } from '../../../platform/validation/bounded-values';

/** The longest name a key's `models` may list. */
export const MAX_MODEL_NAME_LENGTH = 256;

/**
 * Body of /model/new: one model_list entry. The contents of litellm_params and model_info (params, modes,
 * prices, credential references) are checked by the same rules as config.yaml's entries
 * (deployment-input.ts). Both are capped like metadata: /model/info returns them to every key holder.
 */
export class NewModelDto {
  // MinLength also refuses a missing or non-string value, with this one message.
  @MinLength(1, { message: 'model_name is required and must be a non-empty string' })
  @MaxLength(MAX_MODEL_NAME_LENGTH)
  model_name!: string;

  @IsObject({ message: 'litellm_params is required and must be a mapping' })
  @IsBoundedJson()
  litellm_params!: Record<string, unknown>;

  /** null is taken as empty, as in config.yaml. */
  @IsOptional()
  @IsObject()
  @IsBoundedJson()
  model_info?: Record<string, unknown> | null;
}
