import { IsObject, IsOptional, MinLength } from 'class-validator';

/**
 * Body of /model/new: one model_list entry. The contents of litellm_params and model_info (params, modes,
 * prices, credential references) are checked by the same rules as config.yaml's entries
 * (deployment-input.ts).
 */
export class NewModelDto {
  // MinLength also refuses a missing or non-string value, with this one message.
  @MinLength(1, { message: 'model_name is required and must be a non-empty string' })
  model_name!: string;

  @IsObject({ message: 'litellm_params is required and must be a mapping' })
  litellm_params!: Record<string, unknown>;

  /** null is taken as empty, as in config.yaml. */
  @IsOptional()
  @IsObject()
  model_info?: Record<string, unknown> | null;
}
