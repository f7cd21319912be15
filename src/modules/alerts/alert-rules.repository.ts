import { desc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../events/events.repository.ts';
import { AlertRulesBodySchema, DEFAULT_ALERT_RULES, type AlertRules } from './alert-rules.schemas.ts';
import { alertRules } from './alerts.tables.ts';

export interface VersionedRules {
  rules: AlertRules;
  version: number;
  updatedAt: Date;
}

/** The rules in force and their versions: each change is a new row, so every alert's grading can be traced to the rules of its time. */
export function createAlertRulesRepository(db: Executor) {
  return {
    async current(): Promise<VersionedRules> {
      const [row] = await db.select().from(alertRules).orderBy(desc(alertRules.version)).limit(1);
      if (!row) return { rules: DEFAULT_ALERT_RULES, version: 0, updatedAt: new Date(0) };
      // Rules saved before a field existed get its default (the schema is additive).
      const parsed = AlertRulesBodySchema.safeParse({ ...DEFAULT_ALERT_RULES, ...(row.rules as object) });
      return { rules: parsed.success ? parsed.data : DEFAULT_ALERT_RULES, version: row.version, updatedAt: row.createdAt };
    },
    /** A new version; with `expectedVersion`, only if that is still the current one (undefined: whatever is current). */
    async put(rules: AlertRules, actor: Actor, at: Date, expectedVersion?: number): Promise<VersionedRules | undefined> {
      const { version } = await this.current();
      if (expectedVersion !== undefined && expectedVersion !== version) return undefined;
      try {
        await db.insert(alertRules).values({ version: version + 1, rules, createdAt: at, actorType: actor.type, actorId: actor.id });
      } catch (error) {
        if (isUniqueViolation(error)) return undefined; // someone else saved a version meanwhile
        throw error;
      }
      return { rules, version: version + 1, updatedAt: at };
    },
  };
}

export type AlertRulesRepository = ReturnType<typeof createAlertRulesRepository>;
