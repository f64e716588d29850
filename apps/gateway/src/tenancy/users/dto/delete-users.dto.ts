import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

export class DeleteUsersDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  user_ids!: string[];
}
