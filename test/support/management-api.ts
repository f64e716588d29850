// Calls to the management API as the tests make them. Tests share one database and run in parallel, so
// every team, user, alias and model gets a random suffix and tests assert only on their own objects.
import { randomBytes } from 'node:crypto';
import type { TestGateway } from './test-gateway';

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export async function call(
  gateway: TestGateway,
  method: 'GET' | 'POST',
  path: string,
  key: string | null,
  json?: unknown,
): Promise<{ status: number; body: any; text: string }> {
  const response = await gateway.request(path, { method, key, json });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** POST with the master key that must succeed; returns the parsed body. */
export async function asMaster(gateway: TestGateway, path: string, json: unknown): Promise<any> {
  const result = await call(gateway, 'POST', path, gateway.masterKey, json);
  if (result.status !== 200) throw new Error(`${path} answered ${result.status}: ${result.text}`);
  return result.body;
}
