import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** /customer/info?end_user_id=…[&team_id=…] */
export class EndUserInfoQuery {
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  end_user_id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  team_id?: string;
}

/** /customer/list[?team_id=…] */
export class EndUserListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  team_id?: string;
}
