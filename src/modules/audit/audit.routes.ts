import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/error-responses.ts';
import { decodePositionCursor, encodeCursor, pageOf } from '../../http/pagination.ts';
import type { AuditRecorder } from './audit-recorder.ts';
import type { AuditRepository } from './audit.repository.ts';
import { invalidPeriod } from './audit.errors.ts';
import { AuditListQuerySchema, AuditRecordSchema } from './audit.schemas.ts';
import type { AuditRow } from './audit.table.ts';

export const presentAuditRecord = (row: AuditRow) => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: { type: row.actorType, id: row.actorId, apiKeyId: row.apiKeyId },
  kind: row.kind,
  action: row.action,
  resource: row.resource,
  resourceId: row.resourceId,
  method: row.method,
  route: row.route,
  status: row.status,
  ip: row.ip,
  userAgent: row.userAgent,
  requestId: row.requestId,
});

export const auditRoutes: FastifyPluginAsyncZod<{ repository: AuditRepository; recorder: AuditRecorder }> = async (app, { repository, recorder }) => {
  app.get(
    '/v1/audit-log',
    {
      config: { scope: 'audit:read' },
      schema: {
        tags: ['audit'],
        operationId: 'listAuditLog',
        summary: 'Who read or changed what, from where, when, and how it ended; newest first',
        description:
          'Append-only: no route changes or removes a record. Reads of customer data, every change, and the service\'s own ' +
          '(`system`) actions such as erasure. Intake (`POST /v1/inquiries`) is not here: the ticket timeline records each message with its actor.',
        querystring: AuditListQuerySchema,
        response: { 200: pageOf(AuditRecordSchema).meta({ id: 'AuditRecordPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor, actor, action, resource, resourceId, from, to } = request.query;
      const fromAt = from ? new Date(from) : undefined;
      const toAt = to ? new Date(to) : undefined;
      if (fromAt && toAt && fromAt >= toAt) throw invalidPeriod();
      // What was read a moment ago is in the list (reads are batched off their requests).
      await recorder.flush();
      const after = decodePositionCursor(cursor);
      const rows = await repository.list({ actor, actions: action, resource, resourceId, from: fromAt, to: toAt }, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: page.map(presentAuditRecord),
        nextCursor: rows.length > limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
      };
    },
  );
};
