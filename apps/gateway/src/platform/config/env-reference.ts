// LiteLLM config values may be written `os.environ/NAME`: the value is read from the environment when
// it is used. The reference itself is what gets stored (in the database, in /model/info), never the secret.

const PREFIX = 'os.environ/';

export function isEnvReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function envReferenceName(reference: string): string {
  return reference.slice(PREFIX.length);
}

/** Replaces every `os.environ/NAME` inside `value` (deeply) by the variable's value; missing ones become undefined. */
export function resolveEnvReferences<T>(value: T, env: NodeJS.ProcessEnv): T {
  if (isEnvReference(value)) return env[envReferenceName(value)] as T;
  if (Array.isArray(value)) return value.map((item) => resolveEnvReferences(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) resolved[key] = resolveEnvReferences(item, env);
    return resolved as T;
  }
  return value;
}
