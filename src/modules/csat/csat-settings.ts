import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { IsoDurationSchema } from '../sla/sla.schemas.ts';
import { CHANNELS } from '../tickets/tickets.table.ts';
import { settings } from './csat.tables.ts';

const Reason = trimmed(100);

export const CsatSettingsBodySchema = z.object({
  enabled: z.boolean(),
  delay: z
    .string()
    .max(40)
    .refine((v) => v === 'PT0S' || IsoDurationSchema.safeParse(v).success, 'an ISO 8601 duration, PT0S or more')
    .describe('How long after the solve the survey goes out (PT0S: at once)'),
  expiresAfter: IsoDurationSchema.describe('How long a customer may answer after it is sent'),
  channels: z.array(z.enum(CHANNELS)).describe('Channels whose customers are asked'),
  samplingRate: z.number().min(0).max(1).describe('Share of solved tickets that get a survey'),
  cooldown: z
    .string()
    .max(40)
    .refine((v) => v === 'PT0S' || IsoDurationSchema.safeParse(v).success, 'an ISO 8601 duration, PT0S or more')
    .describe('No second survey to the same customer within this time'),
  scale: z.literal(5).describe('Ratings are 1 (very unhappy) to 5 (very happy)'),
  reasons: z
    .object({ 'zh-Hans': z.array(Reason).max(12), 'zh-Hant': z.array(Reason).max(12), en: z.array(Reason).max(12) })
    .describe('Reason options shown on the page, per language'),
  onNegative: z.enum(['reopen', 'flag', 'none']).describe('A rating of 1–2: reopen the ticket, flag it for a lead (tag csat-follow-up), or only record it'),
});

export const CsatSettingsSchema = CsatSettingsBodySchema.extend({ updatedAt: Timestamp.nullable(), version: z.number().int() }).meta({
  id: 'CsatSettings',
  description: 'The satisfaction survey settings, with their version',
});
export const PutCsatSettingsSchema = CsatSettingsBodySchema.meta({ id: 'PutCsatSettings' });

export type CsatSettings = z.infer<typeof CsatSettingsBodySchema>;

export const DEFAULT_CSAT_SETTINGS: CsatSettings = {
  enabled: true,
  delay: 'PT1H',
  expiresAfter: 'P28D',
  channels: [...CHANNELS],
  samplingRate: 1,
  cooldown: 'PT0S',
  scale: 5,
  reasons: {
    'zh-Hans': ['回复速度', '问题解决', '服务态度', '专业程度', '沟通清楚'],
    'zh-Hant': ['回覆速度', '問題解決', '服務態度', '專業程度', '溝通清楚'],
    en: ['Speed of reply', 'Problem solved', 'Friendliness', 'Expertise', 'Clear communication'],
  },
  onNegative: 'flag',
};

const KEY = 'csat';

export function createCsatSettingsRepository(db: Executor) {
  return {
    async get(): Promise<{ value: CsatSettings; updatedAt: Date | null; version: number }> {
      const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
      if (!row) return { value: DEFAULT_CSAT_SETTINGS, updatedAt: null, version: 0 };
      // Stored settings from an older version gain the fields added since, with their defaults.
      return { value: { ...DEFAULT_CSAT_SETTINGS, ...(row.value as Partial<CsatSettings>) }, updatedAt: row.updatedAt, version: row.version };
    },
    /** Replaces the settings; with `expectedVersion`, only that version (0: never saved yet). */
    async put(value: CsatSettings, at: Date, expectedVersion?: number): Promise<{ value: CsatSettings; updatedAt: Date; version: number } | undefined> {
      if (expectedVersion === 0) {
        const [row] = await db.insert(settings).values({ key: KEY, value, updatedAt: at }).onConflictDoNothing().returning();
        return row ? { value, updatedAt: row.updatedAt, version: row.version } : undefined;
      }
      const [row] = await db
        .insert(settings)
        .values({ key: KEY, value, updatedAt: at })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value, updatedAt: at, version: sql`${settings.version} + 1` },
          ...(expectedVersion !== undefined ? { setWhere: eq(settings.version, expectedVersion) } : {}),
        })
        .returning();
      return row ? { value, updatedAt: row.updatedAt, version: row.version } : undefined;
    },
  };
}

export type CsatSettingsRepository = ReturnType<typeof createCsatSettingsRepository>;
