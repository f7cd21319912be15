import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/** SLA settings that would be accepted but could never work are refused with the path of the culprit. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);
let n = 0;
/** A policy that only `other`-channel tickets match, so it stays out of the way of other tests. */
const policy = (overrides: Record<string, unknown> = {}) => ({
  name: `validation ${++n}`,
  position: 100 + n,
  conditions: { channels: ['other'] },
  targets: [{ metric: 'first_response', within: 'PT4H' }],
  ...overrides,
});

async function calendar(weekly: Record<string, [string, string][]>) {
  const res = await h.http.post('/v1/business-calendars').set(h.auth).send({ name: `cal ${++n}`, timezone: 'Asia/Shanghai', weekly });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('SLA policy escalations', () => {
  it('must name teams and agents that exist', async () => {
    const team = await h.http.post('/v1/teams').set(h.auth).send({ name: `escalations ${Date.now()}` }).expect(201);
    const missingTeam = await h.http
      .post('/v1/sla-policies')
      .set(h.auth)
      .send(policy({ escalations: { onBreach: [{ type: 'assign_team', teamId: team.body.id }, { type: 'assign_team', teamId: 'tm_missing' }] } }));
    expect(missingTeam.status).toBe(422);
    expect(missingTeam.body.code).toBe('sla_policies.unknown_reference');
    expect(paths(missingTeam)).toEqual(['body.escalations.onBreach.1.teamId']);

    const missingAgent = await h.http
      .post('/v1/sla-policies')
      .set(h.auth)
      .send(policy({ warning: { percent: 50 }, escalations: { onWarning: [{ type: 'assign_agent', agentId: 'agt_missing' }] } }));
    expect(missingAgent.status).toBe(422);
    expect(paths(missingAgent)).toEqual(['body.escalations.onWarning.0.agentId']);

    const ok = await h.http.post('/v1/sla-policies').set(h.auth).send(policy({ escalations: { onBreach: [{ type: 'assign_team', teamId: team.body.id }] } }));
    expect(ok.status).toBe(201);
    const patched = await h.http.patch(`/v1/sla-policies/${ok.body.id}`).set(h.auth).send({ escalations: { onWarning: [], onBreach: [{ type: 'assign_agent', agentId: 'agt_missing' }] } });
    expect(patched.status).toBe(422);
    expect(paths(patched)).toEqual(['body.escalations.onBreach.0.agentId']);
  });

  it('add tags that tickets can carry', async () => {
    for (const tag of ['   ', 'two words', 'a/b']) {
      const res = await h.http.post('/v1/sla-policies').set(h.auth).send(policy({ escalations: { onBreach: [{ type: 'add_tag', tag }] } }));
      expect(res.status, tag).toBe(400);
      expect([...new Set(paths(res))], tag).toEqual(['body.escalations.onBreach.0.tag']);
    }
  });
});

describe('business-hours targets', () => {
  it('must be able to fall due on their calendar, which cannot later shrink under them', async () => {
    // Open two hours a week: about 43 days of business time in the ten years the engine looks ahead.
    const cal = await calendar({ sat: [['10:00', '12:00']] });
    const target = (within: string) => [{ metric: 'resolution', within, businessHours: true, calendarId: cal.id }];
    const tooLong = await h.http.post('/v1/sla-policies').set(h.auth).send(policy({ targets: target('P60D') }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('sla_policies.unreachable_target');
    expect(paths(tooLong)).toEqual(['body.targets.0.within']);

    const ok = await h.http.post('/v1/sla-policies').set(h.auth).send(policy({ conditions: {}, position: 0, targets: target('P30D') }));
    expect(ok.status).toBe(201);
    // Every ticket now gets a target on this calendar, and intake keeps working.
    const opened = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry());
    expect(opened.status).toBe(201);
    expect(opened.body.ticket.sla).toEqual([expect.objectContaining({ metric: 'resolution', status: 'active' })]);

    const shrink = await h.http.patch(`/v1/business-calendars/${cal.id}`).set(h.auth).send({ weekly: { sat: [['10:00', '10:30']] } });
    expect(shrink.status).toBe(422);
    expect(shrink.body.code).toBe('business_calendars.targets_unreachable');
    expect(paths(shrink)).toEqual(['body.weekly']);
    expect((await h.http.patch(`/v1/business-calendars/${cal.id}`).set(h.auth).send({ weekly: { sat: [['09:00', '12:00']] } })).status).toBe(200);
    expect((await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).status).toBe(201);
    await h.http.delete(`/v1/sla-policies/${ok.body.id}`).set(h.auth).expect(204);
  });
});
