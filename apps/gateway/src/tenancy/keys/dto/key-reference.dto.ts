import { IsNotEmpty, IsString } from 'class-validator';

/** Body of /key/block and /key/unblock. */
export class KeyReferenceDto {
  /** The secret or the key id. */
  @IsString()
  @IsNotEmpty()
  key!: string;
}
