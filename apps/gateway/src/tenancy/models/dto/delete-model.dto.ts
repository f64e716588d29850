import { MinLength } from 'class-validator';

/** Body of /model/delete. */
export class DeleteModelDto {
  // MinLength also refuses a missing or non-string value, with this one message.
  @MinLength(1, { message: 'id (the model_info.id to delete) is required' })
  id!: string;
}
