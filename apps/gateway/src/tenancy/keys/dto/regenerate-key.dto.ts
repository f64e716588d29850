import { IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { DURATION_HINT, DURATION_PATTERN } from '../../../platform/validation/duration';
import { KeyFieldsDto } from './key-fields.dto';

export class RegenerateKeyDto extends KeyFieldsDto {
  /** The secret or the key id; may instead be given in the path (/key/{key}/regenerate). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  key?: string;

  /** How long the old secret keeps working; without it, the old secret stops at once. */
  @IsOptional()
  @IsString()
  @Matches(DURATION_PATTERN, { message: `grace_period must be ${DURATION_HINT}` })
  grace_period?: string;
}
