import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import type { OpenApiDocument } from '../support/openapi/json-schema.ts';
import { validValues } from '../support/openapi/valid-values.ts';
import { createSchemaValidator, type SchemaValidator } from '../support/openapi/schema-validator.ts';
import { createFixtures, type Fixtures } from './openapi-fuzz.fixtures.ts';
import { hintsFor } from './openapi-fuzz.plans.ts';

/**
 * Valid bodies generated from the document's request schemas are stored as sent: a create (or
 * PUT) read back answers the same values, modulo the normalisation the document describes
 * (trimmed text, lower-case emails and tags, phones as + and digits, days without hours as []).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_401);
const RUNS = Number(process.env.FUZZ_ROUND_TRIP_RUNS ?? 12);

let h: Harness;
let document: OpenApiDocument;
let fixtures: Fixtures;
let check: SchemaValidator;
beforeAll(async () => {
  h = await createHarness();
  document = (await h.http.get('/openapi.json').expect(200)).body as OpenApiDocument;
  check = createSchemaValidator(document);
  fixtures = await createFixtures(h, 0);
});
afterAll(() => h.close());

const bodies = <T>(component: string) => validValues({ document, hint: hintsFor(fixtures) }).at({ $ref: `#/components/schemas/${component}` }) as fc.Arbitrary<T>;
const run = <T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => Promise<void>, runs = RUNS) =>
  fc.assert(fc.asyncProperty(arbitrary, property), { seed: SEED, numRuns: runs, endOnFailure: true });

let serial = 0;
/** Emails and phones identify customers and agents: each run gets its own. */
const unique = (email: string) => email.replace('@', `.${(serial++).toString(36)}${Date.now().toString(36)}@`);
const uniquePhone = () => `+86 139 ${String(10_000_000 + (serial++ % 89_999_999)).slice(0, 8)}`;

/** A value made unique within its length limit (names and channel ids must not collide across runs). */
const suffixed = (value: string, max: number) => {
  const suffix = `-${(serial++).toString(36)}${Date.now().toString(36)}`;
  return `${[...value.trim()].slice(0, max - suffix.length).join('')}${suffix}`;
};
const text = (value: string | undefined) => (value === undefined ? undefined : value.trim());
const email = (value: string | undefined | null) => (value ? value.trim().toLowerCase() : value);
const phone = (value: string | undefined | null) => {
  if (!value) return value;
  const ascii = value.normalize('NFKC').trim();
  return `${ascii.startsWith('+') ? '+' : ''}${ascii.replace(/\D/g, '')}`;
};
const tags = (values: string[] | undefined) => (values === undefined ? undefined : [...new Set(values.map((t) => t.trim().toLowerCase()))]);
const defined = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

/** A 2xx answer that matches its documented schema, read back at `path` and compared with `expected`. */
async function expectStored(path: string, created: { status: number; body: unknown; text: string }, component: string, expected: Record<string, unknown>) {
  expect(created.status, created.text).toBeLessThan(300);
  const read = await h.http.get(path).set(h.auth);
  expect(read.status, read.text).toBe(200);
  const verdict = check({ $ref: `#/components/schemas/${component}` }, read.body);
  expect(verdict.errors, `GET ${path} against ${component}`).toEqual([]);
  expect(read.body).toMatchObject(defined(expected));
  return read.body as Record<string, unknown>;
}

