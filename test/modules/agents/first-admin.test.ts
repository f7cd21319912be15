import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';

/** A newcomer's way into the helpdesk: the first start creates one admin agent, once. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the first helpdesk admin', () => {
  it('is created once when there is no agent, and can sign in', async () => {
    const [first, second] = await Promise.all([h.container.agents.ensureFirstAdmin('admin@helpdesk.local'), h.container.agents.ensureFirstAdmin('admin@helpdesk.local')]);
    const created = first ?? second;
    expect([first, second].filter(Boolean)).toHaveLength(1); // two processes starting together: one admin
    expect(created!.password.length).toBeGreaterThanOrEqual(16);
    const session = await h.http.post('/v1/sessions').send({ email: created!.email, password: created!.password });
    expect(session.status).toBe(201);
    expect(session.body.agent.role).toBe('admin');
    expect(await h.container.agents.ensureFirstAdmin('admin@helpdesk.local')).toBeNull();
  });
});
