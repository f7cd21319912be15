import type { OpenAPIV3_2 } from '@fastify/swagger';
import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { EVENT_TYPES, type EventType } from '../events/catalogue.ts';
import { FEED_CATALOGUE } from '../events/feed-data.ts';
import { PING_TYPE } from './payload.ts';

/** What the envelope puts beside each event's own fields in `data` (payload.ts). */
const EnvelopeIds = {
  eventId: z.string().describe('The event\'s id, as in the timeline and the change feed'),
  ticketId: z.string().nullable(),
  actor: z.object({ type: z.enum(['agent', 'api_key', 'customer', 'system']), id: z.string().nullable() }),
};

const SURVEY_LINK_NOTE = 'Only to endpoints registered by a caller holding `surveys:deliver`';

const pascal = (type: string) => type.replace(/(^|[._])(\w)/g, (_m, _sep, ch: string) => ch.toUpperCase());

function eventData(type: EventType) {
  const data = FEED_CATALOGUE[type].extend(EnvelopeIds);
  return type === 'csat.requested' ? data.extend({ url: z.string().optional().describe(SURVEY_LINK_NOTE), token: z.string().optional().describe(SURVEY_LINK_NOTE) }) : data;
}

/** The body of each delivery, per event type: built from the catalogue, so it cannot drift from what is sent. */
export const WEBHOOK_PAYLOADS = Object.fromEntries(
  EVENT_TYPES.map((type) => [
    type,
    z
      .object({ type: z.literal(type), timestamp: Timestamp.describe('When the event happened'), data: eventData(type) })
      .meta({ id: `${pascal(type)}Webhook`, description: `The body of a \`${type}\` delivery` }),
  ]),
) as unknown as Record<EventType, z.ZodType>;

export const WebhookPingSchema = z
  .object({ type: z.literal(PING_TYPE), timestamp: Timestamp, data: z.object({ webhookId: z.string() }) })
  .meta({ id: 'WebhookPingWebhook', description: 'The body of a ping (`POST /v1/webhooks/{id}/ping`)' });

const HEADERS = [
  { name: 'webhook-id', description: 'One per event and endpoint, the same on every retry and redelivery: deduplicate on it' },
  { name: 'webhook-timestamp', description: 'When this attempt was signed, in Unix seconds (refuse ones far from your clock)' },
  {
    name: 'webhook-signature',
    description: '`v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`; after a secret rotation two of them, space-separated, for 24 hours',
  },
].map((header) => ({ in: 'header', required: true, schema: { type: 'string' }, ...header }));

const RESPONSES = {
  '2XX': { description: 'Received. Answer within 10 seconds; anything else (a redirect too) is retried with backoff for about three days' },
  '410': { description: 'Gone: the endpoint is disabled and nothing more is sent to it' },
};

const operation = (type: string, ref: string, description: string) => ({
  post: {
    operationId: `${pascal(type).replace(/^\w/, (c) => c.toLowerCase())}Webhook`,
    tags: ['webhooks'],
    summary: `${type} delivery`,
    description,
    parameters: HEADERS,
    // The receiver authenticates us by the signature headers (Standard Webhooks), not by a scheme of ours.
    security: [],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } },
    responses: RESPONSES,
  },
});

/**
 * The OpenAPI 3.1 `webhooks` map: what the service POSTs to registered endpoints, one entry per
 * event type (and the ping), signed per Standard Webhooks.
 */
export function webhookDocumentation(): Record<string, OpenAPIV3_2.PathItemObject> {
  const items = {
    ...Object.fromEntries(
      EVENT_TYPES.map((type) => [
        type,
        operation(type, `${pascal(type)}Webhook`, `Sent to endpoints subscribed to \`${type}\` (or \`*\`). Deliveries of one ticket arrive in the order the events were committed.`),
      ]),
    ),
    [PING_TYPE]: operation(PING_TYPE, 'WebhookPingWebhook', 'Sent once on `POST /v1/webhooks/{id}/ping`.'),
  };
  // Plain objects in the document's own words; the type only has to say they are path items.
  return items as unknown as Record<string, OpenAPIV3_2.PathItemObject>;
}
