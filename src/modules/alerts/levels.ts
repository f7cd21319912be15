import { z } from 'zod';

/** The playbook's four crisis levels, least severe first: IV 一般, III 较重, II 严重, I 特别严重. */
export const LEVELS = ['IV', 'III', 'II', 'I'] as const;
export type Level = (typeof LEVELS)[number];

export const LevelSchema = z
  .enum(LEVELS)
  .describe('Crisis level: I 特别严重 (especially severe, the worst), II 严重 (severe), III 较重 (serious), IV 一般 (general)')
  .meta({ id: 'AlertLevel' });

/** 1 (IV) … 4 (I): comparable. */
export const severity = (level: Level): number => LEVELS.indexOf(level) + 1;

export const worse = (a: Level | null, b: Level | null): Level | null => {
  if (a === null) return b;
  if (b === null) return a;
  return severity(a) >= severity(b) ? a : b;
};

export const ALERT_KINDS = ['volume', 'topic', 'term', 'sentiment', 'spread'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
