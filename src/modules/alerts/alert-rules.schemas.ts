import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { TimeZoneSchema } from '../calendars/calendars.schemas.ts';
import { LEVELS, type Level } from './levels.ts';

const count = (what: string) => z.number().int().min(1).max(1_000_000).describe(what);
const positive = (what: string) => z.number().min(0).max(1_000).describe(what);
const share = (what: string) => z.number().min(0).max(1).describe(what);

const VolumeThreshold = z.object({
  minCount: count('Tickets in the window at least'),
  minZ: positive('Robust z-score against the baseline (on the Anscombe scale, see baseline.ts) at least'),
  minRatio: positive('(count + 1) / (baseline + 1) at least'),
});
const SentimentThreshold = z.object({
  minMessages: count('Customer messages in the window at least'),
  minShare: share('Negative share of them at least'),
  minLift: share('Above the baseline share by at least'),
  minZ: positive('Binomial z-score of the share against the baseline share at least'),
});
const SpreadThreshold = z.object({
  minCustomers: count('Distinct customers writing about the subject in the window at least'),
  minChannels: z.number().int().min(1).max(10).describe('Distinct channels at least'),
  minZ: positive('Robust z-score of the customers against the baseline at least'),
  minRatio: positive('(customers + 1) / (baseline customers + 1) at least'),
});
const TermThreshold = z.object({ minScore: positive('Σ weight × tickets above the term\'s baseline, at least') });

/** Thresholds per level; a level holds when all of its conditions hold, and the worst level that holds is the detection's. */
const levels = <T extends z.ZodObject>(threshold: T, keys: (keyof z.infer<T> & string)[]) =>
  z
    .object({ IV: threshold, III: threshold, II: threshold, I: threshold })
    .superRefine((value, ctx) => {
      // Each level is at least as demanding as the one below it: a worse level never holds alone.
      for (let i = 1; i < LEVELS.length; i++) {
        const byLevel = value as unknown as Record<string, Record<string, number>>;
        const lower = byLevel[LEVELS[i - 1]!]!;
        const upper = byLevel[LEVELS[i]!]!;
        for (const key of keys) {
          if (upper[key]! < lower[key]!) ctx.addIssue({ code: 'custom', path: [LEVELS[i]!, key], message: `must be at least level ${LEVELS[i - 1]}'s ${key}` });
        }
      }
    });

export const WatchTermSchema = z.object({
  term: trimmed(40).describe('A word or phrase as customers write it (simplified; traditional spellings match too); digits-only terms match whole numbers'),
  weight: z.number().min(0.1).max(100).describe('How much one ticket mentioning it weighs'),
});

export const AlertRulesBodySchema = z.object({
  timeZone: TimeZoneSchema.describe('Where the daily and weekly cycles live: baselines compare with the same local time of past days'),
  windowMinutes: z.number().int().min(5).max(240).describe('Length of the window each detection counts, ending at the detection\'s time'),
  baselineDays: z.number().int().min(3).max(56).describe('Past days whose same window forms the baseline'),
  minHistoryDays: z.number().int().min(1).max(56).describe('Days of history a baseline needs before volume, topic, sentiment and spread detections start'),
  quietMinutes: z.number().int().min(5).max(7 * 24 * 60).describe('An alert with no detection for this long resolves itself'),
  deescalateAfterMinutes: z.number().int().min(1).max(24 * 60).describe('An alert steps down only once a lower level has held this long'),
  volume: z.object({ enabled: z.boolean(), levels: levels(VolumeThreshold, ['minCount', 'minZ', 'minRatio']) }).describe('All complaints'),
  topic: z.object({ enabled: z.boolean(), levels: levels(VolumeThreshold, ['minCount', 'minZ', 'minRatio']) }).describe('Complaints about one topic'),
  sentiment: z.object({ enabled: z.boolean(), levels: levels(SentimentThreshold, ['minMessages', 'minShare', 'minLift', 'minZ']) }).describe('The share of negative customer messages'),
  spread: z.object({ enabled: z.boolean(), levels: levels(SpreadThreshold, ['minCustomers', 'minChannels', 'minZ', 'minRatio']) }).describe('One topic across many customers and channels (any type)'),
  term: z
    .object({
      enabled: z.boolean(),
      terms: z
        .array(WatchTermSchema)
        .max(200)
        .superRefine((terms, ctx) => {
          const seen = new Set<string>();
          terms.forEach((t, i) => {
            const key = t.term.toLowerCase();
            if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'term'], message: 'listed twice' });
            seen.add(key);
          });
        }),
      levels: levels(TermThreshold, ['minScore']),
    })
    .describe('Weighted watch-list terms (曝光, 律师, 食物中毒, recall …)'),
}).superRefine((rules, ctx) => {
  if (rules.minHistoryDays > rules.baselineDays) ctx.addIssue({ code: 'custom', path: ['minHistoryDays'], message: 'must not exceed baselineDays' });
});

