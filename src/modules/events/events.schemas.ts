import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { EVENT_TYPES } from './catalogue.ts';

export const EventSchema = z
  .object({
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    ticketId: z.string().nullable(),
    actor: z.object({
      type: z.enum(['agent', 'api_key', 'customer', 'system']),
      id: z.string().nullable(),
    }),
    data: z.record(z.string(), z.unknown()),
    createdAt: Timestamp,
  })
  .meta({ id: 'Event' });
