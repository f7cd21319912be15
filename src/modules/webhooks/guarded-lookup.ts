import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { judgeAddress, type AllowList, type Resolve } from './address-policy.ts';

/** The errno a resolver gives for a name that does not resolve (not one of our problem codes). */
const NOT_FOUND = 'ENOTFOUND';

/** Resolves every address of a name (dns.lookup with `all`); injectable, so tests can play DNS. */
export type LookupAll = (host: string) => Promise<LookupAddress[]>;

export const systemLookupAll: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Registration's resolver: the addresses, or none when the name does not resolve within the time. */
export function resolverOf(lookupAll: LookupAll, timeoutMs: number): Resolve {
  return async (host) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<LookupAddress[]>((resolve) => (timer = setTimeout(() => resolve([]), timeoutMs)));
    try {
      return (await Promise.race([lookupAll(host), timeout])).map((a) => a.address);
    } finally {
      clearTimeout(timer);
    }
  };
}

export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

/**
 * The `lookup` of an outgoing connection: the socket connects only to an address judged here,
 * after the DNS answer, so a name that resolved to a public address at registration and to
 * 127.0.0.1 now (DNS rebinding) is refused. Any refused address refuses the connection, as at
 * registration. `plainHttp`: every address must also be in the allowed networks.
 */
export function guardedLookup(lookupAll: LookupAll, allow: AllowList, plainHttp: boolean): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    lookupAll(hostname).then(
      (addresses) => {
        for (const { address } of addresses) {
          const verdict = judgeAddress(address, allow);
          if (!verdict.allowed) return callback(new RefusedAddressError(`refused to connect: ${hostname} resolves to ${address}, ${verdict.reason}`));
          if (plainHttp && !verdict.listed) return callback(new RefusedAddressError(`refused to connect: plain http to ${address}, which WEBHOOK_ALLOWED_HOSTS does not list`));
        }
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: NOT_FOUND }));
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;
}
