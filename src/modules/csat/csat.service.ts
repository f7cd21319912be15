import { randomInt } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { createUnitOfWork, type Lock } from '../../db/unit-of-work.ts';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { AppError, notFound, unprocessable } from '../../http/problem.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import type { TicketRow } from '../tickets/tickets.repository.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import { ticketWriteRepositories } from '../tickets/ticket-writes.ts';
import type { SlaTimers } from '../sla/sla.queue.ts';
import { createSurveyRepository } from './csat.repository.ts';
import { createCsatSettingsRepository } from './csat-settings.ts';
import { durationToMs } from '../sla/durations.ts';
import type { SurveyRow } from './csat.repository.ts';
import type { CsatSettings } from './csat-settings.ts';
import { signSurveyToken, verifySurveyToken } from './survey-token.ts';
import { knownLanguage, surveyLanguage, type SurveyLanguage } from './survey-language.ts';

export const surveyNotFound = () => notFound('surveys', 'This survey link is not valid');
export const surveyGone = () =>
  new AppError({ status: 410, code: 'surveys.expired', title: 'Gone', detail: 'This survey has expired or was withdrawn' });

/** Reasons are chosen from the configured options (of any language: the page follows the browser's). */
function checkReasons(reasons: readonly string[], settings: CsatSettings) {
  const offered = new Set(Object.values(settings.reasons).flat());
  const index = reasons.findIndex((reason) => !offered.has(reason));
  if (index >= 0) {
    throw unprocessable('surveys.unknown_reason', 'Reasons must be among the options the survey offers', [
      { path: `body.reasons.${index}`, message: 'not one of the offered reasons' },
    ]);
  }
}

export interface SurveyScheduler {
  schedule(surveyId: string, sendAt: Date): Promise<void>;
  cancel(surveyId: string): Promise<void>;
}

const ms = (iso: string) => durationToMs(iso) ?? 0;

/** A survey is decided and answered in a ticket's transaction: the ticket's repositories and ours. */
export function csatRepositories(executor: Executor) {
  return { ...ticketWriteRepositories(executor), surveys: createSurveyRepository(executor), csatSettings: createCsatSettingsRepository(executor) };
}
export type CsatWrites = ReturnType<typeof csatRepositories> & { lock: Lock };

/**
 * Satisfaction surveys: decided when a ticket is solved (settings, channel, sampling, cooldown,
 * "no survey"), sent after the delay by the worker, answered by the customer on a public page.
 */
