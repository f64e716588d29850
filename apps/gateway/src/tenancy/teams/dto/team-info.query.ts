import { IsNotEmpty, IsString } from 'class-validator';

export class TeamInfoQuery {
  @IsString()
  @IsNotEmpty()
  team_id!: string;
}
