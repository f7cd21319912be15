import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Two messages opening one thread at once (one joins the ticket the other opens): both timers armed, once. */
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({ name: 'One minute', position: 0, targets: [{ metric: 'first_response', within: 'PT60S' }], warning: { percent: 50 } })
    .expect(201);
});
afterAll(async () => h.close());

describe('SLA timers of a thread whose first messages arrive at once', () => {
  it('arms both the warning and the breach timer', async () => {
    for (let round = 0; round < 30; round++) {
      const first = inquiry({ threadId: `race-${round}` });
      const second = inquiry({ threadId: `race-${round}`, customer: first.customer, externalId: `${first.externalId}-b` });
      const answers = await Promise.all([first, second].map((body) => h.http.post('/v1/inquiries').set(h.auth).send(body)));
      const ticketId = answers[0]!.body.ticket.id as string;
      const { rows } = await h.container.db.pool.query<{ id: string }>(`SELECT id FROM sla_targets WHERE ticket_id = $1`, [ticketId]);
      const jobs = (await h.container.sla.timers.queue.getDelayed()).map((j) => j.id!).filter((id) => id.startsWith(rows[0]!.id));
      expect(jobs.map((id) => id.split('_')[2]).sort()).toEqual(['breach', 'warning']);
    }
  });
});
