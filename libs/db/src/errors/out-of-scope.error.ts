/**
 * A write would create or move a row outside the caller's scope. The services' grant policies refuse
 * such writes first with a proper answer; reaching this means a policy let one through (a bug), so it is
 * an internal error rather than a 4xx.
 */
export class OutOfScopeError extends Error {
  override readonly name = 'OutOfScopeError';

  constructor(what: 'key' | 'team' | 'user') {
    super(`The ${what} written is outside the caller's scope`);
  }
}