describe('round trips of generated valid bodies', () => {
  it('customers', async () => {
    type Body = { name?: string; email?: string; phone?: string };
    await run(bodies<Body>('CreateCustomer'), async (body) => {
      const sent: Body = { ...body, email: body.email && unique(body.email), phone: body.phone && uniquePhone() };
      if (!sent.name && !sent.email && !sent.phone) sent.name = '赵六';
      const res = await h.http.post('/v1/customers').set(h.auth).send(sent);
      await expectStored(`/v1/customers/${res.body.id}`, res, 'CustomerDetail', { name: text(sent.name) ?? null, email: email(sent.email) ?? null, phone: phone(sent.phone) ?? null });
    });
  });

  it('tickets', async () => {
    type Body = { subject: string; body: string; customerId?: string; customer?: Record<string, string>; channel?: string; priority?: string; type?: string; assigneeId?: string | null; teamId?: string | null; tags?: string[] };
    await run(bodies<Body>('CreateTicket'), async (generated) => {
      // A generated customer would find or create one by email or phone: use the fixture's id.
      const { customer: _c, ...body } = generated;
      const sent = { ...body, customerId: fixtures.customerIds[0]! };
      const res = await h.http.post('/v1/tickets').set(h.auth).send(sent);
      const stored = await expectStored(`/v1/tickets/${res.body.ticket?.id}`, res, 'Ticket', {
        subject: text(sent.subject),
        customerId: sent.customerId,
        channel: sent.channel ?? 'phone',
        priority: sent.priority ?? 'normal',
        type: sent.type,
        assigneeId: sent.assigneeId ?? null,
        teamId: sent.teamId ?? null,
        tags: tags(sent.tags) ?? [],
      });
      const messages = (await h.http.get(`/v1/tickets/${stored.id}/messages`).set(h.auth).expect(200)).body.data as { body: string }[];
      expect(messages.map((m) => m.body)).toEqual([text(sent.body)]);
    });
  });

  it('inquiries', async () => {
    type Body = { channel: string; externalId?: string; threadId?: string; customer: Record<string, string | undefined>; subject?: string; body: string; receivedAt?: string };
    await run(bodies<Body>('Inquiry'), async (generated) => {
      const sent = {
        ...generated,
        externalId: generated.externalId && suffixed(generated.externalId, 200),
        threadId: generated.threadId && suffixed(generated.threadId, 200),
        customer: { ...generated.customer, externalId: suffixed('user', 200), email: generated.customer.email && unique(generated.customer.email), phone: generated.customer.phone && uniquePhone() },
      };
      const res = await h.http.post('/v1/inquiries').set(h.auth).send(sent);
      expect(res.status, res.text).toBe(201);
      const ticket = await expectStored(`/v1/tickets/${res.body.ticket.id}`, res, 'Ticket', { channel: sent.channel, threadId: text(sent.threadId) ?? null, subject: text(sent.subject) });
      const [message] = (await h.http.get(`/v1/tickets/${ticket.id}/messages`).set(h.auth).expect(200)).body.data as Record<string, unknown>[];
      expect(message).toMatchObject(defined({ body: text(sent.body), channel: sent.channel, externalId: text(sent.externalId) ?? null, receivedAt: sent.receivedAt && new Date(sent.receivedAt).toISOString() }));
      const customer = (await h.http.get(`/v1/customers/${ticket.customerId}`).set(h.auth).expect(200)).body;
      expect(customer).toMatchObject(defined({ name: text(generated.customer.name), email: email(sent.customer.email), phone: phone(sent.customer.phone) }));
    });
  });

  it('agents', async () => {
    type Body = { name: string; email: string; role?: string; teamId?: string | null; password: string };
    await run(
      bodies<Body>('CreateAgent'),
      async (body) => {
        const sent = { ...body, email: unique(body.email) };
        const res = await h.http.post('/v1/agents').set(h.auth).send(sent);
        await expectStored(`/v1/agents/${res.body.id}`, res, 'Agent', { name: text(sent.name), email: email(sent.email), role: sent.role ?? 'agent', teamId: sent.teamId ?? null, active: true });
      },
      Math.max(3, Math.round(RUNS / 3)),
    );
  });

  it('teams', async () => {
    type Body = { name: string; description?: string };
    await run(bodies<Body>('CreateTeam'), async (body) => {
      const sent = { ...body, name: suffixed(body.name, 100) };
      const res = await h.http.post('/v1/teams').set(h.auth).send(sent);
      await expectStored(`/v1/teams/${res.body.id}`, res, 'Team', { name: text(sent.name), description: text(sent.description) ?? null });
    });
  });

  it('SLA policies', async () => {
    type Body = { name: string; position: number; active?: boolean; conditions?: { tags?: string[] } & Record<string, unknown>; targets: Record<string, unknown>[]; warning?: unknown; escalations?: { onWarning?: Record<string, unknown>[]; onBreach?: Record<string, unknown>[] } };
    const action = (a: Record<string, unknown>) => (a.type === 'add_tag' ? { ...a, tag: String(a.tag).trim().toLowerCase() } : a);
    await run(bodies<Body>('CreateSlaPolicy'), async (sent) => {
      const res = await h.http.post('/v1/sla-policies').set(h.auth).send(sent);
      // A business-hours target longer than the calendar is sure to be open is refused (422, documented).
      if (res.status === 422 && res.body.code === 'sla_policies.unreachable_target') return;
      await expectStored(`/v1/sla-policies/${res.body.id}`, res, 'SlaPolicy', {
        name: text(sent.name),
        position: sent.position,
        active: sent.active ?? true,
        conditions: sent.conditions ? defined({ ...sent.conditions, tags: tags(sent.conditions.tags) }) : {},
        targets: sent.targets.map((t) => ({ businessHours: false, ...t })),
        warning: sent.warning ?? null,
        escalations: { onWarning: (sent.escalations?.onWarning ?? []).map(action), onBreach: (sent.escalations?.onBreach ?? []).map(action) },
      });
    });
  });

  it('business calendars', async () => {
    type Body = { name: string; timezone: string; weekly: Record<string, [string, string][]>; holidays?: { date: string; name?: string }[] };
    const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    await run(bodies<Body>('CreateBusinessCalendar'), async (generated) => {
      const sent = { ...generated, name: suffixed(generated.name, 200) };
      const res = await h.http.post('/v1/business-calendars').set(h.auth).send(sent);
      const stored = await expectStored(`/v1/business-calendars/${res.body.id}`, res, 'BusinessCalendar', {
        name: text(sent.name),
        timezone: sent.timezone,
        weekly: Object.fromEntries(week.map((day) => [day, sent.weekly[day] ?? []])),
      });
      const holidays = (stored.holidays as { date: string; name?: string }[]).map((d) => ({ date: d.date, name: d.name || undefined }));
      const expected = (sent.holidays ?? []).map((d) => ({ date: d.date, name: d.name?.trim() || undefined }));
      expect(holidays.sort((a, b) => a.date.localeCompare(b.date))).toEqual(expected.sort((a, b) => a.date.localeCompare(b.date)));
    });
  });

  it('CSAT settings (PUT then GET)', async () => {
    type Body = Record<string, unknown> & { reasons: Record<string, string[]> };
    await run(bodies<Body>('PutCsatSettings'), async (sent) => {
      const res = await h.http.put('/v1/settings/csat').set(h.auth).send(sent);
      await expectStored('/v1/settings/csat', res, 'CsatSettings', { ...sent, reasons: Object.fromEntries(Object.entries(sent.reasons).map(([k, v]) => [k, v.map((r) => r.trim())])) });
    });
  });
});
