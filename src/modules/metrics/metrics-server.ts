import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Authenticator } from '../../http/auth.ts';
import { hasScope } from '../auth/scopes.ts';
import type { MetricsScrape } from './metrics.module.ts';
import { PROMETHEUS_TYPE } from './metrics.routes.ts';

const BEARER = /^Bearer\s+(\S{1,512})\s*$/i;

async function mayScrape(request: IncomingMessage, keys: Authenticator): Promise<boolean> {
  const secret = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (!secret) return false;
  const principal = await keys.authenticate(secret);
  return principal !== null && hasScope(principal.scopes, 'metrics:read');
}

/**
 * The worker role's own `/metrics` (METRICS_PORT): its figures (jobs, SLA timers, webhook
 * deliveries) live in its process and no API process can see them. The same rule as the API's
 * route: a key with `metrics:read`. A bare node server: the worker has no HTTP app to hang it on.
 */
export function startMetricsServer(deps: { scrape: MetricsScrape; keys: Authenticator; port: number; host: string; logger: Logger }): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      if (!(await mayScrape(request, deps.keys))) {
        response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="ticketing"' }).end('a key with metrics:read is needed\n');
        return;
      }
      const text = await deps.scrape.text();
      response.writeHead(200, { 'content-type': PROMETHEUS_TYPE, 'cache-control': 'no-store' }).end(text);
    })().catch((error: unknown) => {
      deps.logger.warn({ err: (error as Error).message }, 'metrics scrape failed');
      if (!response.headersSent) response.writeHead(503, { 'content-type': 'text/plain' });
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve(server));
  });
}
