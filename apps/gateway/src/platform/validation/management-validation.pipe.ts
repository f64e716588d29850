// Validation for management API bodies and queries (class-validator DTOs). Bodies are strict: an unknown
// field is a 400 naming it (a typo like `max_budgt` must not silently create an unlimited key). Queries
// are lenient (unknown parameters are dropped) because LiteLLM clients send many optional ones. Both refuse
// a NUL character or an unpaired UTF-16 surrogate (JSON's "\ud800") anywhere: Postgres cannot store
// either in jsonb (nor NUL in text), so they would fail the query as a 500.
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';

class ManagementValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const found = unstorableText(value, '');
    if (found !== undefined)
      throw OpenAIError.badRequest(
        `${found.path || 'The request'} must not contain ${found.problem}`,
        found.path || null,
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

/** With the `u` flag, a surrogate pair is one code point: only a lone surrogate matches. */
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character';
  if (UNPAIRED_SURROGATE.test(text)) return 'an unpaired UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}

/** The first string (value or object key) Postgres cannot store, with its path, if any. */
function unstorableText(value: unknown, path: string): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem === undefined ? undefined : { path, problem };
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [name, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${name}` : name;
    const problem = problemOf(name);
    if (problem !== undefined) return { path: childPath, problem };
    const found = unstorableText(child, childPath);
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
