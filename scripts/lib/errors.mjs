// Failures the db:* scripts print as one message (no stack trace) because the message says what to do.
import { redactUrl } from './postgres-admin.mjs';

export class SchemaEngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'SchemaEngineError';
  }
}

/** The server named by the URL cannot be reached or refuses the credentials. */
export class DatabaseUnreachableError extends SchemaEngineError {
  constructor(databaseUrl, reason, options) {
    super(`cannot connect to ${redactUrl(databaseUrl)}: ${reason}`, options);
    this.name = 'DatabaseUnreachableError';
    this.reason = reason;
  }
}