export function createCsatService(deps: {
  db: Database;
  clock: Clock;
  tickets: Pick<TicketService, 'updateIn'>;
  timers: Pick<SlaTimers, 'schedule'>;
  signingKey: () => Promise<string>;
  publicUrl: string;
  /** injectable for tests of sampling */
  random?: () => number;
}) {
  const { clock } = deps;
  const uow = createUnitOfWork(deps.db, csatRepositories);
  const random = deps.random ?? (() => randomInt(1_000_000) / 1_000_000);

  async function tokenOf(surveyId: string) {
    return signSurveyToken(await deps.signingKey(), surveyId);
  }
  const urlOf = (token: string) => `${deps.publicUrl}/survey/${token}`;

  async function shouldAsk(repos: Pick<CsatWrites, 'surveys'>, settings: CsatSettings, ticket: TicketRow, at: Date): Promise<boolean> {
    if (!settings.enabled || ticket.noSurvey || !settings.channels.includes(ticket.channel)) return false;
    if (random() >= settings.samplingRate) return false;
    const cooldown = ms(settings.cooldown);
    return !(cooldown > 0 && (await repos.surveys.sentToCustomerSince(ticket.customerId, new Date(at.getTime() - cooldown))));
  }

  /**
   * The survey follows the ticket's current state (called by the relay for each status change,
   * in the cursor's transaction): solved and not yet decided for this solve → maybe ask; open
   * again → withdraw what was not sent. Reading the state, not the event, makes the outcome the
   * same whatever order and however often the events arrive.
   */
  async function reconcile(repos: CsatWrites, ticketId: string): Promise<{ scheduled?: SurveyRow; cancelled: SurveyRow[] }> {
    const at = clock.now();
    const ticket = await repos.tickets.findById(ticketId, { forUpdate: true });
    if (!ticket || ticket.status === 'closed') return { cancelled: [] };
    if (ticket.status !== 'solved') return { cancelled: await repos.surveys.cancelScheduled(ticket.id, at) };
    const solvedAt = ticket.solvedAt ?? ticket.updatedAt;
    const latest = await repos.surveys.latestForTicket(ticket.id);
    if (latest && latest.createdAt >= solvedAt) return { cancelled: [] }; // this solve was decided already
    const { value: settings } = await repos.csatSettings.get();
    if (!(await shouldAsk(repos, settings, ticket, at))) return { cancelled: [] };
    const survey = await repos.surveys.insert({
      id: newId('survey', at.getTime()),
      ticketId: ticket.id,
      customerId: ticket.customerId,
      status: 'scheduled',
      language: knownLanguage((ticket.classification as Classification | null)?.language),
      sendAt: new Date(solvedAt.getTime() + ms(settings.delay)),
      ticketType: ticket.type,
      channel: ticket.channel,
      agentId: ticket.assigneeId,
      teamId: ticket.teamId,
      slaOutcome: await repos.surveys.slaOutcome(ticket.id),
      createdAt: at,
      updatedAt: at,
    });
    return survey ? { scheduled: survey, cancelled: [] } : { cancelled: [] };
  }

  async function openSurvey(token: string, repos: Pick<CsatWrites, 'surveys'> = uow.read, forUpdate = false): Promise<SurveyRow> {
    const id = verifySurveyToken(await deps.signingKey(), token);
    if (!id) throw surveyNotFound();
    const survey = await repos.surveys.find(id, { forUpdate });
    if (!survey || survey.status === 'scheduled') throw surveyNotFound();
    if (survey.status === 'cancelled' || survey.status === 'expired') throw surveyGone();
    if (survey.expiresAt && survey.expiresAt <= clock.now()) throw surveyGone();
    return survey;
  }

  return {
    tokenOf,
    urlOf,
    reconcile,
    repositories: csatRepositories,

    /** The worker, when a survey is due: sent once, with `csat.requested` for the channel connector. */
    async issue(surveyId: string): Promise<'sent' | 'stale' | { retryAt: Date }> {
      const at = clock.now();
      return uow.transaction(async (repos) => {
        const current = await repos.surveys.find(surveyId, { forUpdate: true });
        if (!current || current.status !== 'scheduled') return 'stale';
        if (current.sendAt > at) return { retryAt: current.sendAt };
        const { value: settings } = await repos.csatSettings.get();
        const sent = await repos.surveys.markSent(surveyId, at, new Date(at.getTime() + ms(settings.expiresAfter)));
        if (!sent) return 'stale';
        const token = await tokenOf(sent.id);
        await repos.events.append([
          {
            type: 'csat.requested',
            ticketId: sent.ticketId,
            actor: SYSTEM_ACTOR,
            data: { surveyId: sent.id, url: urlOf(token), token, channel: sent.channel, customerId: sent.customerId, language: sent.language, expiresAt: sent.expiresAt?.toISOString() },
            at,
          },
        ]);
        return 'sent';
      });
    },

    dueSurveys: (now: Date) => uow.read.surveys.due(now, 500),
    history: (surveyId: string) => uow.read.surveys.responsesOf(surveyId),

    async forTicket(ticketId: string) {
      return uow.read.surveys.latestForTicket(ticketId);
    },

    /** What the public page may know: nothing about the ticket beyond its number. */
    async publicView(token: string, acceptLanguage: string | undefined) {
      const survey = await openSurvey(token);
      const ticket = await uow.read.tickets.findById(survey.ticketId);
      const { value: settings } = await uow.read.csatSettings.get();
      const language: SurveyLanguage = surveyLanguage(survey.language, acceptLanguage);
      return { survey, ticketNumber: ticket?.number ?? null, language, reasonOptions: settings.reasons[language] };
    },

    /** A rating (again, within the window): the survey holds the latest, history keeps every one. */
    async answer(token: string, input: { rating: number; comment?: string | undefined; reasons?: string[] | undefined }) {
      const at = clock.now();
      const outcome = await uow.transaction(async (repos) => {
        const survey = await openSurvey(token, repos, true);
        const { value: settings } = await repos.csatSettings.get();
        checkReasons(input.reasons ?? [], settings);
        const answered = await repos.surveys.answer(
          survey.id,
          { rating: input.rating, comment: input.comment?.trim() || null, reasons: [...new Set(input.reasons ?? [])] },
          at,
          newId('surveyResponse', at.getTime()),
        );
        const data = { surveyId: survey.id, rating: input.rating, comment: answered.comment, reasons: answered.reasons, agentId: survey.agentId, teamId: survey.teamId };
        await repos.events.append([{ type: 'csat.received', ticketId: survey.ticketId, actor: { type: 'customer', id: survey.customerId }, data, at }]);
        let result = { intents: [] as Awaited<ReturnType<TicketService['updateIn']>>['intents'] };
        if (input.rating <= 2) {
          await repos.events.append([{ type: 'csat.negative', ticketId: survey.ticketId, actor: { type: 'customer', id: survey.customerId }, data, at }]);
          const ticket = await repos.tickets.findById(survey.ticketId);
          if (ticket && settings.onNegative === 'reopen' && ticket.status === 'solved') {
            result = await deps.tickets.updateIn(repos, ticket.id, { status: 'open' }, SYSTEM_ACTOR, at);
          } else if (ticket && settings.onNegative !== 'none' && !ticket.tags.includes('csat-follow-up')) {
            result = await deps.tickets.updateIn(repos, ticket.id, { tags: [...ticket.tags, 'csat-follow-up'] }, SYSTEM_ACTOR, at);
          }
        }
        return { survey: answered, intents: result.intents };
      });
      await deps.timers.schedule(outcome.intents);
      return outcome;
    },
  };
}

export type CsatService = ReturnType<typeof createCsatService>;
