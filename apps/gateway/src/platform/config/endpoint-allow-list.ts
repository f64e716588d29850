// Which hosts an endpoint set through the API (/model/new) may name. Where the gateway sends requests
// carries its AWS credentials with them, so an API-set endpoint must be an AWS host (VPC endpoints
// included) or a host the operator listed in QUARRY_ALLOWED_ENDPOINT_HOSTS, over https unless it is a
// listed loopback address (a local emulator). config.yaml endpoints are the operator's own and unchecked.

/** AWS's public, China and dual-stack domains: `bedrock-runtime.us-east-1.amazonaws.com`, VPC endpoints, … */
export const DEFAULT_ALLOWED_ENDPOINT_HOSTS = ['*.amazonaws.com', '*.amazonaws.com.cn', '*.api.aws'];

/** `*.example.com` matches any subdomain (not example.com itself); anything else matches exactly. */
export type EndpointAllowList = readonly string[];

export function parseAllowedEndpointHosts(value: string | undefined): {
  hosts: EndpointAllowList;
  problems: string[];
} {
  const extra = (value ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
  const problems = extra
    .filter((host) => !/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$/.test(host))
    .map(
      (host) =>
        `QUARRY_ALLOWED_ENDPOINT_HOSTS: "${host}" is not a host name (give names like vpce.example.com, *.example.com, 127.0.0.1)`,
    );
  return { hosts: [...DEFAULT_ALLOWED_ENDPOINT_HOSTS, ...extra], problems };
}

/** Why `url` may not be set through the API, or undefined when it may. */
export function endpointProblem(url: string, allowList: EndpointAllowList): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an https URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an https URL';
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry credentials';
  const host = parsed.hostname.toLowerCase();
  if (!allowList.some((pattern) => hostMatches(host, pattern)))
    return `host "${host}" is not allowed (allowed: ${allowList.join(', ')}; extend with QUARRY_ALLOWED_ENDPOINT_HOSTS)`;
  if (parsed.protocol === 'http:' && !isLoopback(host))
    return 'must use https (plain http is allowed only for an allow-listed loopback host)';
  return undefined;
}

function hostMatches(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
