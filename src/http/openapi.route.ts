import type { FastifyPluginAsync } from 'fastify';

/** The contract, public: SDK generators and the docs page read it. */
export const openapiRoute: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type('application/json').send(app.swagger());
  });
};
