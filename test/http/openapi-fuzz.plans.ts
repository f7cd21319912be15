import fc from 'fast-check';
import type { Hint, SchemaSite } from '../support/openapi/valid-values.ts';
import { dateTimeArbitrary } from '../support/openapi/valid-values.ts';
import type { OperationPlan } from '../support/openapi/requests.ts';
import { fullWidth } from '../support/openapi/odd-strings.ts';
import type { Fixtures } from './openapi-fuzz.fixtures.ts';

/** Phones the service can use as identities: 5 to 20 digits, the separators people type, full-width too. */
export const phoneArbitrary = fc.oneof(
  fc.stringMatching(/^\+?[1-9][0-9]{4,14}$/),
  fc.tuple(fc.integer({ min: 130, max: 199 }), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1000, max: 9999 })).map(([a, b, c]) => `+86 ${a}-${b}-${c}`),
  fc.tuple(fc.integer({ min: 10, max: 99 }), fc.integer({ min: 10_000_000, max: 99_999_999 })).map(([area, n]) => `(0${area}) ${n}`),
  fc.integer({ min: 13_000_000_000, max: 19_999_999_999 }).map((n) => fullWidth(String(n))),
);

/** ISO 8601 durations between PT1S and P366D, as the SLA and CSAT settings take them. */
export const durationArbitrary = fc.oneof(
  fc.integer({ min: 1, max: 3600 }).map((n) => `PT${n}S`),
  fc.integer({ min: 1, max: 600 }).map((n) => `PT${n}M`),
  fc.integer({ min: 1, max: 72 }).map((n) => `PT${n}H`),
  fc.tuple(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 59 })).map(([h, m]) => `PT${h}H${m}M`),
  fc.integer({ min: 1, max: 366 }).map((n) => `P${n}D`),
);

export const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clockTime = (halfHours: number) => (halfHours === 48 ? '24:00' : `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`);

/** Sorted, non-overlapping intervals per day (boundaries on the half hour), at least one day open. */
export const weeklyArbitrary = fc
  .record(Object.fromEntries(WEEKDAYS.map((day) => [day, fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 })])) as Record<(typeof WEEKDAYS)[number], fc.Arbitrary<number[]>>, {
    requiredKeys: [],
  })
  .map((week) => {
    const out: Record<string, [string, string][]> = {};
    for (const [day, boundaries] of Object.entries(week)) {
      const sorted = [...boundaries].sort((a, b) => a - b);
      const intervals: [string, string][] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([clockTime(sorted[i]!), clockTime(sorted[i + 1]!)]);
      out[day] = intervals;
    }
    if (!Object.values(out).some((day) => day.length > 0)) out.mon = [['09:00', '18:00']];
    return out;
  });

/** Cursors shaped like the service's (a position, a sequence number) that point nowhere in particular. */
const cursorArbitrary = fc.oneof(
  fc.tuple(dateTimeArbitrary(), fc.stringMatching(/^[a-z]{3}_[a-z0-9]{10}$/)).map((position) => Buffer.from(JSON.stringify(position)).toString('base64url')),
  fc.nat().map((seq) => Buffer.from(JSON.stringify([seq])).toString('base64url')),
  // the change feed's: a transaction id (as text) and a sequence number
  fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.nat()).map(([txid, seq]) => Buffer.from(JSON.stringify([String(txid), seq])).toString('base64url')),
);

const pastTime = dateTimeArbitrary(new Date('2020-01-01T00:00:00Z'), new Date(Date.now() - 60_000));

const withNull = (site: SchemaSite, arbitrary: fc.Arbitrary<string>) =>
  (site.schema.anyOf ?? []).some((option) => option.type === 'null') ? fc.option(arbitrary, { nil: null, freq: 4 }) : arbitrary;

/**
 * What the document cannot say but a usable value needs: real ids for references, phones,
 * durations, zones, sorted opening hours, one target per metric, periods in the past.
 */
