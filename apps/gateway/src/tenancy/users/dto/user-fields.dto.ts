import { IsEmail, IsIn, IsOptional } from 'class-validator';
import { USER_ROLES, type UserRole } from '@quarry/db';
import { LimitFieldsDto } from '../../limit-fields/limit-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export class UserFieldsDto extends LimitFieldsDto {
  @IsOptional()
  @IsEmail()
  user_email?: string | null;

  @IsOptionalNotNull()
  @IsIn(USER_ROLES, { message: `user_role must be one of ${USER_ROLES.join(', ')}` })
  user_role?: UserRole;
}
