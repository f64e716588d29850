// Validation for management API bodies and queries (class-validator DTOs). Bodies are strict: an unknown
// field is a 400 naming it (a typo like `max_budgt` must not silently create an unlimited key). Queries
// are lenient (unknown parameters are dropped) because LiteLLM clients send many optional ones. Both refuse
// a NUL character anywhere (Postgres cannot store it in text, so it would fail the query as a 500).
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';

class ManagementValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const path = nulCharacterPath(value, '');
    if (path !== undefined)
      throw OpenAIError.badRequest(
        `${path || 'The request'} must not contain a NUL character`,
        path || null,
        'invalid_field',
      );
    return super.transform(value, metadata);
  }
}

export const strictBody = new ManagementValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => toOpenAIError(errors),
});

export const lenientQuery = new ManagementValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: false,
  transform: true,
  exceptionFactory: (errors) => toOpenAIError(errors),
});

/** The path of the first string (value or object key) holding U+0000, if any. */
function nulCharacterPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [name, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${name}` : name;
    if (name.includes('\u0000')) return childPath;
    const found = nulCharacterPath(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function toOpenAIError(errors: ValidationError[]): OpenAIError {
  const problems = flatten(errors, '');
  const first = problems[0] ?? { path: null, message: 'Invalid request body' };
  return OpenAIError.badRequest(
    problems.map((problem) => problem.message).join('; '),
    first.path,
    'invalid_field',
  );
}

function flatten(errors: ValidationError[], prefix: string): { path: string; message: string }[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      message:
        constraint === 'whitelistValidation'
          ? `Unknown field '${path}': this endpoint does not accept it`
          : message.replace(error.property, path),
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
