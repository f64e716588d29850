import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { UserFieldsDto } from './user-fields.dto';

/** Names the user by user_id (or, without it, by user_email). */
export class UpdateUserDto extends UserFieldsDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  user_id?: string;
}