export function hintsFor(fixtures: Fixtures): Hint {
  const ids: Record<string, () => string[]> = {
    customerId: () => fixtures.customerIds,
    assigneeId: () => fixtures.agentIds,
    agentId: () => fixtures.agentIds,
    teamId: () => fixtures.teamIds,
    calendarId: () => fixtures.calendarIds,
  };
  return (site) => {
    const { property, schema, component } = site;
    if (component === 'WeeklyHoursInput') return weeklyArbitrary;
    if (component === 'SlaWarning') {
      return fc.oneof(fc.record({ percent: fc.integer({ min: 1, max: 99 }) }), fc.record({ leadTime: durationArbitrary }), fc.record({ percent: fc.integer({ min: 1, max: 99 }), leadTime: durationArbitrary }));
    }
    if (!property) return undefined;
    // Headers are latin-1 on the wire (Node refuses anything else): printable ASCII within the limit.
    if (site.path.length === 1 && /^[a-z]+(-[a-z]+)+$/.test(property) && schema.type === 'string' && !schema.pattern && property !== 'if-match') {
      return fc.stringMatching(/^[\x21-\x7e]{1,32}$/).filter((v) => v.length <= (schema.maxLength ?? 32));
    }
    if (ids[property]) return withNull(site, fc.constantFrom(...ids[property]()));
    const string = schema.type === 'string' || (schema.anyOf ?? []).some((o) => o.type === 'string');
    if (property === 'phone' && string) return withNull(site, phoneArbitrary);
    if (['within', 'leadTime', 'expiresAfter'].includes(property)) return durationArbitrary;
    if (['delay', 'cooldown'].includes(property)) return fc.oneof(fc.constant('PT0S'), durationArbitrary);
    if (property === 'cursor') return cursorArbitrary;
    // A guessed version is a 412; mostly send the ones a fresh resource has.
    if (property === 'if-match') return fc.constantFrom('0', '"0"', '1', 'W/"1"', '"stale"');
    if (property === 'timezone') return fc.constantFrom(...TIME_ZONES);
    // Webhook URLs the SSRF policy takes without DNS: https to public addresses.
    if (property === 'url' && schema.format === 'uri') {
      return fc
        .tuple(fc.constantFrom('https://93.184.215.14', 'https://[2606:4700:4700::1111]', 'https://8.8.8.8:8443'), fc.stringMatching(/^\/[a-z0-9_-]{0,30}$/))
        .map(([origin, path]) => `${origin}${path}`);
    }
    if (property === 'expiresAt' && string) return dateTimeArbitrary(new Date(Date.now() + 3600_000), new Date('2099-01-01T00:00:00Z'));
    if ((property === 'from' || property === 'to') && string) return pastTime;
    if (property === 'holidays' && schema.type === 'array') {
      return fc.uniqueArray(fc.record({ date: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), name: fc.option(fc.string({ maxLength: 20 }).filter((s) => !s.includes('\u0000')), { nil: undefined }) }, { requiredKeys: ['date'] }), {
        maxLength: 3,
        selector: (holiday) => holiday.date,
      }).map((list) => list.map(({ name, ...rest }) => (name === undefined ? rest : { ...rest, name })));
    }
    if (property === 'targets' && schema.type === 'array') {
      const target = fc.record(
        {
          metric: fc.constantFrom('first_response', 'next_response', 'resolution'),
          within: durationArbitrary,
          business: fc.boolean(),
        },
      ).map(({ business, ...rest }) => (business ? { ...rest, businessHours: true, calendarId: fixtures.calendarIds[0]! } : rest));
      return fc.uniqueArray(target, { minLength: 1, maxLength: 3, selector: (t) => t.metric });
    }
    return undefined;
  };
}

const someOf = (values: () => string[]) => () => fc.constantFrom(...values());

/** Where the given `from` is later than `to` (or they are equal), the pair is swapped or `to` dropped. */
function ordered(query: Record<string, unknown>, from = 'from', to = 'to') {
  const a = query[from];
  const b = query[to];
  if (typeof a !== 'string' || typeof b !== 'string') return query;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  if (x < y) return query;
  if (x === y) {
    const { [to]: _drop, ...rest } = query;
    return rest;
  }
  return { ...query, [from]: b, [to]: a };
}

