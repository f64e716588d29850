import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsDuration } from '../../../platform/validation/bounded-values';
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
  @IsDuration()
  grace_period?: string;
}
