import { describe, expect, it } from 'vitest';
import { withBrowser } from '../../support/browser.ts';
import { inquiry } from '../../support/factories.ts';

/**
 * The customer's survey page in real headless Chromium (Debian's `chromium`): open the link, pick
 * a rating, add a comment, submit, see the thanks page, find the rating in the API.
 */
const env = withBrowser();

describe('the survey page in a browser', () => {
  it('lets a customer rate and comment, then shows thanks; the rating reaches the API', async () => {
    const { h, base } = env;
    const settings = (await h.http.get('/v1/settings/csat').set(h.auth)).body;
    const { updatedAt: _u, version: _v, ...body } = settings;
    await h.http.put('/v1/settings/csat').set(h.auth).send({ ...body, delay: 'PT0S' }).expect(200);
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '請問你們的門市週末幾點營業？' }))).body;
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.drainEvents(); // the survey follows the ticket through the event relay
    for (const due of await h.container.csat.dueSurveys(new Date())) await h.container.csat.issue(due.id);
    const { token } = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;

    const page = await env.phonePage();
    await page.goto(`${base}/survey/${token}`);
    expect(await page.locator('h1').innerText()).toBe('服務滿意度評價'); // the customer wrote traditional Chinese
    await page.locator('label', { hasText: '滿意' }).filter({ hasNotText: '不' }).filter({ hasNotText: '非常' }).click();
    await page.locator('label', { hasText: '回覆速度' }).click();
    await page.fill('textarea[name=comment]', '客服很有耐心');
    await page.click('button[type=submit]');
    await page.waitForSelector('#thanks');
    expect(await page.locator('#thanks h1').innerText()).toBe('感謝您的評價！');
    await page.close();

    const survey = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    expect(survey).toMatchObject({ status: 'answered', rating: 4, comment: '客服很有耐心', reasons: ['回覆速度'] });
  });
});