/** The plan of each documented operation: which ids its path takes, and the rules across its fields. */
export function plansFor(fixtures: Fixtures): Record<string, OperationPlan & { smoke?: string; invalidIsAnyClientError?: boolean }> {
  const hint = hintsFor(fixtures);
  const id = (values: () => string[]) => ({ params: { id: someOf(values) }, hint });
  const ticket = id(() => fixtures.ticketIds);
  const report = { hint: withTimeZone(hint), fix: { querystring: (q: Record<string, unknown>) => fewerBuckets(ordered(q)) } };
  const customerRequired = (body: unknown) => {
    const value = body as Record<string, unknown>;
    return value.name || value.email || value.phone ? value : { ...value, name: '张三' };
  };
  return {
    'GET /healthz': { hint },
    'GET /readyz': { hint },
    'POST /v1/inquiries': {
      hint,
      fix: {
        body: (body) => {
          const value = body as { customer: Record<string, unknown> };
          const c = value.customer;
          return c.externalId || c.email || c.phone || c.handle ? value : { ...value, customer: { ...c, externalId: `fz-${Math.random().toString(36).slice(2)}` } };
        },
      },
    },
    'GET /v1/tickets': { hint, fix: { querystring: (q) => ordered(q, 'createdFrom', 'createdTo') } },
    'POST /v1/tickets': {
      hint,
      fix: {
        body: (body) => {
          const value = body as { customerId?: string; customer?: Record<string, unknown> };
          return value.customerId || value.customer?.email || value.customer?.phone ? value : { ...value, customerId: fixtures.customerIds[0] };
        },
      },
    },
    'GET /v1/tickets/{id}': ticket,
    'PATCH /v1/tickets/{id}': ticket,
    'POST /v1/tickets/{id}/classification/confirm': ticket,
    'POST /v1/tickets/bulk': { hint },
    'GET /v1/bulk-jobs/{id}': { hint },
    'GET /v1/tickets/{id}/messages': ticket,
    'POST /v1/tickets/{id}/messages': {
      ...ticket,
      // Customers' messages are always public (a rule across two fields the document cannot state).
      fix: { body: (body) => ((body as { author: string }).author === 'customer' ? { ...(body as object), visibility: 'public' } : body) },
    },
    'GET /v1/tickets/{id}/events': ticket,
    'GET /v1/customers': { hint },
    'POST /v1/customers': { hint, fix: { body: customerRequired } },
    'GET /v1/customers/{id}': id(() => fixtures.customerIds),
    'PATCH /v1/customers/{id}': id(() => fixtures.customerIds),
    'GET /v1/customers/{id}/tickets': id(() => fixtures.customerIds),
    'GET /v1/customers/{id}/export': id(() => fixtures.customerIds),
    // Erasure is idempotent, but it empties the customer: spares only.
    'DELETE /v1/customers/{id}': id(() => fixtures.spare.customerIds),
    'GET /v1/agents': { hint },
    'POST /v1/agents': { hint },
    'GET /v1/agents/{id}': id(() => fixtures.agentIds),
    'PATCH /v1/agents/{id}': id(() => fixtures.agentIds),
    'PATCH /v1/agents/me': { hint },
    'GET /v1/teams': { hint },
    'POST /v1/teams': { hint },
    'GET /v1/teams/{id}': id(() => fixtures.teamIds),
    'PATCH /v1/teams/{id}': id(() => fixtures.teamIds),
    'GET /v1/api-keys': { hint },
    'POST /v1/api-keys': { hint },
    'GET /v1/api-keys/{id}': id(() => fixtures.apiKeyIds),
    'DELETE /v1/api-keys/{id}': id(() => fixtures.spare.apiKeyIds),
    'POST /v1/classify': { hint },
    'GET /v1/reports/classification': report,
    'GET /v1/exports/classification-corrections': { hint, fix: { querystring: (q) => ordered(q) } },
    'GET /v1/sla-policies': { hint },
    'POST /v1/sla-policies': { hint },
    'GET /v1/sla-policies/{id}': id(() => fixtures.policyIds),
    'PATCH /v1/sla-policies/{id}': id(() => fixtures.policyIds),
    'DELETE /v1/sla-policies/{id}': id(() => fixtures.spare.policyIds),
    'GET /v1/reports/sla': report,
    'GET /v1/routing-rules': { hint },
    'POST /v1/routing-rules': { hint, fix: { body: orderedConfidence } },
    'POST /v1/routing-rules/dry-run': { hint },
    'GET /v1/routing-rules/{id}': id(() => fixtures.routingRuleIds),
    'PATCH /v1/routing-rules/{id}': { ...id(() => fixtures.routingRuleIds), fix: { body: orderedConfidence } },
    'DELETE /v1/routing-rules/{id}': id(() => fixtures.spare.routingRuleIds),
    'GET /v1/events': { hint },
    'GET /v1/stream': { hint, smoke: 'an endless event stream: its first bytes are checked (200 text/event-stream, or a documented problem)' },
    'GET /v1/settings/csat': { hint },
    'PUT /v1/settings/csat': { hint },
    'GET /v1/tickets/{id}/survey': ticket,
    'GET /v1/surveys/{token}': { params: { token: someOf(() => fixtures.surveyTokens) }, hint },
    'POST /v1/surveys/{token}': {
      params: { token: someOf(() => fixtures.surveyTokens) },
      hint: (site) => (site.property === 'reasons' ? fc.subarray(fixtures.reasonOptions, { maxLength: 3 }) : hint(site)),
    },
    'GET /survey/{token}': { params: { token: someOf(() => fixtures.surveyTokens) }, hint, invalidIsAnyClientError: true, smoke: 'an HTML page for people: no problem+json; checked for no 5xx and documented statuses only' },
    'POST /survey/{token}': { params: { token: someOf(() => fixtures.surveyTokens) }, hint, invalidIsAnyClientError: true, smoke: 'an HTML form for people: no problem+json; checked for no 5xx and documented statuses only' },
    'GET /v1/reports/csat': report,
    'GET /v1/reports/volume': report,
    'GET /v1/reports/response-times': report,
    'GET /v1/reports/backlog': report,
    'GET /v1/reports/agents': report,
    'GET /v1/reports/csat/comments': {
      hint,
      fix: {
        querystring: (q) => {
          const o = ordered(q);
          const [min, max] = [Number(o.minRating), Number(o.maxRating)];
          return min > max ? { ...o, minRating: max, maxRating: min } : o;
        },
      },
    },
    'GET /v1/business-calendars': { hint },
    'POST /v1/business-calendars': { hint },
    'GET /v1/business-calendars/{id}': id(() => fixtures.calendarIds),
    'PATCH /v1/business-calendars/{id}': id(() => fixtures.calendarIds),
    'DELETE /v1/business-calendars/{id}': id(() => fixtures.spare.calendarIds),
    'POST /v1/business-calendars/{id}/holidays/import': {
      params: { id: someOf(() => fixtures.calendarIds) },
      hint: (site) => (site.path.length === 0 && site.schema.type === 'string' ? icalArbitrary : hint(site)),
    },
    'GET /v1/webhooks': { hint },
    'POST /v1/webhooks': { hint },
    'GET /v1/webhooks/{id}': id(() => fixtures.webhookIds),
    'PATCH /v1/webhooks/{id}': id(() => fixtures.webhookIds),
    'DELETE /v1/webhooks/{id}': id(() => fixtures.spare.webhookIds),
    'POST /v1/webhooks/{id}/rotate-secret': id(() => fixtures.webhookIds),
    'POST /v1/webhooks/{id}/ping': id(() => fixtures.webhookIds),
    'GET /v1/webhooks/{id}/deliveries': id(() => fixtures.webhookIds),
    'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
      params: { id: someOf(() => fixtures.webhookIds), deliveryId: someOf(() => fixtures.webhookDeliveryIds) },
      hint,
    },
    'POST /v1/sessions': { hint },
    'GET /v1/sessions/current': { hint },
    'DELETE /v1/sessions/current': { hint },
    'DELETE /v1/sessions': { hint },
    'GET /v1/reports/hotspots': { hint: withTimeZone(hint), fix: { querystring: (q) => ordered(q) } },
    'GET /v1/alerts': { hint, fix: { querystring: (q) => ordered(q) } },
    'GET /v1/alerts/{id}': id(() => fixtures.alertIds),
    'PATCH /v1/alerts/{id}': id(() => fixtures.alertIds),
    'GET /v1/alert-rules': { hint },
    'PUT /v1/alert-rules': { hint: withTimeZone(hint), fix: { body: consistentAlertRules } },
    'GET /v1/macros': { hint },
    // A macro must do something (a rule across optional fields the document cannot state).
    'POST /v1/macros': { hint, fix: { body: (body) => withAction(body) } },
    'GET /v1/macros/{id}': id(() => fixtures.macroIds),
    'PATCH /v1/macros/{id}': id(() => fixtures.macroIds),
    'DELETE /v1/macros/{id}': id(() => fixtures.spare.macroIds),
    'POST /v1/tickets/{id}/macros/{macroId}/apply': { params: { id: someOf(() => fixtures.ticketIds), macroId: someOf(() => fixtures.macroIds) }, hint },
    'GET /v1/tickets/{id}/suggestions': ticket,
    'POST /v1/tickets/{id}/suggestions/{sid}/used': { params: { id: someOf(() => fixtures.ticketIds), sid: someOf(() => [...fixtures.macroIds, ...fixtures.ticketIds]) }, hint },
    'GET /v1/reports/suggestions': { hint, fix: { querystring: (q) => ordered(q) } },
    'GET /v1/tickets/{id}/outcome': id(() => fixtures.feedbackTicketIds),
    'PUT /v1/tickets/{id}/outcome': id(() => fixtures.feedbackTicketIds),
    'DELETE /v1/tickets/{id}/outcome': id(() => fixtures.feedbackTicketIds),
    'GET /v1/public/outcomes': { hint },
    'GET /v1/audit-log': { hint, fix: { querystring: (q) => ordered(q) } },
    'GET /metrics': { hint },
  };
}

