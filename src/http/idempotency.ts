import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from './problem.ts';
import { idempotencyKeys } from './idempotency.table.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the response must not be stored (it carries a secret); the key is then ignored. */
    idempotency?: boolean;
  }
  interface FastifyRequest {
    idempotency: { principal: string; key: string; createdAt: Date } | null;
  }
}

const TTL_MS = 24 * 60 * 60 * 1000;
/** A first request that has not finished after this long is presumed dead and may be retried. */
const STALE_IN_FLIGHT_MS = 60 * 1000;
const REPLAYED_HEADERS = ['location', 'etag', 'x-duplicate-delivery'];
/** How often a release that failed (the database gone with the request) is tried again. */
const RELEASE_RETRY_MS = 250;

const keyReused = () =>
  new AppError({
    status: 422,
    code: 'idempotency.key_reused',
    title: 'Idempotency-Key reused',
    detail: 'This Idempotency-Key was used with a different request; use a new key for a new request',
  });

const inFlight = () =>
  new AppError({
    status: 409,
    code: 'idempotency.in_flight',
    title: 'Request in progress',
    detail: 'A request with this Idempotency-Key is still being processed; retry shortly',
    headers: { 'retry-after': '1' },
  });

function declaresIdempotencyKey(headers: unknown): boolean {
  const shape = (headers as { shape?: Record<string, unknown> } | undefined)?.shape;
  return !!shape && 'idempotency-key' in shape;
}

/** Key order does not change what a JSON body means, so it must not change its hash either. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key` on every write, stored in Postgres: the first request claims the key, its
 * response (anything but a 5xx) is saved with it, and a retry with the same key and body gets the
 * saved response. A 5xx releases the key so the client can retry for real.
 */
