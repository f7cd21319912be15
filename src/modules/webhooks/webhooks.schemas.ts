import { z } from 'zod';
import { IdParams, Timestamp, trimmed } from '../../http/common.schemas.ts';
import { PageQuerySchema, pageOf } from '../../http/pagination.ts';
import { EVENT_TYPES } from '../events/catalogue.ts';
import { DELIVERY_STATUSES, WEBHOOK_STATUSES, WEBHOOK_STATUS_REASONS } from './webhooks.tables.ts';

const EventSelection = z
  .array(z.enum([...EVENT_TYPES, '*']))
  .min(1)
  .max(EVENT_TYPES.length + 1)
  // `*` anywhere means every type; repeats say nothing more.
  .transform((list) => (list.includes('*') ? ['*'] : [...new Set(list)]))
  .describe('Event types to receive, or `["*"]` for every type (also those added later)');

const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe(
    'Where deliveries are POSTed: https, to a host that resolves to public addresses only (private, loopback, link-local and metadata addresses are refused, ' +
      'here and again when connecting; `WEBHOOK_ALLOWED_HOSTS` lets chosen hosts and networks through, and plain http only to them). No user name or password in it.',
  );

export const CreateWebhookSchema = z
  .object({ url: WebhookUrl, events: EventSelection, description: trimmed(500).optional() })
  .meta({ id: 'CreateWebhook' });

export const UpdateWebhookSchema = z
  .object({
    url: WebhookUrl.optional(),
    events: EventSelection.optional(),
    description: trimmed(500).nullable().optional(),
    status: z
      .enum(['active', 'paused'])
      .optional()
      .describe('`paused` stops sending (deliveries still accumulate); `active` resumes a paused or disabled endpoint and sends what accumulated, in order'),
  })
  .strict()
  .meta({ id: 'UpdateWebhook' });

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    status: z.enum(WEBHOOK_STATUSES).describe('`active` sends; `paused` keeps deliveries for later; `disabled` (after a 410) is owed nothing'),
    statusReason: z
      .enum(WEBHOOK_STATUS_REASONS)
      .nullable()
      .describe('Why it is not active: `requested` (paused by a caller), `failing` (paused after a run of failed attempts), `gone` (the receiver answered 410)'),
    surveyLinks: z.boolean().describe('Whether `csat.requested` carries the survey token and URL: only when the endpoint was set up by a caller holding `surveys:deliver`'),
    previousSecretExpiresAt: Timestamp.nullable().describe('After a rotation: until then deliveries carry a signature with the previous secret too'),
    consecutiveFailures: z.number().int().describe('Failed attempts since the last success'),
    failingSince: Timestamp.nullable(),
    lastSuccessAt: Timestamp.nullable().describe('The last successful delivery (to the minute)'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Webhook' });

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().describe('The Standard Webhooks signing secret (`whsec_` + base64): shown here only'),
}).meta({ id: 'WebhookWithSecret' });

export const WebhookDeliverySchema = z
  .object({
    id: z.string().describe('Also the `webhook-id` header of every attempt: the same on retries and redeliveries'),
    eventId: z.string().nullable().describe('null for a ping'),
    eventType: z.string(),
    ticketId: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES).describe('`pending` (to be sent or retried), `delivered` (a 2xx), `failed` (given up)'),
    attempts: z.number().int(),
    lastAttemptAt: Timestamp.nullable(),
    statusCode: z.number().int().nullable().describe('The last attempt\'s HTTP status; null when there was no answer'),
    latencyMs: z.number().int().nullable().describe('The last attempt: from the request to the answer\'s status line (or the error)'),
    error: z.string().nullable().describe('Why the last attempt failed'),
    response: z.string().nullable().describe('The first 4 KB of the last answer\'s body'),
    nextAttemptAt: Timestamp.nullable().describe('When a pending delivery is tried next (it may also wait for an earlier delivery of its ticket)'),
    deliveredAt: Timestamp.nullable().describe('When it was last delivered'),
    createdAt: Timestamp,
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookPageSchema = pageOf(WebhookSchema).meta({ id: 'WebhookPage' });
export const WebhookDeliveryPageSchema = pageOf(WebhookDeliverySchema).meta({ id: 'WebhookDeliveryPage' });

export const DeliveryQuerySchema = PageQuerySchema.extend({
  status: z.enum(DELIVERY_STATUSES).optional().describe('Only deliveries in this state'),
});

export const DeliveryParams = IdParams.extend({ deliveryId: IdParams.shape.id.describe('Delivery id (the `webhook-id`)') });

export type CreateWebhookInput = z.infer<typeof CreateWebhookSchema>;
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookSchema>;
