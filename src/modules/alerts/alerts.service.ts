import type { Database } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { preconditionFailed } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { createEventRepository, type Actor } from '../events/events.repository.ts';
import { alertNotFound, invalidAlertTransition } from './alerts.errors.ts';
import { createAlertRepository, type AlertFilters } from './alerts.repository.ts';
import { eventAlert, presentAlert } from './alerts.presenter.ts';
import type { AlertStatus } from './levels.ts';

/** open → acknowledged → resolved; asking for the status it already has changes nothing. */
const ALLOWED: Record<AlertStatus, AlertStatus[]> = { open: ['acknowledged', 'resolved'], acknowledged: ['resolved'], resolved: [] };

/** Reading alerts, and what people do with them: acknowledge (I am on it) and resolve (handled), with a note. */
export function createAlertService(deps: { db: Database; clock: Clock }) {
  const read = createAlertRepository(deps.db);

  async function present(ids: string[]) {
    const history = await read.historyOf(ids);
    return (row: Parameters<typeof presentAlert>[0]) => presentAlert(row, history.get(row.id) ?? []);
  }

  return {
    async list(filters: AlertFilters, limit: number, after?: KeysetPosition) {
      const rows = await read.list(filters, limit + 1, after);
      const show = await present(rows.slice(0, limit).map((r) => r.id));
      return { rows, show };
    },

    async get(id: string) {
      const row = await read.findById(id);
      if (!row) throw alertNotFound(id);
      return (await present([id]))(row);
    },

    async changeStatus(id: string, change: { status: 'acknowledged' | 'resolved'; note?: string | undefined }, actor: Actor, expectedVersion?: number) {
      const at = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        const repo = createAlertRepository(tx);
        const current = await repo.findById(id, { forUpdate: true });
        if (!current) throw alertNotFound(id);
        if (expectedVersion !== undefined && current.version !== expectedVersion) throw preconditionFailed();
        if (current.status === change.status) return;
        if (!ALLOWED[current.status].includes(change.status)) throw invalidAlertTransition(current.status, change.status);
        const set =
          change.status === 'acknowledged'
            ? { status: 'acknowledged' as const, acknowledgedAt: at, acknowledgedByType: actor.type, acknowledgedById: actor.id, updatedAt: at }
            : { status: 'resolved' as const, resolvedAt: at, resolvedByType: actor.type, resolvedById: actor.id, resolution: 'manual' as const, pendingLevel: null, pendingSince: null, updatedAt: at };
        const row = (await repo.update(id, set, { bumpVersion: true }))!;
        const note = change.note ?? null;
        await repo.recordChange({ alertId: id, change: change.status, fromLevel: row.level, toLevel: row.level, status: row.status, actorType: actor.type, actorId: actor.id, note, figures: null, at });
        await createEventRepository(tx).append([
          change.status === 'acknowledged'
            ? { type: 'alert.acknowledged', ticketId: null, actor, data: { alert: eventAlert(row), note }, at }
            : { type: 'alert.resolved', ticketId: null, actor, data: { alert: eventAlert(row), resolution: 'manual', note }, at },
        ]);
      });
      return this.get(id);
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
