import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The process environment, parsed once at start-up and passed down (no global getConfig()).
 * Unknown or malformed values stop start-up with a message naming the variable.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .optional()
    .refine(
      (value) => {
        if (value === undefined) return true;
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

/** What proxy-addr (Fastify's trustProxy) accepts by name, besides addresses and CIDR ranges. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  return PROXY_NAMES.has(entry) || isAddressOrRange(entry);
}

/** An IP address, or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `false` (default: X-Forwarded-* are ignored), `true` (trust any proxy: only when nothing can
 * reach the service but through it), or the proxies' addresses and CIDR ranges separated by
 * commas (`10.0.0.0/8,loopback`). No hop counts: Fastify 5 no longer honours them (it cannot
 * check the peer), so accepting one would silently mean "trust nobody".
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, context): boolean | string[] => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.length > 0 && entries.every(isProxyAddress)) return entries;
    context.addIssue({ code: 'custom', message: 'must be true, false, or comma-separated proxy addresses / CIDR ranges (or loopback, linklocal, uniquelocal)' });
    return z.NEVER;
  });

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
/** A name, not a mistyped address: its last label is not all digits (`999.1.1.1` is neither). */
const isHostName = (entry: string) => HOST_NAME.test(entry) && !/(^|\.)\d+$/.test(entry);

/**
 * Where webhooks may go although the address is private, loopback or link-local: host names (as
 * written in the URL, any address they resolve to), IP addresses and CIDR ranges, comma-separated
 * (`127.0.0.1,10.0.0.0/8,hooks.internal`). Plain http is allowed only to these.
 */
const webhookAllowedHosts = z
  .string()
  .trim()
  .default('')
  .transform((value, context): string[] => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, ''))
      .filter(Boolean);
    const bad = entries.filter((entry) => !(isAddressOrRange(entry) || isHostName(entry)));
    if (bad.length === 0) return [...new Set(entries)];
    context.addIssue({ code: 'custom', message: `not a host name, IP address or CIDR range: ${bad.join(', ')}` });
    return z.NEVER;
  });

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /**
   * The worker role's own /metrics port (`start:worker`), e.g. 9464; 0 (the default): none, so that
   * several workers on one machine never fight over a port nobody asked for. The API serves
   * /metrics on PORT; under `npm start` the worker child listens on this port, or on a free one it prints when unset.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  ADMIN_API_KEY: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters (use a long random key)')
    .max(200)
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** The address customers and agents use to reach the service (survey links, printed URLs). */
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  /** Signs survey links (32+ characters); generated and kept in Postgres when unset. */
  SURVEY_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').max(200).optional(),
  /** Private hosts and networks webhooks may be delivered to (tests, internal receivers). */
  WEBHOOK_ALLOWED_HOSTS: webhookAllowedHosts,
  /**
   * Encrypts webhook signing secrets at rest (32+ characters each); several, comma-separated,
   * while moving to a new one (the first encrypts, all decrypt). Generated and kept in Postgres
   * when unset.
   */
  WEBHOOK_SECRET_KEY: z
    .string()
    .transform((value) => value.split(',').map((key) => key.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(32, 'each key must be at least 32 characters').max(200)).min(1))
    .optional(),
  /** Which proxies to believe about the client's address and protocol (sign-in limits, Secure cookies). */
  TRUST_PROXY: trustProxy,
  /** The email of the helpdesk admin agent the first start creates when there is no agent yet. */
  DESK_ADMIN_EMAIL: z.email().max(320).default('admin@helpdesk.local'),
  /** Postgres connections of the API process (the worker keeps at most 10). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  /** Requests per minute per API key on /v1 (0 = unlimited). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6_000),
  /** Classifier confidence under which a ticket is flagged `needsReview` (default: the model's own). */
  CLASSIFIER_REVIEW_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /**
   * Days after which a closed ticket's words (subject, messages, survey comments, their copies in
   * events) are anonymised by the worker; unset (the default) keeps them. How long is the
   * company's decision to make and to justify (PIPL art. 19: no longer than the purpose needs).
   */
  RETENTION_CLOSED_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  /**
   * Prefix of every BullMQ key (and of our own Redis keys and channel), so several deployments (or
   * test files) can share one Redis. `{name}` (a hash tag) puts every key of a queue in one Redis
   * Cluster slot, as BullMQ's multi-key scripts need there.
   */
  QUEUE_PREFIX: z
    .string()
    .regex(/^(\{[a-zA-Z0-9_-]{1,40}\}|[a-zA-Z0-9_-]{1,40})$/, 'letters, digits, _ and - only, optionally in braces ({tickets}: a Redis Cluster hash tag)')
    .default('tickets'),
  /**
   * How long SIGTERM may take: the API drains in-flight requests and ends its event streams, the
   * worker lets running jobs and the relay's batch finish. Past it (or on a second signal) the
   * process exits anyway; what did not finish is retried (jobs are idempotent).
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

/** Treats empty strings as unset, as shells and compose files produce them for "no value". */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The base URL people use to reach the service: PUBLIC_URL, else what HOST and PORT give. */
export function publicUrlOf(env: Pick<Env, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/$/, '');
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}`;
}