export const idempotencyPlugin = fp<{ db: Database; clock: Clock }>(async (app, { db, clock }) => {
  app.decorateRequest('idempotency', null);

  /**
   * Claims this process gave up on but could not delete yet. A retry that reaches this process
   * takes such a claim over at once instead of answering 409 until the background delete lands
   * (the retry of a 503 comes within a second, often before the database or a free connection
   * does). A retry that reaches another process waits for the delete, or for STALE_IN_FLIGHT_MS.
   */
  const releasing = new Set<string>();
  const claimId = (principal: string, key: string, createdAt: Date) => `${principal}\n${key}\n${createdAt.getTime()}`;

  /**
   * Releases a claim. A 5xx usually means the database is gone, and then so is the delete: the
   * key would stay "in flight" (409 to every retry) until it counts as abandoned a minute later.
   * So a failed release is tried again in the background until the database answers, for as long
   * as the claim could otherwise block; the answer to the client never waits for it. The delete
   * names the claim's createdAt: a late background delete must never remove the claim of a retry
   * that took this one over.
   */
  const release = async (claim: { principal: string; key: string; createdAt: Date }, log: { warn: (obj: object, msg: string) => void }, onlyInFlight = false) => {
    const where = and(
      eq(idempotencyKeys.principal, claim.principal),
      eq(idempotencyKeys.key, claim.key),
      eq(idempotencyKeys.createdAt, claim.createdAt),
      onlyInFlight ? sql`${idempotencyKeys.statusCode} IS NULL` : undefined,
    );
    const attempt = () => db.delete(idempotencyKeys).where(where);
    try {
      await attempt();
    } catch {
      const id = claimId(claim.principal, claim.key, claim.createdAt);
      releasing.add(id);
      const until = Date.now() + STALE_IN_FLIGHT_MS;
      const retry = () => {
        if (!releasing.has(id)) return; // a retry took it over
        attempt().then(
          () => releasing.delete(id),
          () => {
            if (Date.now() < until) setTimeout(retry, RELEASE_RETRY_MS).unref();
            else {
              releasing.delete(id);
              log.warn({}, 'could not release an Idempotency-Key; it counts as abandoned now');
            }
          },
        );
      };
      setTimeout(retry, RELEASE_RETRY_MS).unref();
    }
  };

  // The key works where the document says it does: on routes that declare the header. Elsewhere
  // (public survey answers, deletes, classify) it is ignored, so anonymous callers, who would all
  // share one principal, never collide on each other's keys and nothing undocumented is replayed.
  app.addHook('onRoute', (route) => {
    const config = (route.config ??= {}) as { idempotency?: boolean };
    config.idempotency ??= declaresIdempotencyKey(route.schema?.headers);
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || request.method === 'GET' || request.routeOptions.config.idempotency === false) return;
    const principal = request.principal?.id ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`)
      .digest('hex');
    const now = clock.now();

    for (let attempt = 0; attempt < 2; attempt++) {
      const claimed = await db
        .insert(idempotencyKeys)
        .values({ principal, key, requestHash, createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS) })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length > 0) {
        request.idempotency = { principal, key, createdAt: now };
        return;
      }
      const [existing] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
      if (!existing) continue; // released between our two statements: claim again
      const expired = existing.expiresAt <= now;
      const releasingHere = existing.statusCode === null && releasing.has(claimId(principal, key, existing.createdAt));
      const abandoned = existing.statusCode === null && now.getTime() - existing.createdAt.getTime() > STALE_IN_FLIGHT_MS;
      if (expired || abandoned || releasingHere) {
        await db
          .delete(idempotencyKeys)
          .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key), eq(idempotencyKeys.createdAt, existing.createdAt)));
        releasing.delete(claimId(principal, key, existing.createdAt));
        continue;
      }
      if (existing.requestHash !== requestHash) throw keyReused();
      if (existing.statusCode === null) throw inFlight();
      const headers = (existing.responseHeaders ?? {}) as Record<string, string>;
      reply.headers(headers).header('idempotent-replayed', 'true').code(existing.statusCode);
      // Send the stored text as it was first sent: no second serialisation. (Rows stored before
      // answers were kept as text hold the parsed JSON.)
      const text = typeof existing.responseBody === 'string' ? existing.responseBody : JSON.stringify(existing.responseBody);
      return reply.type(headers['content-type'] ?? 'application/json').serializer((payload: unknown) => payload as string).send(text);
    }
    throw inFlight();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    // Only this request's own claim (its createdAt): one taken over as abandoned is not ours to seal.
    const where = and(eq(idempotencyKeys.principal, claim.principal), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.createdAt, claim.createdAt));
    // No body at all (a 204) is kept as empty text, so a retried delete answers 204 again, not 404.
    const text = payload === undefined || payload === null ? '' : payload;
    if (reply.statusCode >= 500 || typeof text !== 'string') {
      await release(claim, request.log);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of [...REPLAYED_HEADERS, 'content-type']) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    // The answer is kept as the text that was sent, a JSON string in the jsonb column. Parsed
    // JSON cannot always be stored: jsonb refuses the escapes \u0000 and lone surrogates (\udfff)
    // that an answer echoing odd input may contain, while the text of those escapes is plain ASCII.
    try {
      await db.update(idempotencyKeys).set({ statusCode: reply.statusCode, responseBody: text, responseHeaders: headers }).where(where);
    } catch (error) {
      // The client still gets its answer; without a stored copy a retry runs again, as without a key.
      request.log.warn({ err: error }, 'could not keep the answer for its Idempotency-Key; the key is released');
      await release(claim, request.log);
    }
    return payload;
  });

  // A request that never reached onSend (client went away) must not hold its key forever.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotency;
    if (!claim) return;
    await release(claim, request.log, true);
  });
});

/** Called by the worker's maintenance job: answers older than 24 h are no longer replayed. */
export async function purgeExpiredIdempotencyKeys(db: Database, now: Date): Promise<number> {
  const deleted = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  return deleted.length;
}
