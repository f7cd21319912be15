import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * WEBHOOK_ALLOWED_HOSTS as the policy uses it: host names let through whatever they resolve to,
 * and networks (addresses and CIDR ranges) whose addresses are let through although private.
 */
export interface AllowList {
  hosts: ReadonlySet<string>;
  /** Whether an address is inside one of the allowed networks. */
  contains(address: string): boolean;
}

export function allowListOf(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const networks: [Address, number][] = [];
  for (const entry of entries) {
    if (entry.includes('/')) networks.push(ipaddr.parseCIDR(entry));
    else if (isIP(entry)) {
      const address = ipaddr.parse(entry);
      networks.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(entry.toLowerCase());
  }
  const inNetworks = (address: Address) => networks.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
  return {
    hosts,
    contains(text) {
      const address = ipaddr.parse(text);
      return inNetworks(address) || (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && inNetworks((address as ipaddr.IPv6).toIPv4Address()));
    },
  };
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  linkLocal: 'a link-local address (where cloud metadata services live)',
  carrierGradeNat: 'a shared address (carrier-grade NAT, where some metadata services live)',
  unspecified: 'the unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
};

export type AddressVerdict = { allowed: true; listed: boolean } | { allowed: false; reason: string };

/**
 * Whether a webhook may connect to an address: public unicast addresses, and whatever is in the
 * allowed networks (`listed`). Everything else (loopback, private, link-local and metadata,
 * carrier-grade NAT, reserved and documentation ranges, IPv4 hidden in IPv6 forms) is refused.
 * The same judgement runs at registration and at connect time.
 */
export function judgeAddress(text: string, allow: AllowList): AddressVerdict {
  if (!ipaddr.isValid(text)) return { allowed: false, reason: 'not an IP address' };
  if (allow.contains(text)) return { allowed: true, listed: true };
  let address: Address = ipaddr.parse(text);
  // ::ffff:127.0.0.1 is 127.0.0.1: judged as the IPv4 address it reaches.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  const range = address.range();
  if (range === 'unicast') return { allowed: true, listed: false };
  return { allowed: false, reason: RANGE_NAMES[range] ?? `a reserved address (${range})` };
}

/** The URL's host as a name or a bare IP address (IPv6 without its brackets), lower case. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

export type Resolve = (host: string) => Promise<string[]>;

/**
 * Why a webhook URL is refused at registration, or null when it is accepted. Only http(s); no
 * credentials in the URL (deliveries are signed instead); every address the host resolves to must
 * be public or allowed; plain http only where every address is allowed (or the name is). A name
 * that does not resolve yet is accepted for https: the connect-time check judges it when it does.
 */
export async function refusalOf(url: URL, deps: { allow: AllowList; resolve: Resolve }): Promise<string | null> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password: deliveries are signed instead';
  const host = hostOf(url);
  if (deps.allow.hosts.has(host)) return null;
  const literal = isIP(host) !== 0;
  const addresses = literal ? [host] : await deps.resolve(host).catch(() => []);
  const plain = url.protocol === 'http:';
  if (addresses.length === 0) return plain ? `${host} does not resolve; plain http goes only to WEBHOOK_ALLOWED_HOSTS` : null;
  let listed = true;
  for (const address of addresses) {
    const verdict = judgeAddress(address, deps.allow);
    if (!verdict.allowed) {
      const what = literal ? `${address} is ${verdict.reason}` : `${host} resolves to ${address}, ${verdict.reason}`;
      return `${what}; webhooks go only to public addresses unless WEBHOOK_ALLOWED_HOSTS lets it through`;
    }
    listed &&= verdict.listed;
  }
  return plain && !listed ? 'must use https (plain http goes only to WEBHOOK_ALLOWED_HOSTS)' : null;
}
