// `@IsOptional()` lets null through as well as undefined. That is right for nullable scalars (null clears
// max_budget), wrong for lists, objects, flags and ids, whose columns cannot hold null: null would reach
// Prisma and fail as a 500. This decorator keeps such a field optional but refuses null with a 400 naming it.
import { IsDefined, ValidateIf } from 'class-validator';

export function IsOptionalNotNull(): PropertyDecorator {
  const validateWhenGiven = ValidateIf((_object: object, value: unknown) => value !== undefined);
  const notNull = IsDefined({
    message: '$property must not be null (leave it out to keep the current value)',
  });
  return (target, property) => {
    validateWhenGiven(target, property);
    notNull(target, property);
  };
}
