import { AppError, badRequest, conflict, notFound, unprocessable } from '../../http/problem.ts';

export const calendarNotFound = (id: string) => notFound('business_calendars', `No business calendar ${id}`);

export const calendarNameTaken = (name?: string) =>
  conflict('business_calendars.name_taken', name ? `A business calendar named ${name} exists` : 'That business calendar name is taken');

export const invalidIcal = (detail: string) => badRequest('business_calendars.invalid_ical', `Not a usable iCalendar file: ${detail}`);

export const tooManyHolidays = (count: number, max: number) =>
  unprocessable('business_calendars.too_many_holidays', `The import would give the calendar ${count} holidays; at most ${max} are allowed`);

export const notCalendarContent = () =>
  new AppError({
    status: 415,
    code: 'request.unsupported_media_type',
    title: 'Unsupported media type',
    detail: 'Send the iCalendar file as text/calendar',
  });

export const calendarBusy = () =>
  conflict('business_calendars.concurrent_update', 'The calendar kept changing while the import ran; retry');

export const targetsUnreachable = (path: string, within: string) =>
  unprocessable(
    'business_calendars.targets_unreachable',
    `An SLA policy counts ${within} of business time on this calendar; with these hours it could never fall due`,
    [{ path, message: 'leaves too little open time for the SLA policies on this calendar' }],
  );

export const calendarInUse = (id: string) => conflict('business_calendars.in_use', `Business calendar ${id} is used by an SLA policy`);
