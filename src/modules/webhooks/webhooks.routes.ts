import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../../http/auth.ts';
import { IdParams, UpdateHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { byCreatedAt, decodePositionCursor, PageQuerySchema, toPage } from '../../http/pagination.ts';
import type { Clock } from '../../shared/clock.ts';
import { presentDelivery, presentWebhook } from './webhooks.presenter.ts';
import {
  CreateWebhookSchema,
  DeliveryParams,
  DeliveryQuerySchema,
  UpdateWebhookSchema,
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookPageSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './webhooks.schemas.ts';
import type { WebhookService } from './webhooks.service.ts';

const SIGNING =
  'Deliveries follow Standard Webhooks (verify them with the `standardwebhooks` libraries): a JSON body `{ type, timestamp, data }` and the headers ' +
  '`webhook-id` (one per event and endpoint, the same on every retry and redelivery: deduplicate on it), `webhook-timestamp` and `webhook-signature`. ' +
  'The payload of each event type is in this document\'s `webhooks`.';

export const webhookRoutes: FastifyPluginAsyncZod<{ webhooks: WebhookService; clock: Clock }> = async (app, { webhooks, clock }) => {
  const present = (row: Parameters<typeof presentWebhook>[0]) => presentWebhook(row, clock);

  app.get(
    '/v1/webhooks',
    {
      config: { scope: 'webhooks:read' },
      schema: {
        tags: ['webhooks'],
        operationId: 'listWebhooks',
        summary: 'List webhook endpoints (never their secrets)',
        querystring: PageQuerySchema,
        response: { 200: WebhookPageSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return toPage(await webhooks.list(limit + 1, decodePositionCursor(cursor)), limit, present, byCreatedAt);
    },
  );

  app.post(
    '/v1/webhooks',
    {
      // The answer carries the secret: never stored for an Idempotency-Key replay.
      config: { scope: 'webhooks:write', idempotency: false },
      schema: {
        tags: ['webhooks'],
        operationId: 'createWebhook',
        summary: 'Register an endpoint; its signing secret is in this answer only',
        description:
          `${SIGNING} The URL is refused (422 \`webhooks.url_refused\`, path \`body.url\`) when it resolves to a private, loopback, link-local or metadata address, ` +
          'uses plain http, or carries credentials, unless `WEBHOOK_ALLOWED_HOSTS` lets it through. `csat.requested` carries the survey link only to endpoints ' +
          'registered by a caller holding `surveys:deliver`.',
        body: CreateWebhookSchema,
        response: { 201: WebhookWithSecretSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const { row, secret } = await webhooks.create(request.body, callerOf(request));
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...present(row), secret });
    },
  );

  app.get(
    '/v1/webhooks/:id',
    {
      config: { scope: 'webhooks:read' },
      schema: {
        tags: ['webhooks'],
        operationId: 'getWebhook',
        summary: 'Get a webhook endpoint',
        params: IdParams,
        response: { 200: WebhookSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => present(await webhooks.get(request.params.id)),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      config: { scope: 'webhooks:write' },
      schema: {
        tags: ['webhooks'],
        operationId: 'updateWebhook',
        summary: 'Change, pause or resume a webhook endpoint',
        description: 'A new `url` is checked as at registration. `status: "active"` resumes a paused or disabled endpoint: what accumulated is sent, in order per ticket.',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateWebhookSchema,
        response: { 200: WebhookSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request) => present(await webhooks.update(request.params.id, request.body, callerOf(request), parseIfMatch(request.headers['if-match']))),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { scope: 'webhooks:write' },
      schema: {
        tags: ['webhooks'],
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook endpoint and its delivery log (nothing more is sent)',
        params: IdParams,
        response: { 204: z.undefined(), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      await webhooks.remove(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/webhooks/:id/rotate-secret',
    {
      config: { scope: 'webhooks:write', idempotency: false },
      schema: {
        tags: ['webhooks'],
        operationId: 'rotateWebhookSecret',
        summary: 'Replace the signing secret; the old one keeps verifying for 24 hours',
        description:
          'For 24 hours deliveries carry two signatures in `webhook-signature` (the new secret\'s and the previous one\'s, space-separated), so receivers can switch ' +
          'at their pace. Rotating again during the overlap ends the oldest secret at once.',
        params: IdParams,
        response: { 200: WebhookWithSecretSchema, ...errorResponses({ extra: [404, 409] }) },
      },
    },
    async (request, reply) => {
      const { row, secret } = await webhooks.rotateSecret(request.params.id);
      reply.header('cache-control', 'no-store');
      return { ...present(row), secret };
    },
  );

  app.post(
    '/v1/webhooks/:id/ping',
    {
      config: { scope: 'webhooks:write' },
      schema: {
        tags: ['webhooks'],
        operationId: 'pingWebhook',
        summary: 'Send a `webhook.ping` delivery (once, whatever the endpoint\'s status); its outcome is in the delivery log',
        params: IdParams,
        response: { 202: WebhookDeliverySchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => reply.code(202).send(presentDelivery(await webhooks.ping(request.params.id))),
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      config: { scope: 'webhooks:read' },
      schema: {
        tags: ['webhooks'],
        operationId: 'listWebhookDeliveries',
        summary: 'The delivery log of an endpoint, newest first (kept 30 days once settled)',
        params: IdParams,
        querystring: DeliveryQuerySchema,
        response: { 200: WebhookDeliveryPageSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await webhooks.deliveries(request.params.id, limit + 1, { status, after: decodePositionCursor(cursor) });
      return toPage(rows, limit, presentDelivery, byCreatedAt);
    },
  );

  app.post(
    '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: { scope: 'webhooks:write' },
      schema: {
        tags: ['webhooks'],
        operationId: 'redeliverWebhookDelivery',
        summary: 'Send a delivery again, with the same `webhook-id`',
        description: 'It goes out as soon as no earlier delivery of its ticket is pending, on a fresh retry schedule; for a paused endpoint, when it is resumed.',
        params: DeliveryParams,
        response: { 202: WebhookDeliverySchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => reply.code(202).send(presentDelivery(await webhooks.redeliver(request.params.id, request.params.deliveryId))),
  );
};
