import type { FastifyInstance } from 'fastify';

/**
 * Lets `app.close()` finish once the requests in flight are answered. Node's server.close() closes
 * the keep-alive connections idle at that moment only; one whose request finishes later would stay
 * open (and hold the close) for the keep-alive timeout. So while closing, every answer says
 * `Connection: close` (the client opens its next request elsewhere, behind the load balancer), and
 * connections that fall idle are closed as they do.
 */
export function drainConnectionsOnClose(app: FastifyInstance): void {
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = true;
    sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => clearInterval(sweep));
}
