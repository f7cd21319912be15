import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { TimeZoneSchema } from '../calendars/calendars.schemas.ts';

export const HOTSPOT_TYPES = ['complaint', 'question', 'suggestion'] as const;

export const HotspotQuerySchema = z.object({
  from: Timestamp.optional().describe('Topics first mentioned at or after (default: the start of the local day six days before `to`)'),
  to: Timestamp.optional().describe('Topics first mentioned before (default: now)'),
  timeZone: TimeZoneSchema.default('UTC').describe('IANA time zone of the default period\'s days, e.g. Asia/Shanghai'),
  type: z.enum(HOTSPOT_TYPES).optional().describe('Only this type of ticket (default: all three, complaints first)'),
  // Digits only: a limit the document would call invalid ("0x10", "1e2") is refused, not coerced.
  limit: z.string().regex(/^(?:[1-9]\d?|100)$/, 'a whole number 1..100').transform(Number).default(10).describe('Topics per ranking, 1..100'),
});

const HotspotSchema = z
  .object({
    topic: z.string().describe('The topic as customers wrote it most often (华为手机, iPhone 15 Pro)'),
    key: z.string().describe('The normalised topic that groups spellings: simplified, lower case'),
    product: z.boolean().describe('Looks like a product or brand name (a model number, a capitalised name, a word the dictionary lacks)'),
    tickets: z.number().int().describe('Tickets of this type mentioning it in the period'),
    previousTickets: z.number().int().describe('The same in the previous period of the same length'),
    change: z.number().int().describe('tickets − previousTickets'),
    growth: z.number().nullable().describe('tickets / previousTickets; null when the topic is new'),
    growthScore: z.number().describe('(tickets − previous) / √(tickets + previous + 1): growth weighed by how much evidence it rests on; the growth ranking\'s order'),
    negativeShare: z.number().describe('Share of these tickets whose mention was negative in sentiment'),
    sampleTicketIds: z.array(z.string()).describe('Up to five tickets of the period, newest first'),
  })
  .meta({ id: 'Hotspot' });

export const HotspotReportSchema = z
  .object({
    from: Timestamp,
    to: Timestamp,
    previousFrom: Timestamp.describe('Start of the previous period, which ends at `from`'),
    timeZone: z.string(),
    groups: z
      .array(
        z.object({
          type: z.enum(HOTSPOT_TYPES),
          byVolume: z.array(HotspotSchema).describe('Most tickets first'),
          byGrowth: z.array(HotspotSchema).describe('Fastest growing first (only topics that grew)'),
        }),
      )
      .describe('One group per type, complaints first'),
  })
  .meta({ id: 'HotspotReport', description: 'Where problems concentrate: topics by volume and by growth against the previous period' });

export type HotspotReport = z.infer<typeof HotspotReportSchema>;
export type Hotspot = z.infer<typeof HotspotSchema>;