export const AlertRulesSchema = AlertRulesBodySchema.and(
  z.object({ version: z.number().int().describe('Increases with every change; send it as If-Match'), updatedAt: Timestamp }),
).meta({ id: 'AlertRules', description: 'How crisis detection grades what it sees, with its version' });

export const PutAlertRulesSchema = AlertRulesBodySchema.meta({ id: 'PutAlertRules' });

export type AlertRules = z.infer<typeof AlertRulesBodySchema>;
export type VolumeThresholds = AlertRules['volume']['levels'];
export type Thresholds<K extends 'volume' | 'topic' | 'sentiment' | 'spread' | 'term'> = AlertRules[K]['levels'][Level];

const t = (term: string, weight: number) => ({ term, weight });

/**
 * The defaults (seeded by the migration seed_default_alert_rules; a test keeps the two equal).
 * Window 10 minutes, baseline the same 10 minutes of the past 14 days. Topic levels rise with the
 * count (8, 20, 40, 80 complaints in 10 minutes about one thing), guarded by a z-score and a ratio
 * so that a topic that is always busy at that hour does not qualify. The z thresholds allow for
 * the number of tests: ~30 busy topics × 4,300 windows a month, so IV needs z ≥ 4.5 (a chance of
 * about 3 in a million per test on the Anscombe scale); overall volume is one series but large,
 * and needs z ≥ 5 with twice the usual count.
 */
export const DEFAULT_ALERT_RULES: AlertRules = {
  timeZone: 'Asia/Shanghai',
  windowMinutes: 10,
  baselineDays: 14,
  minHistoryDays: 3,
  quietMinutes: 30,
  deescalateAfterMinutes: 10,
  volume: {
    enabled: true,
    levels: {
      IV: { minCount: 15, minZ: 5, minRatio: 2 },
      III: { minCount: 30, minZ: 7, minRatio: 3 },
      II: { minCount: 60, minZ: 10, minRatio: 5 },
      I: { minCount: 120, minZ: 15, minRatio: 8 },
    },
  },
  topic: {
    enabled: true,
    levels: {
      IV: { minCount: 8, minZ: 4.5, minRatio: 3 },
      III: { minCount: 20, minZ: 6, minRatio: 4 },
      II: { minCount: 40, minZ: 9, minRatio: 6 },
      I: { minCount: 80, minZ: 12, minRatio: 10 },
    },
  },
  sentiment: {
    enabled: true,
    levels: {
      IV: { minMessages: 30, minShare: 0.65, minLift: 0.2, minZ: 4 },
      III: { minMessages: 50, minShare: 0.75, minLift: 0.3, minZ: 6 },
      II: { minMessages: 100, minShare: 0.8, minLift: 0.35, minZ: 8 },
      I: { minMessages: 200, minShare: 0.85, minLift: 0.4, minZ: 10 },
    },
  },
  spread: {
    enabled: true,
    levels: {
      IV: { minCustomers: 10, minChannels: 3, minZ: 4.5, minRatio: 3 },
      III: { minCustomers: 20, minChannels: 3, minZ: 6, minRatio: 4 },
      II: { minCustomers: 40, minChannels: 4, minZ: 8, minRatio: 6 },
      I: { minCustomers: 80, minChannels: 5, minZ: 10, minRatio: 10 },
    },
  },
  term: {
    enabled: true,
    terms: [
      t('曝光', 3), t('媒体', 2), t('记者', 3), t('律师', 3), t('起诉', 4), t('法院', 3), t('315', 4), t('12315', 3), t('消协', 3),
      t('食物中毒', 6), t('中毒', 5), t('过敏', 4), t('爆炸', 6), t('起火', 5), t('受伤', 4), t('召回', 4), t('维权', 3), t('热搜', 3),
      t('recall', 4), t('lawsuit', 4), t('lawyer', 3), t('sue', 3), t('injury', 4), t('injured', 4), t('poisoning', 6), t('allergic', 4),
      t('explode', 6), t('exploded', 6), t('caught fire', 5), t('journalist', 3),
    ],
    levels: { IV: { minScore: 12 }, III: { minScore: 30 }, II: { minScore: 60 }, I: { minScore: 150 } },
  },
};
