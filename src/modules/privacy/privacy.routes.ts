import { Readable } from 'node:stream';
import type pg from 'pg';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../shared/clock.ts';
import { IdParams, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { actorOf } from '../events/actor.ts';
import { canSeeSurveyLinks } from '../csat/survey-link-access.ts';
import { CustomerExportSchema, EraseCustomerSchema, ErasureSchema } from './privacy.schemas.ts';
import { presentErasure } from './erasure.presenter.ts';
import type { ErasureService } from './erasure.service.ts';
import { customerExport } from './export.stream.ts';
import { exportsBusy } from './privacy.errors.ts';

/**
 * Exports streaming at once, per API process. Each holds one pool connection (its snapshot) for as
 * long as the client takes to read it; without a cap, a handful of slow downloads would take the
 * whole pool and intake would answer 503.
 */
export const EXPORT_SLOTS = 2;

export const privacyRoutes: FastifyPluginAsyncZod<{ erasures: ErasureService; pool: pg.Pool; clock: Clock }> = async (
  app,
  { erasures, pool, clock },
) => {
  let streaming = 0;

  app.get(
    '/v1/customers/:id/export',
    {
      config: { scope: 'customers:export' },
      schema: {
        tags: ['customers'],
        operationId: 'exportCustomer',
        summary: 'Everything held about a customer, as one JSON document (the right of access and portability)',
        description:
          'Identities, tickets, every message (internal notes included), surveys and their answers, the events of those tickets, ' +
          'topics and signals derived from their messages, published outcomes. Streamed as it is read (keyset pages of one ' +
          'repeatable-read snapshot), so its size is not bounded by memory; a failure midway ends the connection and the JSON is incomplete. ' +
          'A few exports stream at once per API process (each holds a database connection): beyond that, 429 `customers.export_busy` with Retry-After.',
        params: IdParams,
        response: { 200: CustomerExportSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      await erasures.mustExist(request.params.id);
      if (streaming >= EXPORT_SLOTS) throw exportsBusy();
      streaming++;
      // The audit log records this read as `customers.export` (src/modules/audit/audit-policy.ts).
      const stream = Readable.from(
        customerExport(pool, request.params.id, { showSurveyLinks: canSeeSurveyLinks(request.principal), exportedAt: clock.now() }),
        { objectMode: false },
      );
      // 'close' comes once whichever way it ends: read to the end, failed, or the client went away
      // (the generator's finally then gives its connection back).
      stream.once('close', () => streaming--);
      stream.on('error', (error) => request.log.error({ err: error.message }, 'customer export failed midway'));
      reply.header('content-disposition', `attachment; filename="customer-${request.params.id}.json"`);
      reply.header('cache-control', 'no-store');
      // A stream is sent as it is (Fastify serialises objects only); the schema documents what it writes.
      return reply.type('application/json; charset=utf-8').send(stream as never);
    },
  );

  app.delete(
    '/v1/customers/:id',
    {
      config: { scope: 'customers:erase' },
      schema: {
        tags: ['customers'],
        operationId: 'eraseCustomer',
        summary: 'Erase a customer: their personal data and the words of their tickets, keeping the statistics',
        description:
          'In one transaction: name, email and phone cleared, identities removed (a new message from the same address starts a new ' +
          'customer), subjects, message bodies (internal notes too), classifier quotes and survey comments replaced by `[erased]` ' +
          'or null, in the tickets and in the stored events the change feed, timeline and unsent webhook deliveries read; search ' +
          'vectors, topics and suggestion answers of those tickets rebuilt from what is left. Tickets, ratings, SLA targets and ' +
          'report facts stay. Idempotent: a repeat answers the first erasure\'s record (200).',
        params: IdParams,
        headers: WriteHeaders,
        body: EraseCustomerSchema,
        response: { 200: ErasureSchema, ...errorResponses({ write: true, extra: [404] }) },
      },
    },
    async (request) => {
      const erasure = await erasures.erase(request.params.id, request.body.reason, actorOf(request.principal));
      return presentErasure(erasure);
    },
  );
};
