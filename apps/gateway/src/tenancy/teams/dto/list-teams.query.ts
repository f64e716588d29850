import { IsOptional, IsString } from 'class-validator';

export class ListTeamsQuery {
  /** Only teams this user belongs to. */
  @IsOptional()
  @IsString()
  user_id?: string;
}
