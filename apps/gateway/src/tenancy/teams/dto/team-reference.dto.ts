import { IsNotEmpty, IsString } from 'class-validator';

/** Body of /team/block and /team/unblock. */
export class TeamReferenceDto {
  @IsString()
  @IsNotEmpty()
  team_id!: string;
}
