// Errors of the management API. Another tenant's object is "not found" (never "forbidden"), so callers
// cannot probe which ids exist outside their scope.
import { UniqueViolationError, type UniqueField } from '@quarry/db';
import { OpenAIError } from '@quarry/openai';
import { canReadEverything, isProxyAdmin, type Principal } from './principal';

export function notFound(what: 'Key' | 'Team' | 'User' | 'Model', param: string | null = null): OpenAIError {
  return new OpenAIError(
    404,
    `${what} not found.`,
    'not_found_error',
    param,
    `${what.toLowerCase()}_not_found`,
  );
}

export function forbidden(message: string, param: string | null = null): OpenAIError {
  return new OpenAIError(403, message, 'permission_error', param, 'insufficient_permissions');
}

export function requireProxyAdmin(principal: Principal, action: string): void {
  if (!isProxyAdmin(principal)) throw forbidden(`Only proxy admins can ${action}.`);
}

export function requireGlobalReader(principal: Principal, action: string): void {
  if (!canReadEverything(principal))
    throw forbidden(`Only proxy admins and proxy admin viewers can ${action}.`);
}

/** Viewer roles read; they never change anything. */
export function requireWriter(principal: Principal): void {
  if (principal.role === 'proxy_admin_viewer' || principal.role === 'internal_user_viewer')
    throw forbidden(`The ${principal.role} role is read-only.`);
}

/** What a unique violation means to the caller: the request field that clashed, and how to say so. */
export interface ConflictMeaning {
  param: string;
  message: string;
  code?: string;
}

export function conflict(meaning: ConflictMeaning): OpenAIError {
  return new OpenAIError(
    409,
    meaning.message,
    'invalid_request_error',
    meaning.param,
    meaning.code ?? 'already_exists',
  );
}

/**
 * A handler for a write's rejection: a unique violation becomes a 409 naming the request field (`otherwise`
 * for constraints not listed); any other error passes unchanged.
 */
export function rethrowConflict(
  meanings: Partial<Record<UniqueField, ConflictMeaning>>,
  otherwise?: ConflictMeaning,
): (error: unknown) => never {
  return (error) => {
    const meaning =
      error instanceof UniqueViolationError
        ? ((error.field && meanings[error.field]) ?? otherwise)
        : undefined;
    throw meaning ? conflict(meaning) : error;
  };
}
