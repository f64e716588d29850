import { IsNotEmpty, IsString } from 'class-validator';
import { KeyFieldsDto } from './key-fields.dto';

export class UpdateKeyDto extends KeyFieldsDto {
  /** The secret (`sk-…`) or the key id (`token`). */
  @IsString()
  @IsNotEmpty()
  key!: string;
}
