import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { createCustomerRepository } from '../modules/customers/customers.repository.ts';
import { createTicketRepository } from '../modules/tickets/tickets.repository.ts';
import { createMessageRepository } from '../modules/messages/messages.repository.ts';
import { createEventRepository } from '../modules/events/events.repository.ts';
import { createAgentRepository } from '../modules/agents/agents.repository.ts';
import { createTeamRepository } from '../modules/teams/teams.repository.ts';
import { createCorrectionRepository } from '../modules/classification/corrections.repository.ts';
import { createPolicyRepository, createSlaRepository } from '../modules/sla/sla.repository.ts';
import { createSurveyRepository } from '../modules/csat/csat.repository.ts';
import { createCsatSettingsRepository } from '../modules/csat/csat-settings.ts';

/** Locks are taken left to right in one round trip; callers keep one global order to avoid deadlocks. */
const sqlLock = (keys: string[]) =>
  sql`SELECT ${sql.join(
    keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`),
    sql`, `,
  )}`;

/** The repositories a write touches together, bound to one executor (a transaction or the pool). */
export function createRepositories(db: Executor) {
  return {
    customers: createCustomerRepository(db),
    tickets: createTicketRepository(db),
    messages: createMessageRepository(db),
    events: createEventRepository(db),
    agents: createAgentRepository(db),
    teams: createTeamRepository(db),
    corrections: createCorrectionRepository(db),
    sla: createSlaRepository(db),
    policies: createPolicyRepository(db),
    surveys: createSurveyRepository(db),
    csatSettings: createCsatSettingsRepository(db),
    /** the executor itself, for modules that read tables of their own (calendars) */
    db,
    /** Serialises work on one key until the transaction ends (e.g. one channel message id). */
    lock: async (...keys: string[]) => {
      if (keys.length) await db.execute(sqlLock(keys));
    },
  };
}


export type Repositories = ReturnType<typeof createRepositories>;

export interface UnitOfWork {
  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Repositories on the pool, for reads. */
  readonly read: Repositories;
}

export function createUnitOfWork(db: Database): UnitOfWork {
  return {
    transaction: (work) => db.transaction((tx) => work(createRepositories(tx))),
    read: createRepositories(db),
  };
}
