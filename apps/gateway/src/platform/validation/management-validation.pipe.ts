// Validation for management API bodies and queries (class-validator DTOs). Bodies are strict: an unknown
// field is a 400 naming it (a typo like `max_budgt` must not silently create an unlimited key). Queries
// are lenient (unknown parameters are dropped) because LiteLLM clients send many optional ones.
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';

export const strictBody = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => toOpenAIError(errors),
});

export const lenientQuery = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: false,
  transform: true,
  exceptionFactory: (errors) => toOpenAIError(errors),
});

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
