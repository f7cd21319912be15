import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/error-responses.ts';
import type { CorrectionRepository } from './corrections.repository.ts';
import { periodOf } from '../reports/period.ts';
import { PeriodQuerySchema } from './corrections.schemas.ts';
import type { Clock } from '../../shared/clock.ts';

export const correctionRoutes: FastifyPluginAsyncZod<{ corrections: CorrectionRepository; clock: Clock }> = async (
  app,
  { corrections, clock },
) => {
  app.get(
    '/v1/exports/classification-corrections',
    {
      config: { scope: 'exports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'exportClassificationCorrections',
        summary: 'Agents\' corrections as JSONL, for `npm run train:classifier -- --corrections FILE`',
        description: 'One JSON object per line: ticketId, text, modelType, agentType, modelVersion, modelConfidence, language, correctedBy, correctedAt.',
        querystring: PeriodQuerySchema,
        produces: ['application/x-ndjson'],
        response: {
          200: { description: 'JSON Lines', content: { 'application/x-ndjson': { schema: z.string() } } },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const period = periodOf(request.query, clock, 365);
      const rows = await corrections.export(period);
      const lines = rows.map((row) =>
        JSON.stringify({
          ticketId: row.ticketId,
          text: `${row.subject}\n${row.body ?? ''}`.trim(),
          modelType: row.modelType,
          agentType: row.agentType,
          modelVersion: row.modelVersion,
          modelConfidence: row.modelConfidence,
          language: row.language,
          correctedBy: { type: row.actorType, id: row.actorId },
          correctedAt: row.createdAt.toISOString(),
        }),
      );
      reply.header('content-disposition', 'attachment; filename="classification-corrections.jsonl"');
      return reply.type('application/x-ndjson').serializer((payload: unknown) => payload as string).send(lines.length ? `${lines.join('\n')}\n` : '');
    },
  );
};
