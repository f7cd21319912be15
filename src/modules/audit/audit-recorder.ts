import type { Logger } from 'pino';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Principal } from '../auth/scopes.ts';
import type { AuditKind } from './audit-policy.ts';
import { createAuditRepository } from './audit.repository.ts';
import type { NewAuditRow } from './audit.table.ts';

/** Who acted, as the audit log names them. */
export interface AuditActor {
  type: 'api_key' | 'agent' | 'system';
  /** The agent for `agent`, the key for `api_key`, null for `system`. */
  id: string | null;
  /** The key used, when there was one (a key acting for an agent is `agent` with its key here). */
  apiKeyId?: string | null;
}

export const SYSTEM_AUDIT_ACTOR: AuditActor = { type: 'system', id: null };

export function auditActorOf(principal: Principal | null): AuditActor {
  if (!principal) return SYSTEM_AUDIT_ACTOR;
  const apiKeyId = principal.kind === 'api_key' ? principal.id : null;
  if (principal.agentId) return { type: 'agent', id: principal.agentId, apiKeyId };
  return { type: 'api_key', id: principal.id, apiKeyId };
}

/** One audit record. Ids only: never a name, an email, a body or a query string. */
export interface AuditEntry {
  actor: AuditActor;
  /** `customers.erase`, `customers.export`, `tickets.update` … */
  action: string;
  kind: AuditKind;
  /** The resource family (`customers`), as the path names it. */
  resource: string;
  resourceId?: string | null;
  /** The HTTP status; null (or absent) only for a pending change. */
  status?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  method?: string | null;
  route?: string | null;
  at?: Date;
}

/** Reads are batched: a flush when this many wait, or after FLUSH_MS. */
const BATCH = 200;
const FLUSH_MS = 250;
/** A Postgres away for long must not grow the buffer without end: past this, reads are dropped (and counted in the log). */
const MAX_BUFFERED = 20_000;

/**
 * Writes the audit log. Three ways, by what a loss would cost:
 * - `record(tx, entry)`: in the caller's transaction, so the record commits with the change or not
 *   at all (erasure, and whatever a worker does as `system`);
 * - `begin` + `seal`: the HTTP hook's way for changes: a pending row is committed before the handler
 *   runs, and sealed with the status after it: a crash mid-change leaves the pending row (status
 *   null), never nothing;
 * - `enqueue`: reads, batched off the request (one multi-row INSERT per 250 ms or 200 rows); a
 *   crash loses at most that fraction of a second of reads, and reads change nothing.
 */
export function createAuditRecorder(deps: { db: Database; clock: Clock; logger: Logger }) {
  const repository = createAuditRepository(deps.db);
  let buffer: NewAuditRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const rowOf = (entry: AuditEntry): NewAuditRow => {
    const at = entry.at ?? deps.clock.now();
    return {
      id: newId('audit', at.getTime()),
      at,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      apiKeyId: entry.actor.apiKeyId ?? null,
      kind: entry.kind,
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId ?? null,
      method: entry.method ?? null,
      route: entry.route ?? null,
      status: entry.status ?? null,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent ?? null,
      requestId: entry.requestId ?? null,
    };
  };

  async function writeBatch(rows: NewAuditRow[]) {
    try {
      await repository.append(rows);
    } catch (error) {
      const room = MAX_BUFFERED - buffer.length;
      if (room > 0) buffer.unshift(...rows.slice(0, room));
      if (rows.length > room) deps.logger.error({ dropped: rows.length - room }, 'audit reads dropped: Postgres refused them for too long');
      deps.logger.warn({ err: (error as Error).message, rows: rows.length }, 'audit batch not written; retried');
      schedule();
    }
  }

  function schedule() {
    if (timer || buffer.length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, FLUSH_MS);
    timer.unref();
  }

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      while (buffer.length > 0) {
        const rows = buffer.splice(0, BATCH);
        await writeBatch(rows);
        if (buffer.length > 0 && timer) break; // the write failed and rescheduled: wait for the timer
      }
    });
    return flushing;
  }

  return {
    /** In the caller's transaction (or on the pool): commits with the change. Returns the row's id. */
    async record(executor: Executor, entry: AuditEntry): Promise<string> {
      const row = rowOf(entry);
      await createAuditRepository(executor).append([row]);
      return row.id;
    },
    /** Written now, on the pool (a change refused before it ran). */
    async write(entry: AuditEntry): Promise<void> {
      await repository.append([rowOf(entry)]);
    },
    /** A change about to run: its pending row is committed now. */
    async begin(entry: AuditEntry): Promise<string> {
      const row = rowOf({ ...entry, status: null });
      await repository.append([row]);
      return row.id;
    },
    /** The pending row's outcome (and the id a create made). */
    seal: (id: string, status: number, resourceId: string | null) => repository.seal(id, status, resourceId),
    /** A read: batched, off the request. */
    enqueue(entry: AuditEntry): void {
      if (buffer.length >= MAX_BUFFERED) return;
      buffer.push(rowOf(entry));
      if (buffer.length >= BATCH) void flush();
      else schedule();
    },
    /** Writes what waits (tests, and shutdown). */
    flush,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}

export type AuditRecorder = ReturnType<typeof createAuditRecorder>;
