// Path parameters of management routes bypass the body and query DTOs; this pipe gives them the same
// checks: a non-empty string of bounded length without a NUL character (which Postgres cannot store, so
// it would fail the lookup as a 500).
import type { PipeTransform } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';

const MAX_PATH_PARAMETER_LENGTH = 512;

export class PathParameterPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || value === '' || value.length > MAX_PATH_PARAMETER_LENGTH)
      throw OpenAIError.badRequest(
        `${this.name} must be 1 to ${MAX_PATH_PARAMETER_LENGTH} characters`,
        this.name,
        'invalid_field',
      );
    if (value.includes('\u0000'))
      throw OpenAIError.badRequest(
        `${this.name} must not contain a NUL character`,
        this.name,
        'invalid_field',
      );
    return value;
  }
}
