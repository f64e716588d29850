import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsDuration } from '../../../platform/validation/bounded-values';
import { UserFieldsDto } from './user-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export class NewUserDto extends UserFieldsDto {
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^[\w.:@+-]{1,128}$/, {
    message: 'user_id may contain letters, digits and "_.:@+-" (at most 128)',
  })
  user_id?: string;

  /** Team ids the user joins (as a member with role user). */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  teams?: string[];

  /** LiteLLM creates a personal key for every new user unless told not to. */
  @IsOptionalNotNull()
  @IsBoolean()
  auto_create_key?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  key_alias?: string;

  /** Lifetime of the auto-created key. */
  @IsOptional()
  @IsString()
  @IsDuration()
  duration?: string;
}
