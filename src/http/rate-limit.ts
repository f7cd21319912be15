import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

// The plugin's own stores: Redis (one count across API processes) and in-memory (the fallback).
const require = createRequire(import.meta.url);
type StoreCtor = new (...args: unknown[]) => FastifyRateLimitStore;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreCtor;

type Incr = (key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number) => void;

/**
 * Counts in Redis, so that every API process shares one limit per key; while Redis is away it
 * counts in this process instead of failing (or waving through) requests, and goes back to Redis
 * when it returns.
 */
function fallbackStore(redis: Redis, prefix: string) {
  return class FallbackStore {
    readonly shared: FastifyRateLimitStore;
    readonly local: FastifyRateLimitStore;
    constructor(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }, stores?: { shared: FastifyRateLimitStore; local: FastifyRateLimitStore }) {
      this.shared = stores?.shared ?? new RedisStore(options.continueExceeding, options.exponentialBackoff, redis, `${prefix}:rate-limit:`);
      this.local = stores?.local ?? new LocalStore(options.continueExceeding, options.exponentialBackoff, 10_000);
    }
    incr(...[key, callback, timeWindow, max]: Parameters<Incr>) {
      const local = () => (this.local.incr as unknown as Incr)(key, callback, timeWindow, max);
      if (redis.status !== 'ready') return local();
      (this.shared.incr as unknown as Incr)(key, (error, result) => (error ? local() : callback(null, result)), timeWindow, max);
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]) {
      return new FallbackStore(routeOptions as never, { shared: this.shared.child(routeOptions), local: this.local.child(routeOptions) });
    }
  };
}

/** Who a limit counts: an API key (or helpdesk session) once signed in, else the address. */
export const rateLimitKey = (request: FastifyRequest) => (request.principal ? `${request.principal.kind}:${request.principal.id}` : `ip:${request.ip}`);

/**
 * Rate limits per API key, on every route unless `perMinute` is 0: `RateLimit-Limit`,
 * `RateLimit-Remaining`, `RateLimit-Reset` on every answer, 429 problem+json with `Retry-After`
 * beyond it. A key may carry its own limit. It runs after authentication (preHandler), so it
 * counts keys, not whatever an Authorization header says; public routes set per-address limits.
 */
export async function registerRateLimit(app: FastifyInstance, options: { redis: Redis; prefix: string; perMinute: number }) {
  // The container's connection is lazy; counting needs it up (in the background: no wait at start).
  if (options.redis.status === 'wait') options.redis.connect().catch(() => undefined);
  await app.register(rateLimit, {
    global: options.perMinute > 0,
    hook: 'preHandler',
    max: (request) => request.principal?.rateLimitPerMinute ?? (options.perMinute || 1_000_000),
    timeWindow: '1 minute',
    keyGenerator: rateLimitKey,
    enableDraftSpec: true,
    store: fallbackStore(options.redis, options.prefix) as never,
  });
}
