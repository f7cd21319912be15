import { pino, type Logger } from 'pino';

/**
 * One pino logger per process, shared by Fastify and the workers. Logs say what happened without
 * saying who: requests are logged without query strings (search terms, emails) or headers, and
 * bodies are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        path: request.url.split('?')[0],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}
