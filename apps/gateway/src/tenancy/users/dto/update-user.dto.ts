import { IsNotEmpty, IsString } from 'class-validator';
import { UserFieldsDto } from './user-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

/** Names the user by user_id (or, without it, by user_email). */
export class UpdateUserDto extends UserFieldsDto {
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  user_id?: string;
}
