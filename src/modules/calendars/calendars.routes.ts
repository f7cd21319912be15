import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { orStaleOrMissing, parseIfMatch } from '../../http/if-match.ts';
import { byCreatedAt, decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import { preconditionFailed } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Holiday } from './calendar-spec.ts';
import type { CalendarRepository, CalendarRow } from './calendars.repository.ts';
import { calendarBusy, calendarInUse, calendarNameTaken, calendarNotFound, invalidIcal, notCalendarContent, targetsUnreachable, tooManyHolidays } from './calendars.errors.ts';
import { compileCalendar, guaranteedOpenTime } from './business-time.ts';
import { durationToMs } from '../sla/durations.ts';
import {
  BusinessCalendarSchema,
  CreateBusinessCalendarSchema,
  IcalBodySchema,
  MAX_HOLIDAYS,
  UpdateBusinessCalendarSchema,
} from './calendars.schemas.ts';
import { holidaysFromIcal, IcalError, mergeHolidays } from './holidays-ical.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const ICAL_BODY_LIMIT = 1024 * 1024;
/** Concurrent edits between our read and our write are retried this often before giving up. */
const IMPORT_ATTEMPTS = 3;

const present = (row: CalendarRow) => ({
  id: row.id,
  name: row.name,
  timezone: row.timezone,
  weekly: row.weekly,
  holidays: row.holidays,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const byDate = <T extends { date: string }>(holidays: T[]) => [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
const sameHolidays = (a: Holiday[], b: Holiday[]) => a.length === b.length && a.every((h, i) => h.date === b[i]!.date && h.name === b[i]!.name);

export interface CalendarRoutesOptions {
  calendars: CalendarRepository;
  clock: Clock;
  /** True when something (an SLA policy) still names the calendar: DELETE then answers 409. */
  inUse?: (id: string) => Promise<boolean>;
  /** Called after hours or holidays change, so running SLA deadlines on this calendar are recomputed. */
  onChange?: (id: string) => Promise<void>;
  /** The `within` of every SLA policy target that counts business time on this calendar. */
  businessTargets?: (id: string) => Promise<string[]>;
}

export const calendarRoutes: FastifyPluginAsyncZod<CalendarRoutesOptions> = async (app, { calendars, clock, inUse, onChange, businessTargets }) => {
  /** Hours and holidays that would leave a policy's target unable to fall due are refused (intake would fail on it). */
  async function checkTargets(id: string, spec: Pick<CalendarRow, 'timezone' | 'weekly' | 'holidays'>, path: string) {
    const withins = (await businessTargets?.(id)) ?? [];
    if (withins.length === 0) return;
    const open = guaranteedOpenTime(compileCalendar(spec));
    const longest = withins.reduce((max, within) => ((durationToMs(within) ?? 0) > (durationToMs(max) ?? 0) ? within : max));
    if ((durationToMs(longest) ?? 0) > open) throw targetsUnreachable(path, longest);
  }

  // Encapsulated: only this plugin's routes accept text/calendar.
  app.addContentTypeParser('text/calendar', { parseAs: 'string', bodyLimit: ICAL_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get(
    '/v1/business-calendars',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['sla'],
        operationId: 'listBusinessCalendars',
        summary: 'List business calendars',
        querystring: PageQuerySchema,
        response: { 200: pageOf(BusinessCalendarSchema).meta({ id: 'BusinessCalendarPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return toPage(await calendars.list(limit + 1, decodePositionCursor(cursor)), limit, present, byCreatedAt);
    },
  );

  app.post(
    '/v1/business-calendars',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'createBusinessCalendar',
        summary: 'Create a business calendar (opening hours, time zone, holidays)',
        headers: WriteHeaders,
        body: CreateBusinessCalendarSchema,
        response: { 201: BusinessCalendarSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const at = clock.now();
      const { name, timezone, weekly, holidays } = request.body;
      const row = await calendars
        .insert({ id: newId('calendar', at.getTime()), name, timezone, weekly, holidays: byDate(holidays), createdAt: at, updatedAt: at })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? calendarNameTaken(name) : error;
        });
      return reply.code(201).send(present(row));
    },
  );

  app.get(
    '/v1/business-calendars/:id',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['sla'],
        operationId: 'getBusinessCalendar',
        summary: 'Get a business calendar',
        params: IdParams,
        response: { 200: BusinessCalendarSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      const row = await calendars.findById(request.params.id);
      if (!row) throw calendarNotFound(request.params.id);
      reply.header('etag', `"${row.version}"`);
      return present(row);
    },
  );

  app.patch(
    '/v1/business-calendars/:id',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'updateBusinessCalendar',
        summary: 'Change a business calendar; weekly and holidays replace the stored values',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateBusinessCalendarSchema,
        response: { 200: BusinessCalendarSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const { holidays, ...rest } = request.body;
      const set = { ...rest, ...(holidays ? { holidays: byDate(holidays) } : {}), updatedAt: clock.now() };
      if (set.timezone || set.weekly || set.holidays) {
        const current = await calendars.findById(request.params.id);
        if (!current) throw calendarNotFound(request.params.id);
        const path = set.weekly ? 'body.weekly' : set.holidays ? 'body.holidays' : 'body.timezone';
        await checkTargets(current.id, { ...current, ...set }, path);
      }
      const updated = await calendars.update(request.params.id, set, expected).catch((error: unknown) => {
        throw isUniqueViolation(error) ? calendarNameTaken() : error;
      });
      const row = await orStaleOrMissing(updated, () => calendars.findById(request.params.id), () => calendarNotFound(request.params.id));
      await onChange?.(row.id);
      return present(row);
    },
  );

  app.delete(
    '/v1/business-calendars/:id',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'deleteBusinessCalendar',
        summary: 'Delete a business calendar',
        params: IdParams,
        headers: UpdateHeaders,
        // 422: an Idempotency-Key reused with another request.
        response: { 204: z.undefined().describe('Deleted'), ...errorResponses({ extra: [404, 409, 412, 422] }) },
      },
    },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      if (inUse && (await inUse(request.params.id))) throw calendarInUse(request.params.id);
      await orStaleOrMissing(await calendars.delete(request.params.id, expected), () => calendars.findById(request.params.id), () => calendarNotFound(request.params.id));
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/business-calendars/:id/holidays/import',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'importBusinessCalendarHolidays',
        summary: 'Add the dates of an iCalendar file\'s events as holidays',
        description:
          'Send the file as `text/calendar` (at most 1 MiB). All-day events close each of their dates; timed events close ' +
          'their start date in the calendar\'s time zone; recurring events are expanded from today to three years ahead. ' +
          'Dates already listed keep their names. Answers the updated calendar.',
        consumes: ['text/calendar'],
        params: IdParams,
        headers: UpdateHeaders,
        body: IcalBodySchema,
        response: { 200: BusinessCalendarSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
      preValidation: async (request) => {
        if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'text/calendar') throw notCalendarContent();
      },
    },
    async (request) => {
      const expected = parseIfMatch(request.headers['if-match']);
      for (let attempt = 0; attempt < IMPORT_ATTEMPTS; attempt++) {
        const row = await calendars.findById(request.params.id);
        if (!row) throw calendarNotFound(request.params.id);
        if (expected !== undefined && row.version !== expected) throw preconditionFailed();
        let imported;
        try {
          imported = holidaysFromIcal(request.body, { timezone: row.timezone, now: clock.now() });
        } catch (error) {
          throw error instanceof IcalError ? invalidIcal(error.message) : error;
        }
        const holidays = mergeHolidays(row.holidays, imported);
        if (sameHolidays(holidays, byDate(row.holidays))) return present(row);
        if (holidays.length > MAX_HOLIDAYS) throw tooManyHolidays(holidays.length, MAX_HOLIDAYS);
        await checkTargets(row.id, { ...row, holidays }, 'body');
        // Guard on the version we read, so a concurrent edit is never overwritten.
        const updated = await calendars.update(row.id, { holidays, updatedAt: clock.now() }, row.version);
        if (updated) {
          await onChange?.(updated.id);
          return present(updated);
        }
        if (expected !== undefined) throw preconditionFailed();
      }
      throw calendarBusy();
    },
  );
};
