import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsBoundedJson, IsDuration } from '../../../platform/validation/bounded-values';
import { LimitFieldsDto } from '../../limit-fields/limit-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

/** What /key/generate, /key/update and /key/regenerate may set. */
export class KeyFieldsDto extends LimitFieldsDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  key_alias?: string | null;

  /** Time to live from now; null means the key never expires. */
  @IsOptional()
  @IsString()
  @IsDuration()
  duration?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  team_id?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  user_id?: string | null;

  /** Model alias map: name a client sends → public model name. */
  @IsOptionalNotNull()
  @IsObject()
  @IsBoundedJson()
  aliases?: Record<string, string>;

  @IsOptionalNotNull()
  @IsBoolean()
  blocked?: boolean;

  /** Past this spend, answers carry x-quarry-soft-budget-exceeded and a warning is logged; nothing is refused. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  soft_budget?: number | null;

  /** Per model budgets: { "<model>": { "budget_limit": 10, "time_period": "1d" } } (model-budgets.ts). */
  @IsOptionalNotNull()
  @IsObject()
  @IsBoundedJson()
  model_max_budget?: Record<string, unknown>;

  /**
   * LiteLLM's allowed_passthrough_routes: the /bedrock paths (prefixes, `*` wildcards) this key may call;
   * empty or absent allows every passthrough route. Stored in metadata, as LiteLLM does; proxy admins only.
   */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2048, { each: true })
  @Matches(/^\/bedrock(\/|$)/, {
    each: true,
    message: 'allowed_passthrough_routes entries must start with /bedrock',
  })
  allowed_passthrough_routes?: string[];
}
