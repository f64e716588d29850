// Gateway-wide timeouts beyond litellm_settings.request_timeout (read with the other litellm_settings):
// LiteLLM's router takes `timeout` (or `request_timeout`) under router_settings, and `stream_timeout` under
// either section: the longest a stream may stay silent (before its first chunk or between two chunks).
// Deployments override both with their own litellm_params.timeout / stream_timeout.

type Section = 'router_settings' | 'litellm_settings';
type At = (path: (string | number)[]) => string;

export const TIMEOUT_SETTING_KEYS = ['stream_timeout'] as const;

export interface ParsedTimeouts {
  /** router_settings.timeout / request_timeout, when litellm_settings.request_timeout is not given. */
  requestTimeoutMs?: number;
  streamTimeoutMs?: number;
  problems: string[];
}

export function readTimeoutSettings(
  sections: Partial<Record<Section, Record<string, unknown>>>,
  at: At,
): ParsedTimeouts {
  const problems: string[] = [];
  const seconds = (section: Section, key: string): number | undefined => {
    const value = sections[section]?.[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      problems.push(`${at([section, key])}: ${section}.${key} must be a positive number of seconds`);
      return undefined;
    }
    return Math.round(value * 1000);
  };
  const router = seconds('router_settings', 'timeout') ?? seconds('router_settings', 'request_timeout');
  const stream =
    seconds('router_settings', 'stream_timeout') ?? seconds('litellm_settings', 'stream_timeout');
  return { requestTimeoutMs: router, streamTimeoutMs: stream, problems };
}
