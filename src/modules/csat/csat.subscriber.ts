import type { EventSubscriber } from '../events/events.relay.ts';
import { lockOn } from '../../db/unit-of-work.ts';
import type { CsatService, SurveyScheduler } from './csat.service.ts';
import type { SurveyRow } from './csat.repository.ts';

/**
 * Surveys react to tickets through the event relay: each status change (solved, reopened) makes
 * the survey follow the ticket, in the cursor's transaction, so a survey is decided exactly once
 * per solve. The delayed job that sends it is armed after that commits (a lost one is the
 * periodic sweep's).
 */
export function csatSubscriber(deps: { csat: Pick<CsatService, 'reconcile' | 'repositories'>; scheduler: SurveyScheduler }): EventSubscriber {
  let armed: { scheduled: SurveyRow[]; cancelled: SurveyRow[] } = { scheduled: [], cancelled: [] };
  return {
    name: 'csat-surveys',
    types: ['ticket.updated'],
    async handle(events, tx) {
      armed = { scheduled: [], cancelled: [] };
      const tickets = new Set(events.filter((e) => e.ticketId && (e.data as { changes?: Record<string, unknown> }).changes?.status).map((e) => e.ticketId!));
      const repos = { ...deps.csat.repositories(tx), lock: lockOn(tx) };
      for (const ticketId of tickets) {
        const { scheduled, cancelled } = await deps.csat.reconcile(repos, ticketId);
        if (scheduled) armed.scheduled.push(scheduled);
        armed.cancelled.push(...cancelled);
      }
    },
    async afterCommit() {
      const { scheduled, cancelled } = armed;
      armed = { scheduled: [], cancelled: [] };
      for (const survey of scheduled) await deps.scheduler.schedule(survey.id, survey.sendAt);
      for (const survey of cancelled) await deps.scheduler.cancel(survey.id);
    },
  };
}
