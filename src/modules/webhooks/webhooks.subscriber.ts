import { createHash } from 'node:crypto';
import type { EventSubscriber } from '../events/events.relay.ts';
import { ID_PREFIXES } from '../../shared/ids.ts';
import { createDeliveryRepository } from './deliveries.repository.ts';
import { createEndpointRepository } from './endpoints.repository.ts';
import type { DeliveryScheduler } from './webhooks.queue.ts';

/**
 * The delivery of an event to an endpoint has one id, whoever computes it and however often: the
 * `webhook-id` receivers deduplicate on, the same on every retry and redelivery.
 */
export const deliveryIdFor = (endpointId: string, eventId: string) =>
  `${ID_PREFIXES.webhookDelivery}_${createHash('sha256').update(`${endpointId}\n${eventId}`).digest('hex').slice(0, 32)}`;

export const subscribes = (events: readonly string[], type: string) => events.includes('*') || events.includes(type);

/**
 * Committed events become deliveries: one row per event and receiving endpoint (active or
 * paused), written in the relay cursor's transaction, so each event is owed exactly once to each
 * endpoint whatever the relay repeats. Nothing is sent here: after the commit, the deliveries of
 * active endpoints are enqueued for the worker's sender (a lost enqueue is the sweeper's).
 */
export function webhooksSubscriber(deps: { scheduler: Pick<DeliveryScheduler, 'enqueue'> }): EventSubscriber {
  let created: { id: string; attempts: number }[] = [];
  return {
    name: 'webhooks',
    async handle(events, tx) {
      created = [];
      const endpoints = await createEndpointRepository(tx).receiving();
      if (endpoints.length === 0) return;
      const rows = events.flatMap((event) =>
        endpoints
          .filter((endpoint) => subscribes(endpoint.events, event.type))
          .map((endpoint) => ({
            id: deliveryIdFor(endpoint.id, event.id),
            endpointId: endpoint.id,
            eventId: event.id,
            eventType: event.type,
            ticketId: event.ticketId,
            status: 'pending' as const,
            nextAttemptAt: event.createdAt,
            createdAt: event.createdAt,
            updatedAt: event.createdAt,
          })),
      );
      const active = new Set(endpoints.filter((e) => e.status === 'active').map((e) => e.id));
      const inserted = await createDeliveryRepository(tx).insertMany(rows);
      created = inserted.filter((row) => active.has(row.endpointId)).map(({ id, attempts }) => ({ id, attempts }));
    },
    async afterCommit() {
      const due = created;
      created = [];
      await deps.scheduler.enqueue(due);
    },
  };
}
