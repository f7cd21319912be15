import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { createHarness, type Harness } from '../../support/harness.ts';

// A fixed "today" makes the recurring-event window of the iCalendar import predictable.
const clock = createFixedClock('2025-03-01T00:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock });
});
afterAll(() => h.close());

const lunch = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
const unique = (name: string) => `${name} ${randomBytes(4).toString('hex')}`;
const body = (overrides: Record<string, unknown> = {}) => ({
  name: unique('Shanghai support'),
  timezone: 'Asia/Shanghai',
  weekly: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch },
  holidays: [{ date: '2025-10-01', name: '国庆节' }, { date: '2025-05-01' }],
  ...overrides,
});

async function createCalendar(overrides: Record<string, unknown> = {}) {
  clock.advance(1_000); // distinct creation times make the list order predictable
  const res = await h.http.post('/v1/business-calendars').set(h.auth).send(body(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number; holidays: { date: string; name?: string }[] };
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//ticketing tests//EN',
  'BEGIN:VEVENT',
  'UID:spring-festival-2025@test',
  'DTSTART;VALUE=DATE:20250129',
  'SUMMARY:春节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:national-day-2025@test',
  'DTSTART;VALUE=DATE:20251001',
  'DTEND;VALUE=DATE:20251003',
  'SUMMARY:National Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:labour-day@test',
  'DTSTART;VALUE=DATE:20200501',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Labour Day',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('business calendars CRUD', () => {
  it('creates and reads a calendar, every weekday present and holidays sorted', async () => {
    const created = await createCalendar();
    expect(created.id).toMatch(/^cal_/);
    expect(created).toMatchObject({ timezone: 'Asia/Shanghai', version: 1 });
    const read = await h.http.get(`/v1/business-calendars/${created.id}`).set(h.auth);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.weekly).toEqual({ mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch, sat: [], sun: [] });
    expect(read.body.holidays).toEqual([{ date: '2025-05-01' }, { date: '2025-10-01', name: '国庆节' }]);
  });

  it('pages the list without gaps or repeats', async () => {
    const ours = [await createCalendar(), await createCalendar(), await createCalendar()].map((c) => c.id);
    const first = await h.http.get('/v1/business-calendars?limit=2').set(h.auth);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await h.http.get(`/v1/business-calendars?limit=2&cursor=${first.body.nextCursor}`).set(h.auth);
    const seen = [...first.body.data, ...second.body.data].map((c: { id: string }) => c.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 3)).toEqual([...ours].reverse());
    const bad = await h.http.get('/v1/business-calendars?cursor=nonsense').set(h.auth);
    expect(bad.status).toBe(400);
  });

  it('updates with the current If-Match, answers 412 on a stale one and 409 on a taken name', async () => {
    const calendar = await createCalendar();
    const ok = await h.http
      .patch(`/v1/business-calendars/${calendar.id}`)
      .set(h.auth)
      .set('if-match', '"1"')
      .send({ timezone: 'Europe/Berlin', weekly: { sat: [['10:00', '14:00']] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ timezone: 'Europe/Berlin', version: 2, weekly: { mon: [], sat: [['10:00', '14:00']] } });
    const stale = await h.http.patch(`/v1/business-calendars/${calendar.id}`).set(h.auth).set('if-match', '"1"').send({ name: unique('late') });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const other = await createCalendar();
    const taken = await h.http.patch(`/v1/business-calendars/${calendar.id}`).set(h.auth).send({ name: other.name });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('business_calendars.name_taken');
    const duplicate = await h.http.post('/v1/business-calendars').set(h.auth).send(body({ name: other.name }));
    expect(duplicate.status).toBe(409);
  });

  it('deletes a calendar, then answers 404 for it', async () => {
    const calendar = await createCalendar();
    const stale = await h.http.delete(`/v1/business-calendars/${calendar.id}`).set(h.auth).set('if-match', '"7"');
    expect(stale.status).toBe(412);
    const res = await h.http.delete(`/v1/business-calendars/${calendar.id}`).set(h.auth);
    expect(res.status).toBe(204);
    const gone = await h.http.get(`/v1/business-calendars/${calendar.id}`).set(h.auth);
    expect(gone.status).toBe(404);
  });

  it('answers 404 problem+json for an unknown calendar', async () => {
    for (const res of [
      await h.http.get('/v1/business-calendars/cal_missing').set(h.auth),
      await h.http.patch('/v1/business-calendars/cal_missing').set(h.auth).send({ name: 'x' }),
      await h.http.delete('/v1/business-calendars/cal_missing').set(h.auth),
      await h.http.post('/v1/business-calendars/cal_missing/holidays/import').set(h.auth).type('text/calendar').send(ICS),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('business_calendars.not_found');
    }
  });

  it('needs a key', async () => {
    const res = await h.http.get('/v1/business-calendars');
    expect(res.status).toBe(401);
  });
});

