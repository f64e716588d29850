import { IsOptional, IsString } from 'class-validator';

export class ModelGroupInfoQuery {
  /** Only this public model name. */
  @IsOptional()
  @IsString()
  model_group?: string;
}
