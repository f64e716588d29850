// /customer/delete, /customer/block, /customer/unblock: LiteLLM's { "user_ids": [...] }.
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';

export class EndUserIdsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(256, { each: true })
  user_ids!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(128)
  team_id?: string;
}