describe('validation', () => {
  const paths = async (payload: Record<string, unknown>) => {
    const res = await h.http.post('/v1/business-calendars').set(h.auth).send(body(payload));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('request.validation');
    return (res.body.errors as { path: string }[]).map((e) => e.path);
  };

  it('names the field of each problem', async () => {
    expect(await paths({ timezone: 'Mars/Olympus_Mons' })).toEqual(['body.timezone']);
    expect(await paths({ weekly: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } })).toEqual(['body.weekly.mon.1']);
    expect(await paths({ weekly: { tue: [['13:00', '12:00']] } })).toEqual(['body.weekly.tue.0']);
    expect(await paths({ weekly: { mon: [['09:00', '24:30']] } })).toContain('body.weekly.mon.0.1');
    expect(await paths({ weekly: { sat: [], sun: [] } })).toEqual(['body.weekly']);
    expect(await paths({ weekly: { mon: lunch, monday: lunch } })).toEqual(['body.weekly.monday']);
    expect(await paths({ holidays: [{ date: '2025-02-30' }] })).toEqual(['body.holidays.0.date']);
    expect(await paths({ holidays: [{ date: '2025-05-01' }, { date: '2025-05-01' }] })).toEqual(['body.holidays.1.date']);
    expect(await paths({ name: '   ' })).toEqual(['body.name']);
  });

  it('refuses unknown fields on update', async () => {
    const calendar = await createCalendar();
    const res = await h.http.patch(`/v1/business-calendars/${calendar.id}`).set(h.auth).send({ colour: 'red' });
    expect(res.status).toBe(400);
  });
});

describe('POST /v1/business-calendars/{id}/holidays/import', () => {
  it('adds all-day events and recurring occurrences for three years, keeping existing names', async () => {
    // 2025-05-01 is already listed without a name, 2025-10-01 with one; the import names only the former.
    const calendar = await createCalendar();
    const res = await h.http.post(`/v1/business-calendars/${calendar.id}/holidays/import`).set(h.auth).type('text/calendar').send(ICS);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.holidays).toEqual([
      { date: '2025-01-29', name: '春节' },
      { date: '2025-05-01', name: 'Labour Day' },
      { date: '2025-10-01', name: '国庆节' },
      { date: '2025-10-02', name: 'National Day' },
      { date: '2026-05-01', name: 'Labour Day' },
      { date: '2027-05-01', name: 'Labour Day' },
    ]);
    // Importing the same file again changes nothing.
    const again = await h.http.post(`/v1/business-calendars/${calendar.id}/holidays/import`).set(h.auth).type('text/calendar').send(ICS);
    expect(again.body).toEqual(res.body);
  });

  it('answers 400 invalid_ical for text that is not iCalendar, and 415 for JSON', async () => {
    const calendar = await createCalendar();
    const bad = await h.http
      .post(`/v1/business-calendars/${calendar.id}/holidays/import`)
      .set(h.auth)
      .type('text/calendar')
      .send('BEGIN:VCALENDAR\r\nthis is not a calendar\r\n');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('business_calendars.invalid_ical');
    expect(bad.body.detail).toMatch(/iCalendar/);
    const json = await h.http.post(`/v1/business-calendars/${calendar.id}/holidays/import`).set(h.auth).send({ ics: ICS });
    expect(json.status).toBe(415);
    const unchanged = await h.http.get(`/v1/business-calendars/${calendar.id}`).set(h.auth);
    expect(unchanged.body.version).toBe(1);
  });

  it('honours If-Match', async () => {
    const calendar = await createCalendar();
    const res = await h.http
      .post(`/v1/business-calendars/${calendar.id}/holidays/import`)
      .set(h.auth)
      .set('if-match', '"3"')
      .type('text/calendar')
      .send(ICS);
    expect(res.status).toBe(412);
  });
});