/** A macro with no reply, status, priority or tags would do nothing: it gets a status. */
function withAction(body: unknown) {
  const m = body as { reply?: unknown; status?: unknown; priority?: unknown; addTags?: unknown[]; removeTags?: unknown[] };
  return m.reply || m.status || m.priority || m.addTags?.length || m.removeTags?.length ? body : { ...(body as object), status: 'pending' };
}

/**
 * A report's `bucket` may not cut the period into more than 1,000 buckets (a 400 the document
 * cannot state): where the drawn period is too long for the drawn bucket, the next coarser one.
 */
function fewerBuckets(query: Record<string, unknown>) {
  const to = typeof query.to === 'string' ? Date.parse(query.to) : Date.now();
  const from = typeof query.from === 'string' ? Date.parse(query.from) : to - 30 * 86_400_000;
  const hours = (to - from) / 3_600_000;
  // Limits with slack for DST and partial buckets at both ends.
  const coarse = [['hour', 1], ['day', 24], ['week', 168], ['month', 744]] as const;
  const at = coarse.findIndex(([b]) => b === (query.bucket ?? 'day'));
  const fit = coarse.slice(Math.max(at, 0)).find(([, h]) => hours / h < 950) ?? coarse[3];
  return { ...query, bucket: fit[0] };
}

