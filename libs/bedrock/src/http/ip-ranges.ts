// Which IP addresses a server-side fetch of a client-supplied URL may connect to: public unicast only.
// Everything that reaches the gateway's own host, its network, the cloud metadata service or special
// infrastructure is refused, also when hidden inside an IPv6 form (IPv4-mapped, NAT64, 6to4, …).
import { isIPv4, isIPv6 } from 'node:net';

/** Why an address is refused, or undefined when it is a public address. */
export type BlockedReason =
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'cloud-metadata'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'benchmarking'
  | 'broadcast'
  | 'translation';

interface Ipv4Range {
  base: number;
  prefix: number;
  reason: BlockedReason;
}

function ipv4Range(cidr: string, reason: BlockedReason): Ipv4Range {
  const [address, prefix] = cidr.split('/');
  return { base: parseIpv4(address)!, prefix: Number(prefix), reason };
}

/** Most specific first: 169.254.169.254 must read as cloud-metadata, not link-local. */
const IPV4_BLOCKED: readonly Ipv4Range[] = [
  ipv4Range('169.254.169.254/32', 'cloud-metadata'),
  ipv4Range('169.254.170.2/32', 'cloud-metadata'), // ECS task metadata
  ipv4Range('255.255.255.255/32', 'broadcast'),
  ipv4Range('0.0.0.0/8', 'unspecified'),
  ipv4Range('10.0.0.0/8', 'private'),
  ipv4Range('100.64.0.0/10', 'carrier-grade-nat'),
  ipv4Range('127.0.0.0/8', 'loopback'),
  ipv4Range('169.254.0.0/16', 'link-local'),
  ipv4Range('172.16.0.0/12', 'private'),
  ipv4Range('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  ipv4Range('192.0.2.0/24', 'documentation'),
  ipv4Range('192.88.99.0/24', 'reserved'), // 6to4 relay anycast
  ipv4Range('192.168.0.0/16', 'private'),
  ipv4Range('198.18.0.0/15', 'benchmarking'),
  ipv4Range('198.51.100.0/24', 'documentation'),
  ipv4Range('203.0.113.0/24', 'documentation'),
  ipv4Range('224.0.0.0/4', 'multicast'),
  ipv4Range('240.0.0.0/4', 'reserved'),
];

export function parseIpv4(address: string): number | undefined {
  if (!isIPv4(address)) return undefined;
  const octets = address.split('.');
  return (
    ((Number(octets[0]) << 24) | (Number(octets[1]) << 16) | (Number(octets[2]) << 8) | Number(octets[3])) >>>
    0
  );
}

function blockedIpv4(value: number): BlockedReason | undefined {
  for (const range of IPV4_BLOCKED) {
    const mask = range.prefix === 0 ? 0 : (0xffffffff << (32 - range.prefix)) >>> 0;
    if ((value & mask) >>> 0 === (range.base & mask) >>> 0) return range.reason;
  }
  return undefined;
}

/** Eight 16-bit groups; zone ids (`%eth0`) are dropped; an embedded dotted IPv4 tail is folded in. */
export function parseIpv6(address: string): number[] | undefined {
  const withoutZone = address.split('%', 1)[0];
  if (!isIPv6(withoutZone)) return undefined;
  let text = withoutZone.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail)!;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [
    ...headGroups,
    ...(text.includes('::') ? new Array<string>(missing).fill('0') : []),
    ...restGroups,
  ];
  return groups.map((group) => parseInt(group, 16));
}

function embeddedIpv4(groups: number[], highIndex: number): number {
  return ((groups[highIndex] << 16) | groups[highIndex + 1]) >>> 0;
}

function blockedIpv6(groups: number[]): BlockedReason | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0) {
    if (g7 === 0) return 'unspecified';
    if (g7 === 1) return 'loopback';
    return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  }
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated) reach the IPv4 address itself.
  if (upperZero && g5 === 0xffff) return blockedIpv4(embeddedIpv4(groups, 6)) ?? undefined;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) {
    return blockedIpv4(embeddedIpv4(groups, 6));
  }
  // NAT64 well-known prefix 64:ff9b::/96 forwards to the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return blockedIpv4(embeddedIpv4(groups, 6));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'translation'; // local-use NAT64 64:ff9b:1::/48
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard-only 100::/64
  if (
    g0 === 0xfd00 &&
    g1 === 0x0ec2 &&
    g2 === 0 &&
    g3 === 0 &&
    g4 === 0 &&
    g5 === 0 &&
    g6 === 0 &&
    g7 === 0x254
  ) {
    return 'cloud-metadata'; // EC2 instance metadata over IPv6, fd00:ec2::254
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'reserved'; // deprecated site-local fec0::/10
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if ((g0 & 0xfff0) === 0x3ff0) return 'documentation'; // 3fff::/20
  // 6to4 (2002::/16) and Teredo/IETF (2001::/23) tunnel to addresses we cannot vet from here.
  if (g0 === 0x2002) return 'translation';
  if (g0 === 0x2001 && g1 < 0x0200) return 'translation';
  // Only 2000::/3 is allocated global unicast; anything else is not a destination.
  if ((g0 & 0xe000) !== 0x2000) return 'reserved';
  return undefined;
}

/** Undefined for a public address; otherwise the reason it must not be fetched from. */
export function blockedAddressReason(address: string): BlockedReason | undefined {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return blockedIpv4(v4);
  const v6 = parseIpv6(address);
  if (v6 !== undefined) return blockedIpv6(v6);
  return 'invalid';
}

export function isPublicAddress(address: string): boolean {
  return blockedAddressReason(address) === undefined;
}
