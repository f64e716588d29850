import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LimitFieldsDto } from '../../limit-fields/limit-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export class TeamFieldsDto extends LimitFieldsDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  team_alias?: string | null;

  @IsOptionalNotNull()
  @IsBoolean()
  blocked?: boolean;
}