/** A routing rule's confidence range must not be empty (`minConfidence` below `maxConfidence`), which the document cannot state. */
function orderedConfidence(body: unknown) {
  const rule = structuredClone(body) as { conditions?: { minConfidence?: number; maxConfidence?: number } } | null;
  const c = rule?.conditions;
  if (c && typeof c === 'object' && typeof c.minConfidence === 'number' && typeof c.maxConfidence === 'number' && c.minConfidence >= c.maxConfidence) {
    delete c.maxConfidence;
  }
  return rule;
}

/** Report and rule parameters spell it `timeZone`. */
const withTimeZone = (hint: Hint): Hint => (site) => (site.property === 'timeZone' && site.schema.type === 'string' ? fc.constantFrom(...TIME_ZONES) : hint(site));

/**
 * The rules across fields the document cannot state: every level at least as demanding as the one
 * below it (each threshold sorted from IV to I), history within the baseline, each term listed once.
 */
function consistentAlertRules(body: unknown) {
  const rules = structuredClone(body) as Record<string, unknown> & { baselineDays: number; minHistoryDays: number };
  for (const kind of ['volume', 'topic', 'sentiment', 'spread', 'term']) {
    const levels = (rules[kind] as { levels?: Record<string, Record<string, number>> } | undefined)?.levels;
    if (!levels) continue;
    const order = ['IV', 'III', 'II', 'I'].filter((l) => levels[l]);
    for (const key of Object.keys(levels[order[0]!] ?? {})) {
      const sorted = order.map((l) => levels[l]![key]!).sort((a, b) => a - b);
      order.forEach((l, i) => (levels[l]![key] = sorted[i]!));
    }
  }
  if (typeof rules.minHistoryDays === 'number' && typeof rules.baselineDays === 'number' && rules.minHistoryDays > rules.baselineDays) rules.minHistoryDays = rules.baselineDays;
  const term = rules.term as { terms?: { term: string }[] } | undefined;
  if (Array.isArray(term?.terms)) {
    const seen = new Set<string>();
    term.terms = term.terms.filter((t) => typeof t?.term !== 'string' || (!seen.has(t.term.trim().toLowerCase()) && seen.add(t.term.trim().toLowerCase())));
  }
  return rules;
}

/** iCalendar files: well-formed ones with all-day events, and broken ones. */
const icalArbitrary = fc.oneof(
  fc.array(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), { minLength: 1, maxLength: 4 }).map((dates) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//fuzz//EN',
      ...dates.flatMap((d, i) => ['BEGIN:VEVENT', `UID:${i}@fuzz`, `DTSTART;VALUE=DATE:${d.toISOString().slice(0, 10).replace(/-/g, '')}`, `SUMMARY:Holiday ${i}`, 'END:VEVENT']),
      'END:VCALENDAR',
    ].join('\r\n'),
  ),
  fc.constantFrom('BEGIN:VCALENDAR\r\nEND:VCALENDAR', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\nEND:VEVENT\r\nEND:VCALENDAR', 'not a calendar', 'BEGIN:VEVENT'),
  fc.string({ minLength: 1, maxLength: 200 }),
);
