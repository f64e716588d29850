import { IsNotEmpty, IsString } from 'class-validator';
import { TeamFieldsDto } from './team-fields.dto';

export class UpdateTeamDto extends TeamFieldsDto {
  @IsString()
  @IsNotEmpty()
  team_id!: string;
}
