import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditSpecFor, type AuditSpec, type RouteAuditConfig } from './audit-policy.ts';
import { auditActorOf, type AuditEntry, type AuditRecorder } from './audit-recorder.ts';
import { userAgentForAudit } from './user-agent.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What the audit log records for this route (see audit-policy.ts for the defaults); `false`
     * when the route records in its own transaction with `audit.record(tx, …)`.
     */
    audit?: RouteAuditConfig | false;
  }
  interface FastifyRequest {
    /** The pending audit row of a change in flight. */
    auditPending?: string;
  }
}

/** Where a request came from and which route it took, for a record a route writes itself (`audit.record`). */
export function auditContextOf(request: FastifyRequest): Pick<AuditEntry, 'actor' | 'ip' | 'userAgent' | 'requestId' | 'method' | 'route'> {
  return {
    actor: auditActorOf(request.principal),
    ip: request.ip ?? null,
    userAgent: userAgentForAudit(request.headers['user-agent']),
    requestId: request.id,
    method: request.method,
    route: request.routeOptions.url ?? null,
  };
}

/** Only what looks like one of our ids is kept: a refused request's path may carry anything (a NUL, a name). */
const anId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);

/**
 * The id a create answered with, when the route has no `:id` of its own: the answer's `id`, or that
 * of the first object in it (`{ticket, message}`, `{apiKey, secret}`). Only the id is kept.
 */
function createdId(payload: unknown): string | null {
  if (typeof payload !== 'string' || payload.length > 1_000_000 || !payload.startsWith('{')) return null;
  try {
    const body = JSON.parse(payload) as Record<string, unknown>;
    if (anId(body.id)) return body.id;
    const inner = Object.values(body).find((value): value is { id: unknown } => typeof value === 'object' && value !== null && 'id' in value);
    return inner && anId(inner.id) ? inner.id : null;
  } catch {
    return null;
  }
}

function resourceIdOf(request: FastifyRequest, reply: FastifyReply, payload: unknown, spec: AuditSpec): string | null {
  const params = request.params as Record<string, unknown> | undefined;
  const id = params?.id;
  if (anId(id)) return id;
  return spec.kind === 'create' && reply.statusCode < 300 ? createdId(payload) : null;
}

/**
 * Records audited requests (audit-policy.ts): a change gets a pending row before its handler runs
 * and its status when it answers; a read is batched after it answers. Requests no key or session
 * signed in (401) are not recorded: there is nobody to name, and anyone could fill the log with
 * them; the rate limit and the request log see those. A 403 is recorded: a known caller tried.
 */
export const auditPlugin = fp<{ recorder: AuditRecorder }>(async (app, { recorder }) => {
  const specs = new Map<string, AuditSpec | null>();
  const specOf = (request: FastifyRequest): AuditSpec | null => {
    const url = request.routeOptions.url;
    if (!url) return null;
    const key = `${request.method} ${url}`;
    let spec = specs.get(key);
    if (spec === undefined) {
      const config = request.routeOptions.config;
      spec = auditSpecFor({ method: request.method, url, scoped: Boolean(config.scope), config: config.audit });
      specs.set(key, spec);
    }
    return spec;
  };

  app.addHook('preHandler', async (request, reply) => {
    const spec = specOf(request);
    if (!spec || spec.kind === 'read' || !request.principal) return;
    request.auditPending = await recorder.begin({ ...auditContextOf(request), ...spec, resourceId: resourceIdOf(request, reply, undefined, spec) });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const spec = specOf(request);
    if (!spec || !request.principal) return payload;
    const resourceId = resourceIdOf(request, reply, payload, spec);
    try {
      if (request.auditPending) {
        await recorder.seal(request.auditPending, reply.statusCode, resourceId);
      } else {
        const entry: AuditEntry = { ...auditContextOf(request), ...spec, resourceId, status: reply.statusCode };
        // A change refused before its handler (403, 400, 412…) is written at once like any change.
        if (spec.kind === 'read') recorder.enqueue(entry);
        else await recorder.write(entry);
      }
    } catch (error) {
      // The answer goes out regardless: what it reports has happened. A change's pending row stays
      // (status null: outcome unknown), so the log still says it was attempted.
      request.log.error({ err: (error as Error).message, auditId: request.auditPending }, 'audit record not completed');
    }
    return payload;
  });
});
