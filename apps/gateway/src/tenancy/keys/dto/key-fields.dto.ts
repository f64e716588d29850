import { IsBoolean, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DURATION_HINT, DURATION_PATTERN } from '../../../platform/validation/duration';
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
  @Matches(DURATION_PATTERN, { message: `duration must be ${DURATION_HINT}` })
  duration?: string | null;

  @IsOptional()
  @IsString()
  team_id?: string | null;

  @IsOptional()
  @IsString()
  user_id?: string | null;

  /** Model alias map: name a client sends → public model name. */
  @IsOptionalNotNull()
  @IsObject()
  aliases?: Record<string, string>;

  @IsOptionalNotNull()
  @IsBoolean()
  blocked?: boolean;
}
