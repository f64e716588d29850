import { IsOptional, IsString } from 'class-validator';

export class KeyInfoQuery {
  /** The secret or the key id; without it, the calling key's own info. */
  @IsOptional()
  @IsString()
  key?: string;
}
