import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import type { SlaTimers } from '../sla/sla.queue.ts';
import { createCsatService } from './csat.service.ts';
import { createSurveyScheduler, csatQueue } from './csat.queue.ts';
import { createSigningKeySource } from './signing-key.ts';
import { createCsatSettingsRepository } from './csat-settings.ts';
import { csatSubscriber } from './csat.subscriber.ts';
import { csatRoutes } from './csat.routes.ts';
import { surveyPageRoutes } from './survey-page.routes.ts';
import type { OutcomeService } from '../outcomes/outcomes.service.ts';

/** How often the worker sends due surveys whose delayed job was lost. */
const SURVEY_SWEEP_EVERY_MS = 30_000;

/** Satisfaction surveys: decided on solve (an event subscriber), sent by the worker, answered on a public page. */
export function csatModule(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  redisUrl: string;
  prefix: string;
  tickets: TicketService;
  timers: Pick<SlaTimers, 'schedule'>;
  publicUrl: string;
  surveySigningKey?: string | undefined;
  /** Published outcomes the survey page shows (what feedback like the customer's changed). */
  outcomes: Pick<OutcomeService, 'recent'>;
}) {
  const scheduler = createSurveyScheduler({ redisUrl: deps.redisUrl, prefix: deps.prefix, clock: deps.clock, logger: deps.logger });
  const service = createCsatService({
    db: deps.db,
    clock: deps.clock,
    tickets: deps.tickets,
    timers: deps.timers,
    signingKey: createSigningKeySource(deps.db, deps.surveySigningKey),
    publicUrl: deps.publicUrl.replace(/\/$/, ''),
  });
  const module: FeatureModule = {
    name: 'csat',
    routes: [
      routes(csatRoutes, { csat: service, settings: createCsatSettingsRepository(deps.db), tickets: deps.tickets, clock: deps.clock }),
      routes(surveyPageRoutes, { csat: service, outcomes: deps.outcomes }),
    ],
    queues: [csatQueue({ csat: service, clock: deps.clock, sweepEveryMs: SURVEY_SWEEP_EVERY_MS })],
    subscribers: [csatSubscriber({ csat: service, scheduler })],
    close: () => scheduler.close().catch(() => undefined),
  };
  return { service, module };
}
