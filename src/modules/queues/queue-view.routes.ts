import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { QueueHandles } from '../../shared/queue-handles.ts';

export const QUEUE_VIEW_PATH = '/admin/queues';

/** Same origin only: scripts, styles (inline ones: the page's loading animation), fonts, the API calls. */
export const QUEUE_VIEW_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

/**
 * bull-board's adapter with its read routes only: the actions (retry, promote, clean, empty,
 * obliterate, pause, add, change data) are not registered at all, so no caller, key or cookie,
 * can reach them. Re-running or dropping jobs is what the sweepers and recoveries do from
 * Postgres; a hand that does it in Redis can fire an SLA timer twice or lose one.
 */
class ReadOnlyFastifyAdapter extends FastifyAdapter {
  override setApiRoutes(routes: Parameters<FastifyAdapter['setApiRoutes']>[0]) {
    return super.setApiRoutes(routes.filter((route) => [route.method].flat().every((method) => method.toLowerCase() === 'get')));
  }

  /**
   * Keeps the app's error handler: bull-board's own answers every error it did not raise, the
   * auth layer's 401 and 403 among them, as a 500. Its handlers answer their own 404s directly.
   */
  override registerPlugin(): ReturnType<FastifyAdapter['registerPlugin']> {
    const plugin = super.registerPlugin();
    return (fastify, options, done) => {
      (fastify as { setErrorHandler: unknown }).setErrorHandler = () => fastify;
      plugin(fastify, options, done);
    };
  }
}

/**
 * The operators' queue view (bull-board) at /admin/queues: every queue's jobs by state, their
 * timings, failures and retries, and Redis' figures. For admins only (`admin`): an admin's browser
 * is signed in by the helpdesk's `desk_session` cookie (Path=/, SameSite=Strict, HttpOnly), which
 * it sends here as to /desk; a script uses an admin key. Read-only twice over: the adapter has no
 * write routes, and every queue is in bull-board's readOnlyMode (the UI shows no action buttons).
 */
export async function queueViewRoutes(app: FastifyInstance, options: { queues: QueueHandles }) {
  const serverAdapter = new ReadOnlyFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_VIEW_PATH);
  createBullBoard({
    queues: options.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Ticketing queues' } },
  });
  await app.register(async (board) => {
    // Every route of the board, its static files included, needs an admin (the auth plugin enforces `config.scope`).
    board.addHook('onRoute', (route) => {
      route.config = { ...route.config, scope: 'admin', audit: false };
    });
    // bull-board's page links a Google Fonts stylesheet: an admin's browser would tell a third party
    // it is looking at the queues. The policy keeps everything on this origin (system fonts instead).
    board.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', QUEUE_VIEW_CSP);
      return payload;
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: QUEUE_VIEW_PATH });
  });
}
