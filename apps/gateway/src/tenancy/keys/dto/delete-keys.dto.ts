import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

export class DeleteKeysDto {
  /** Secrets or key ids. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  keys?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  key_aliases?: string[];
}
