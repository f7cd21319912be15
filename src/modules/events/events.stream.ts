import { z } from 'zod';
import { Redis } from 'ioredis';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { csv } from '../../http/common.schemas.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { canSeeSurveyLinks } from '../csat/survey-link-access.ts';
import { EVENT_TYPES, type EventType } from './catalogue.ts';
import { FEED_START, feedHorizon, readCommitted, type FeedPosition } from './committed-events.ts';
import { presentEvent } from './events.presenter.ts';
import { eventNoticeChannel } from './event-notices.ts';
import { decodeFeedCursor } from './feed-cursor.ts';

/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Without a notice (no worker yet, Redis away) a stream still looks this often. */
const FALLBACK_POLL_MS = 2_000;
const BATCH = 200;
/**
 * A shutting-down process ends each stream with this event and a short retry: EventSource
 * reconnects by itself with Last-Event-ID, to a process that still listens (the load balancer's
 * next replica), and resumes exactly after the last event it got.
 */
const SHUTDOWN_RETRY_MS = 250;
const STREAM_SHUTDOWN_EVENT = `retry: ${SHUTDOWN_RETRY_MS}\nevent: reconnect\ndata: {"reason":"shutting_down"}\n\n`;

/**
 * One Redis subscription per API process, however many streams are open: a notice from the
 * relay ("events up to seq N committed") wakes every stream, which then reads its events from
 * Postgres. The notice is only a wake-up; the data always comes from the events table.
 */
export function createEventWakeups(deps: { redisUrl: string; prefix: string; logger: Logger }) {
  const listeners = new Set<() => void>();
  let subscriber: Redis | undefined;
  const ensure = () => {
    if (subscriber) return;
    subscriber = new Redis(deps.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2_000) });
    subscriber.on('error', () => undefined); // streams fall back to polling meanwhile
    subscriber.on('message', () => {
      for (const wake of listeners) wake();
    });
    subscriber.subscribe(eventNoticeChannel(deps.prefix)).catch(() => undefined);
  };
  return {
    listen(wake: () => void): () => void {
      ensure();
      listeners.add(wake);
      return () => listeners.delete(wake);
    },
    close() {
      subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}

export type EventWakeups = ReturnType<typeof createEventWakeups>;

const StreamQuerySchema = z.object({
  types: csv(EVENT_TYPES).optional().describe('Comma-separated event types to include'),
  ticketId: z.string().max(64).optional().describe('Only the events of this ticket'),
});

const StreamHeaders = z.object({
  'last-event-id': z.string().max(200).optional().describe('The `id` of the last event received: the stream resumes after it'),
});

/**
 * `GET /v1/stream`: live events as Server-Sent Events, for the helpdesk and dashboards. Each
 * event's SSE `id` is its place in the change feed, so a reconnect with `Last-Event-ID` resumes
 * exactly after it (the browser's EventSource does so by itself); every API process serves every
 * event, whichever process wrote it.
 */
export const eventStreamRoutes: FastifyPluginAsyncZod<{ db: Database; wakeups: EventWakeups }> = async (app, { db, wakeups }) => {
  const open = new Set<(reason?: 'shutdown') => void>();
  // preClose, not onClose: Fastify's server.close() waits for every open connection, so streams
  // left open would hold the shutdown until its bound.
  app.addHook('preClose', async () => {
    for (const end of open) end('shutdown');
  });
  app.addHook('onClose', async () => {
    wakeups.close();
  });

  app.get(
    '/v1/stream',
    {
      // EventSource always sends `Accept: text/event-stream`: without it here the accept check answers 406.
      config: { scope: 'tickets:read', rateLimit: false, idempotency: false, alsoProduces: ['text/event-stream'] },
      schema: {
        tags: ['events'],
        operationId: 'streamEvents',
        summary: 'Live events as Server-Sent Events (resume with Last-Event-ID)',
        description:
          'Each SSE message has `id` (a feed cursor), `event` (the event type) and `data` (the event as JSON, as in `GET /v1/events`). Without `Last-Event-ID` the stream starts with what happens next. ' +
          'A process that shuts down ends the stream with a `reconnect` event and `retry: 250`: reconnect with `Last-Event-ID` (EventSource does) to any API process and nothing is missed.',
        querystring: StreamQuerySchema,
        headers: StreamHeaders,
        produces: ['text/event-stream'],
        response: { 200: { description: 'An endless stream of events', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const resumeFrom = request.headers['last-event-id'];
      let position: FeedPosition = resumeFrom ? (decodeFeedCursor(resumeFrom) ?? FEED_START) : await feedHorizon(db);
      const types = request.query.types as EventType[] | undefined;
      const showSurveyLinks = canSeeSurveyLinks(request.principal);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
        'x-request-id': request.id,
      });
      res.write('retry: 2000\n\n');

      let closed = false;
      let reading = false;
      let again = false;
      const readOn = async () => {
        if (closed) return;
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            for (;;) {
              const { events, horizon } = await readCommitted(db, position, { limit: BATCH, types, ticketId: request.query.ticketId });
              for (const e of events) {
                if (closed) return; // ended meanwhile (shutdown): a write after end would throw
                const data = presentEvent({ ...e, actorType: e.actor.type, actorId: e.actor.id }, showSurveyLinks, { feed: true });
                res.write(`id: ${encodeCursor([e.position.txid, e.position.seq])}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
              }
              position = events.length < BATCH ? horizon : events[events.length - 1]!.position;
              if (events.length < BATCH || closed) break;
            }
          } while (again && !closed);
        } catch (error) {
          request.log.warn({ err: (error as Error).message }, 'event stream read failed; retrying on the next wake-up');
        } finally {
          reading = false;
        }
      };

      const stopListening = wakeups.listen(() => void readOn());
      const poll = setInterval(() => void readOn(), FALLBACK_POLL_MS);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = (reason?: 'shutdown') => {
        if (closed) return;
        closed = true;
        stopListening();
        clearInterval(poll);
        clearInterval(heartbeat);
        open.delete(end);
        if (reason === 'shutdown' && !res.destroyed) res.end(STREAM_SHUTDOWN_EVENT);
        else res.end();
      };
      open.add(end);
      request.raw.on('close', () => end());
      await readOn();
    },
  );
};
