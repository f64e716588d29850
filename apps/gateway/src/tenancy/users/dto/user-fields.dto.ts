import { IsEmail, IsIn, IsOptional } from 'class-validator';
import { LimitFieldsDto } from '../../../platform/validation/limit-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export const USER_ROLES = [
  'proxy_admin',
  'proxy_admin_viewer',
  'internal_user',
  'internal_user_viewer',
] as const;

export class UserFieldsDto extends LimitFieldsDto {
  @IsOptional()
  @IsEmail()
  user_email?: string | null;

  @IsOptionalNotNull()
  @IsIn(USER_ROLES, { message: `user_role must be one of ${USER_ROLES.join(', ')}` })
  user_role?: (typeof USER_ROLES)[number];
}
