import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { hostOf, judgeAddress, type AllowList } from './address-policy.ts';
import { guardedLookup, RefusedAddressError, systemLookupAll, type LookupAll } from './guarded-lookup.ts';

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one attempt came to, for the delivery log. `statusCode` null: no HTTP answer at all. */
export interface AttemptResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The first bytes of the answer's body (at most `maxResponseBytes`), as text. */
  response: string | null;
}

export interface SenderLimits {
  /** To an established connection (TCP, and TLS for https). */
  connectTimeoutMs: number;
  /** From the connection to the answer's status line and the bytes of its body we read. */
  responseTimeoutMs: number;
  maxResponseBytes: number;
}

export const DEFAULT_LIMITS: SenderLimits = { connectTimeoutMs: 5_000, responseTimeoutMs: 10_000, maxResponseBytes: 4_096 };

export type Sender = (request: OutgoingRequest) => Promise<AttemptResult>;

const USER_AGENT = 'ticketing-webhooks/1 (+https://www.standardwebhooks.com)';

// Postgres text holds no NUL; a receiver's answer may.
const printable = (text: string) => text.replace(/\u0000/g, '');

/**
 * POSTs one delivery. Every connection is new (no pooled socket to an address judged long ago)
 * and connects only to an address the policy allows, judged after DNS (guarded-lookup.ts) or on
 * the literal; redirects are not followed (a 3xx is a failed attempt like any other non-2xx); the
 * connection and the answer each have a deadline, and only the first few KB of the answer are read.
 */
export function createHttpSender(deps: { allow: AllowList; lookupAll?: LookupAll; limits?: Partial<SenderLimits> }): Sender {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const lookupAll = deps.lookupAll ?? systemLookupAll;

  return (outgoing) => {
    const url = new URL(outgoing.url);
    const host = hostOf(url);
    const plainHttp = url.protocol === 'http:';
    const listedName = deps.allow.hosts.has(host);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (!listedName && isIP(host)) {
      const verdict = judgeAddress(host, deps.allow);
      if (!verdict.allowed) return Promise.resolve({ statusCode: null, latencyMs: 0, error: `refused to connect: ${host} is ${verdict.reason}`, response: null });
      if (plainHttp && !verdict.listed) return Promise.resolve({ statusCode: null, latencyMs: 0, error: `refused to connect: plain http to ${host}, which WEBHOOK_ALLOWED_HOSTS does not list`, response: null });
    }

    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      let responseTimer: NodeJS.Timeout | undefined;
      const finish = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(responseTimer);
        resolve(result);
      };
      const fail = (error: Error) => finish({ statusCode: null, latencyMs: elapsed(), error: describe(error), response: null });

      const request = (plainHttp ? http : https).request(url, {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(outgoing.body)),
          'user-agent': USER_AGENT,
          ...outgoing.headers,
        },
        // Allowed names are trusted whatever they resolve to; everything else is judged on connect.
        ...(listedName ? {} : { lookup: guardedLookup(lookupAll, deps.allow, plainHttp) }),
      });
      const connectTimer = setTimeout(() => request.destroy(new TimeoutError(`no connection within ${limits.connectTimeoutMs} ms`)), limits.connectTimeoutMs);
      request.on('socket', (socket) => {
        socket.once(plainHttp ? 'connect' : 'secureConnect', () => {
          clearTimeout(connectTimer);
          responseTimer = setTimeout(() => request.destroy(new TimeoutError(`no answer within ${limits.responseTimeoutMs} ms`)), limits.responseTimeoutMs);
        });
      });
      request.on('error', fail);
      request.on('response', (response) => {
        const latencyMs = elapsed();
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const text = Buffer.concat(chunks).subarray(0, limits.maxResponseBytes).toString('utf8');
          finish({ statusCode: response.statusCode ?? null, latencyMs, error: null, response: text ? printable(text) : null });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= limits.maxResponseBytes) done();
        });
        response.on('end', done);
        // Cut off mid-body (its deadline, a reset): the status line counts, the body is what came.
        response.on('error', done);
        response.on('close', done);
      });
      request.end(outgoing.body);
    });
  };
}

class TimeoutError extends Error {}

function describe(error: Error): string {
  if (error instanceof TimeoutError || error instanceof RefusedAddressError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'DNS lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    CERT_HAS_EXPIRED: 'TLS: the certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: the certificate does not name the host',
  };
  return (code && known[code]) || (code ? `${code}: ${error.message}` : error.message).slice(0, 300);
}
