import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/error-responses.ts';
import { ClassificationSchema } from './classification.schemas.ts';
import type { Classifier } from './classifier.ts';

const ClassifyRequestSchema = z
  .object({ text: z.string().min(1).max(100_000).describe('The customer\'s message (subject and body)') })
  .meta({ id: 'ClassifyRequest' });

/** Classification as a service for other systems: pure, in-process, microseconds. */
export const classificationRoutes: FastifyPluginAsyncZod<{ classifier: Classifier }> = async (app, { classifier }) => {
  app.post(
    '/v1/classify',
    {
      config: { scope: 'classify', idempotency: false },
      schema: {
        tags: ['classification'],
        operationId: 'classify',
        summary: 'Classify a text as question, complaint or suggestion (nothing is stored)',
        body: ClassifyRequestSchema,
        response: { 200: ClassificationSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request) => classifier.classify(request.body.text),
  );
};
