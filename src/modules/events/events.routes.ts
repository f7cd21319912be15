import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { badRequest } from '../../http/problem.ts';
import { csv } from '../../http/common.schemas.ts';
import { canSeeSurveyLinks } from '../csat/survey-link-access.ts';
import { EVENT_TYPES } from './catalogue.ts';
import { EventSchema } from './events.schemas.ts';
import { presentEvent } from './events.presenter.ts';
import { FEED_START, readCommitted, type FeedPosition } from './committed-events.ts';
import { decodeFeedCursor } from './feed-cursor.ts';

const FeedQuerySchema = z.object({
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; omit to start from the first event'),
  // Digits only: a limit the document would call invalid ("1e2", " 5") is refused, not coerced.
  limit: z.string().regex(/^(?:[1-9]\d?|[1-4]\d\d|500)$/, 'a whole number 1..500').transform(Number).default(100).describe('Page size, 1..500'),
  types: csv(EVENT_TYPES).optional().describe('Comma-separated event types to include'),
  ticketId: z.string().max(64).optional().describe('Only the events of this ticket'),
});

const FeedPageSchema = z
  .object({
    data: z.array(EventSchema),
    nextCursor: z.string().describe('Where to read on from: always present; an empty page means nothing new yet'),
  })
  .meta({ id: 'EventFeedPage' });

function positionOf(cursor: string | undefined): FeedPosition {
  if (cursor === undefined) return FEED_START;
  const position = decodeFeedCursor(cursor);
  if (!position) throw badRequest('request.invalid_cursor', 'The cursor is not one this service issued', [{ path: 'querystring.cursor', message: 'invalid cursor' }]);
  return position;
}

/**
 * The change feed: every committed event, in one total order without gaps, exactly once for a
 * reader that follows `nextCursor` (even while transactions commit out of order).
 */
export const eventFeedRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/events',
    {
      config: { scope: 'events:read' },
      schema: {
        tags: ['events'],
        operationId: 'listEvents',
        summary: 'The change feed: every event in commit order, from a durable cursor',
        description:
          'Events carry ids, codes, numbers and times, not the words: no message body, subject, thread id, survey comment or ' +
          'classifier quote (the webhook payloads in the document show each type). Read the text with tickets:read.',
        querystring: FeedQuerySchema,
        response: { 200: FeedPageSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, ticketId } = request.query;
      const after = positionOf(request.query.cursor);
      const { events, horizon } = await readCommitted(db, after, { limit, types: request.query.types, ticketId });
      // A short page has seen everything below the horizon: resume from there, not from its last event.
      const next = events.length < limit ? horizon : events[events.length - 1]!.position;
      const showSurveyLinks = canSeeSurveyLinks(request.principal);
      return {
        data: events.map((e) => presentEvent({ ...e, actorType: e.actor.type, actorId: e.actor.id }, showSurveyLinks, { feed: true })),
        nextCursor: encodeCursor([next.txid, next.seq]),
      };
    },
  );
};
