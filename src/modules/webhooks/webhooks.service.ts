import type { Database } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { orStaleOrMissing } from '../../http/if-match.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Principal } from '../auth/scopes.ts';
import { canSeeSurveyLinks } from '../csat/survey-link-access.ts';
import { refusalOf, type AllowList, type Resolve } from './address-policy.ts';
import { createDeliveryRepository, type DeliveryRow, type DeliveryStatus, type DueDelivery } from './deliveries.repository.ts';
import { createEndpointRepository, type EndpointChanges, type EndpointRow } from './endpoints.repository.ts';
import { PING_TYPE } from './payload.ts';
import type { SecretBox } from './secret-box.ts';
import { newWebhookSecret } from './signing.ts';
import type { DeliveryScheduler } from './webhooks.queue.ts';
import { deliveryNotFound, urlRefused, webhookBusy, webhookNotFound } from './webhooks.errors.ts';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhooks.schemas.ts';

/** How long the secret before a rotation keeps signing (receivers verify with either meanwhile). */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** What accumulated is enqueued at once on resume, this many at a time; the sweeper takes the rest. */
const RESUME_BATCH = 1_000;

/**
 * Registering and managing endpoints. Nothing here sends: pings, redeliveries and resumes are
 * rows (and jobs after the commit) for the worker's sender.
 */
export function createWebhookService(deps: {
  db: Database;
  clock: Clock;
  secrets: SecretBox;
  scheduler: Pick<DeliveryScheduler, 'enqueue'>;
  allow: AllowList;
  resolve: Resolve;
}) {
  const endpoints = createEndpointRepository(deps.db);
  const deliveries = createDeliveryRepository(deps.db);

  async function checkedUrl(raw: string): Promise<string> {
    const url = new URL(raw);
    const refusal = await refusalOf(url, { allow: deps.allow, resolve: deps.resolve });
    if (refusal) throw urlRefused(refusal);
    return url.href;
  }

  async function existing(id: string): Promise<EndpointRow> {
    const row = await endpoints.findById(id);
    if (!row) throw webhookNotFound(id);
    return row;
  }

  return {
    async create(input: CreateWebhookInput, caller: Principal): Promise<{ row: EndpointRow; secret: string }> {
      const url = await checkedUrl(input.url);
      const now = deps.clock.now();
      const id = newId('webhook', now.getTime());
      const secret = newWebhookSecret();
      const row = await endpoints.insert({
        id,
        url,
        description: input.description ?? null,
        events: input.events,
        status: 'active',
        surveyLinks: canSeeSurveyLinks(caller),
        secretSealed: await deps.secrets.seal(secret, id),
        createdBy: caller.id,
        createdAt: now,
        updatedAt: now,
      });
      return { row, secret };
    },

    get: existing,

    list: (limit: number, after?: KeysetPosition) => endpoints.list(limit, after),

    /**
     * A new URL from a caller without `surveys:deliver` ends survey links for the endpoint (they
     * would otherwise go wherever that caller points it). `active` resumes: the run of failures is
     * forgotten and what accumulated goes out now, each delivery on a fresh retry schedule.
     */
    async update(id: string, input: UpdateWebhookInput, caller: Principal, expectedVersion?: number): Promise<EndpointRow> {
      const current = await existing(id);
      const now = deps.clock.now();
      const set: EndpointChanges = { updatedAt: now };
      if (input.url !== undefined) {
        set.url = await checkedUrl(input.url);
        if (set.url !== current.url && !canSeeSurveyLinks(caller)) set.surveyLinks = false;
      }
      if (input.events !== undefined) set.events = input.events;
      if (input.description !== undefined) set.description = input.description;
      const resume = input.status === 'active' && current.status !== 'active';
      if (resume) Object.assign(set, { status: 'active', statusReason: null, consecutiveFailures: 0, failingSince: null });
      if (input.status === 'paused' && current.status !== 'paused') Object.assign(set, { status: 'paused', statusReason: 'requested' });

      let heads: DueDelivery[] = [];
      const updated = await deps.db.transaction(async (tx) => {
        const row = await createEndpointRepository(tx).update(id, set, expectedVersion);
        if (row && resume) {
          const txDeliveries = createDeliveryRepository(tx);
          await txDeliveries.restartPending(id, now);
          heads = await txDeliveries.due(now, now, RESUME_BATCH, id);
        }
        return row;
      });
      const row = await orStaleOrMissing(updated, () => endpoints.findById(id), () => webhookNotFound(id));
      await deps.scheduler.enqueue(heads);
      return row;
    },

    /** A new secret; the current one keeps signing beside it for 24 hours (an older one ends now). */
    async rotateSecret(id: string): Promise<{ row: EndpointRow; secret: string }> {
      const current = await existing(id);
      const now = deps.clock.now();
      const secret = newWebhookSecret();
      const row = await endpoints.update(
        id,
        {
          secretSealed: await deps.secrets.seal(secret, id),
          previousSecretSealed: current.secretSealed,
          previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
          updatedAt: now,
        },
        current.version,
      );
      if (!row) throw (await endpoints.findById(id)) ? webhookBusy() : webhookNotFound(id);
      return { row, secret };
    },

    async remove(id: string): Promise<void> {
      if (!(await endpoints.remove(id))) throw webhookNotFound(id);
    },

    /** A `webhook.ping` delivery, sent once by the worker whatever the endpoint's status. */
    async ping(id: string): Promise<DeliveryRow> {
      await existing(id);
      const now = deps.clock.now();
      const [created] = await deliveries.insertMany([
        { id: newId('webhookDelivery', now.getTime()), endpointId: id, eventId: null, eventType: PING_TYPE, ticketId: null, status: 'pending', nextAttemptAt: now, createdAt: now, updatedAt: now },
      ]);
      await deps.scheduler.enqueue([{ id: created!.id, attempts: 0 }]);
      return (await deliveries.findById(created!.id))!;
    },

    async deliveries(id: string, limit: number, filter: { status?: DeliveryStatus | undefined; after?: KeysetPosition | undefined }): Promise<DeliveryRow[]> {
      await existing(id);
      return deliveries.list(id, limit, filter);
    },

    /** Sends a delivery again with the same `webhook-id`, in its place in its ticket's line. */
    async redeliver(id: string, deliveryId: string): Promise<DeliveryRow> {
      const endpoint = await existing(id);
      const row = await deliveries.redeliver(id, deliveryId, deps.clock.now());
      if (!row) throw deliveryNotFound(deliveryId);
      if (endpoint.status === 'active' || row.eventType === PING_TYPE) await deps.scheduler.enqueue([{ id: row.id, attempts: row.attempts }]);
      return row;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
