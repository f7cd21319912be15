import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withBrowser } from '../support/browser.ts';
import { inquiry } from '../support/factories.ts';

/**
 * The helpdesk in real headless Chromium (Debian's `chromium`): an agent signs in, finds a new
 * ticket in the queue, opens it and answers the customer; the API then shows the agent's reply and
 * the first-response target achieved.
 */
const env = withBrowser();

async function createAgent(name: string) {
  const email = `desk-${randomBytes(4).toString('hex')}@example.com`;
  const agent = (await env.h.http.post('/v1/agents').set(env.h.auth).send({ name, email, role: 'agent', password: 'a long enough password' }).expect(201)).body;
  return { agent, email, password: 'a long enough password' };
}

/** Everything that went wrong while loading: console errors, uncaught errors, failed or refused requests. */
function watchForTrouble(page: Page) {
  const trouble: string[] = [];
  const requests = new Map<string, number>();
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => trouble.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('request', (request) => requests.set(request.url(), (requests.get(request.url()) ?? 0) + 1));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()}: ${response.url()}`);
  });
  return { trouble, requests };
}

describe('the helpdesk in a browser', () => {
  it('loads every module without a console error, a failed request or a module fetched twice, also when reloaded', async () => {
    const { base } = env;
    const { email, password } = await createAgent('李雷');
    const page = await env.phonePage();
    const { trouble, requests } = watchForTrouble(page);
    // The expected 401 of "is there a session?" is the page's own question, not trouble.
    const seen = () => trouble.filter((t) => !t.includes('/v1/sessions/current'));
    await page.goto(`${base}/desk`);
    // A module that fails to load leaves an empty page: say why at once instead of timing out.
    await page.locator('#sign-in').waitFor({ timeout: 5_000 }).catch(() => expect(seen(), 'the sign-in form never showed').toEqual([]));
    const modules = [...requests.keys()].filter((url) => url.includes('/desk/assets/') && /\.js(\?|$)/.test(url));
    expect(modules.map((url) => new URL(url).pathname)).toEqual(expect.arrayContaining(['/desk/assets/desk.js', '/desk/assets/constants.js', '/desk/assets/router.js', '/desk/assets/ticket-reply.js']));
    expect([...requests].filter(([url, times]) => url.includes('/desk/assets/') && times > 1)).toEqual([]); // preload and import share one fetch

    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('#sign-in button[type=submit]');
    await page.locator('#queue').waitFor();
    expect(await page.locator('#status option').allTextContents()).toContain('Active (new, open, pending, on hold)');
    expect(await page.locator('#sort option').allTextContents()).toEqual(['Most urgent', 'Newest']);

    // A reload: the session cookie signs in again, and the modules come from the cache or as 304s.
    await page.reload();
    await page.locator('#queue').waitFor();
    expect(seen()).toEqual([]);
    await page.close();
  });

  it('signs in, shows the queue, opens a ticket and sends a public reply that reaches the API', async () => {
    const { h, base } = env;
    const email = `desk-${randomBytes(4).toString('hex')}@example.com`;
    const agent = (await h.http.post('/v1/agents').set(h.auth).send({ name: '王芳', email, role: 'agent', password: 'a long enough password' }).expect(201)).body;
    const subject = `Parcel <b>not</b> delivered ${randomBytes(3).toString('hex')}`;
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ subject, body: '我的订单三天了还没发货，请帮忙查一下' })).expect(201)).body;
    expect(ticket.sla.find((t: { metric: string }) => t.metric === 'first_response')?.status).toBe('active');

    const page = await env.phonePage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/desk`);

    // Sign in; a wrong password first shows the API's message.
    await page.fill('#email', email);
    await page.fill('#password', 'wrong password!');
    await page.click('#sign-in button[type=submit]');
    await page.locator('#sign-in .error', { hasText: 'Wrong email or password' }).waitFor();
    await page.fill('#password', 'a long enough password');
    await page.click('#sign-in button[type=submit]');

    // The queue, by urgency, lists the ticket; its subject is text, not markup.
    const row = page.locator(`a.row[data-ticket-id="${ticket.id}"]`);
    await row.waitFor();
    expect(await row.locator('.subject').innerText()).toBe(subject);
    expect(await row.locator('.number').innerText()).toBe(`#${ticket.number}`);
    expect(await row.innerText()).toContain('first response');
    expect(await page.locator('#me').innerText()).toContain('王芳');

    // Open it: the conversation shows the customer's message.
    await row.click();
    await page.locator('#conversation .message.author-customer').waitFor();
    expect(await page.locator('#ticket-title').innerText()).toContain(subject);
    expect(await page.locator('#customer-id').innerText()).toBe(ticket.customerId);
    expect(await page.locator('#conversation .message.author-customer .message-body').innerText()).toBe('我的订单三天了还没发货，请帮忙查一下');

    // Reply publicly.
    await page.fill('#reply-body', '您好，已为您催促仓库，今天内发出。');
    await page.click('#send-reply');
    const reply = page.locator('#conversation .message.author-agent', { hasText: '已为您催促仓库' });
    await reply.waitFor();
    expect(await reply.getAttribute('class')).not.toContain('internal');
    expect(await reply.locator('strong').innerText()).toContain('王芳');
    await page.locator('.sla-list [data-metric="first_response"] .sla-status-achieved').waitFor();
    await page.locator('#timeline', { hasText: 'message.created' }).waitFor();
    expect(await page.inputValue('#ticket-status')).toBe('open'); // the first public reply opened it

    // Someone changes the ticket meanwhile: the desk's stale If-Match gets 412 and says so, then
    // shows the latest version, on which the change goes through.
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ tags: ['vip'] }).expect(200);
    await page.selectOption('#ticket-priority', 'high');
    await page.locator('#flash', { hasText: 'Someone else changed this ticket' }).waitFor();
    await page.selectOption('#ticket-priority', 'high');
    await page.locator('#flash', { hasText: 'Priority changed to high' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();

    // Through the API: the agent's public reply, and the first response achieved.
    const messages = (await h.http.get(`/v1/tickets/${ticket.id}/messages`).set(h.auth)).body.data as { author: string; visibility: string; agentId: string | null; body: string }[];
    expect(messages.find((m) => m.author === 'agent')).toMatchObject({ author: 'agent', visibility: 'public', agentId: agent.id, body: '您好，已为您催促仓库，今天内发出。' });
    const after = (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body;
    expect(after.sla.find((t: { metric: string }) => t.metric === 'first_response')).toMatchObject({ status: 'achieved', achievedAt: expect.any(String) });
    expect(after).toMatchObject({ status: 'open', priority: 'high', tags: ['vip'] });
  });
});
