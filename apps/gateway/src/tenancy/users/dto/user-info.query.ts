import { IsOptional, IsString } from 'class-validator';

export class UserInfoQuery {
  /** Without it, the calling key's own user. */
  @IsOptional()
  @IsString()
  user_id?: string;
}
