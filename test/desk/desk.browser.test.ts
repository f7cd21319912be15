import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withBrowser } from '../support/browser.ts';
import { inquiry } from '../support/factories.ts';

/**
 * The helpdesk in real headless Chromium (Debian's `chromium`): an agent signs in, sees a new
 * inquiry arrive in the queue over the live stream, opens it by its deep link, reads the customer's
 * archive, corrects the type, replies and sees the first-response target met; the desk switches to
 * Chinese and back, and the first load stays under its JavaScript budget. Screenshots of the
 * queue, a ticket and a customer go to test/artifacts/ (gitignored) for people to look at.
 */
// With the worker role, as `npm start` runs it: its relay tells the stream that events were committed.
const env = withBrowser({ worker: true });
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const PASSWORD = 'a long enough password';

async function createAgent(name: string, role: 'agent' | 'lead' | 'admin' = 'agent', extra: Record<string, unknown> = {}) {
  const email = `desk-${randomBytes(4).toString('hex')}@example.com`;
  const agent = (await env.h.http.post('/v1/agents').set(env.h.auth).send({ name, email, role, password: PASSWORD, ...extra }).expect(201)).body;
  return { agent, email, password: PASSWORD };
}

/** Everything that went wrong while loading: console errors, uncaught errors, failed or refused requests. */
function watchForTrouble(page: Page) {
  const trouble: string[] = [];
  const requests = new Map<string, number>();
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // The event stream is cut when the page goes: that is no failure.
    if (!request.url().includes('/v1/stream')) trouble.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('request', (request) => requests.set(request.url(), (requests.get(request.url()) ?? 0) + 1));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()}: ${response.url()}`);
  });
  return { trouble, requests };
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#sign-in button[type=submit]');
}

const desktop = () => env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });

function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: new URL(name, ARTIFACTS).pathname, fullPage: true });
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
    expect(modules.map((url) => new URL(url).pathname)).toEqual(expect.arrayContaining(['/desk/assets/desk.js', '/desk/assets/constants.js', '/desk/assets/router.js', '/desk/assets/strings/zh-CN.js']));
    expect(modules.some((url) => url.includes('/pages/'))).toBe(false); // loaded when opened, not before
    expect([...requests].filter(([url, times]) => url.includes('/desk/assets/') && times > 1)).toEqual([]); // preload and import share one fetch

    await signIn(page, email, password);
    await page.locator('#queue').waitFor();
    expect(await page.locator('#filter-status option').allTextContents()).toContain('Active (not solved)');
    expect(await page.locator('#filter-sort option').allTextContents()).toEqual(['Most urgent', 'Newest']);
    // An agent's nav has no Dashboard or Alerts; the page itself says it is not for them.
    expect(await page.locator('#topbar nav a').allTextContents()).toEqual(['Queue']);
    await page.goto(`${base}/desk/dashboard`);
    await page.locator('h1', { hasText: 'Not for your role' }).waitFor();

    // A reload: the session cookie signs in again, and the modules come from the cache or as 304s.
    await page.goto(`${base}/desk`);
    await page.locator('#queue[aria-busy=false]').waitFor();
    await screenshot(page, 'desk-queue-phone.png');
    await page.reload();
    await page.locator('#queue').waitFor();
    expect(seen()).toEqual([]);
    await page.close();
  });

  it('works a ticket end to end: live queue, deep link, customer archive, type correction, reply, first response met', async () => {
    const { h, base } = env;
    const team = (await h.http.post('/v1/teams').set(h.auth).send({ name: `售后 ${randomBytes(2).toString('hex')}` }).expect(201)).body;
    const { agent, email } = await createAgent('王芳', 'agent', { teamId: team.id });
    const customer = { externalId: `wb-user-${randomBytes(4).toString('hex')}`, name: '张小明', handle: `@zhangxm_${randomBytes(2).toString('hex')}` };
    // The customer wrote before: a solved question, rated 4 of 5.
    const settings = (await h.http.get('/v1/settings/csat').set(h.auth)).body;
    const { updatedAt: _u, version: _v, ...csat } = settings;
    await h.http.put('/v1/settings/csat').set(h.auth).send({ ...csat, delay: 'PT0S' }).expect(200);
    const earlier = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ customer, subject: '门店营业时间', body: '请问你们的门店周末几点开门？' })).expect(201)).body.ticket;
    await h.http.patch(`/v1/tickets/${earlier.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    let token: string | null = null;
    for (let i = 0; i < 50 && !token; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the worker sends the survey
      token = (await h.http.get(`/v1/tickets/${earlier.id}/survey`).set(h.auth)).body.token ?? null;
    }
    await h.http.post(`/v1/surveys/${token}`).send({ rating: 4, comment: '回复很快' }).expect(200);

    const page = await desktop();
    const { trouble } = watchForTrouble(page);
    await page.goto(`${base}/desk`);
    await signIn(page, email, 'wrong password!');
    await page.locator('#sign-in-error', { hasText: 'Wrong email or password' }).waitFor();
    await signIn(page, email);
    await page.locator('#queue[aria-busy=false]').waitFor();
    await page.locator('#live-status[data-status=live]').waitFor();

    // A new inquiry through the API appears in the open queue without a reload, within 2 s.
    const subject = `Parcel <b>not</b> delivered ${randomBytes(3).toString('hex')}`;
    const posted = Date.now();
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ customer, subject, body: '快递员态度很差，包裹三天了还没到，我要投诉！' })).expect(201)).body;
    const row = page.locator(`a.row[data-ticket-id="${ticket.id}"]`);
    await row.waitFor({ timeout: 2_000 });
    expect(Date.now() - posted).toBeLessThan(2_000);
    expect(await row.locator('.subject').innerText()).toBe(subject); // text, not markup
    expect(await row.locator('.countdown').innerText()).toMatch(/First response · \d+ (h|min)/);
    await page.locator('#queue-announce', { hasText: subject }).waitFor();
    // Search finds it, in Chinese; keyboard: j focuses the first row.
    await page.fill('#queue-search', '投诉');
    await page.press('#queue-search', 'Enter');
    await page.waitForURL(/q=%E6%8A%95%E8%AF%89/);
    await row.waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-ticket-id")')).toBeTruthy();
    await page.keyboard.press('?');
    await page.locator('#keys-help').waitFor();
    await page.keyboard.press('Escape');
    await page.fill('#queue-search', '');
    await page.press('#queue-search', 'Enter');
    await row.waitFor();
    await screenshot(page, 'desk-queue.png');

    // Its deep link survives a reload; old #/ links land on the same screen.
    await page.goto(`${base}/desk#/tickets/${ticket.id}`);
    await page.waitForURL(`${base}/desk/tickets/${ticket.id}`);
    await page.reload();
    await page.locator('#conversation .message.author-customer').waitFor();
    expect(await page.locator('#ticket-title').innerText()).toContain(subject);

    // The customer's archive: name, identities, the earlier ticket with its outcome and rating.
    const archive = page.locator('#customer-archive');
    await archive.locator('#customer-name', { hasText: '张小明' }).waitFor();
    expect(await archive.innerText()).toContain(customer.handle);
    expect(await archive.locator(`[data-ticket-id="${earlier.id}"]`).innerText()).toMatch(/门店营业时间[\s\S]*Solved[\s\S]*Question/);
    expect(await archive.locator('#customer-ratings').innerText()).toContain('4 / 5');
    expect(await page.locator('#customer-link').innerText()).toBe('张小明');

    // The model's classification with its confidence; one click corrects the type.
    const classification = page.locator('#classification');
    expect(await classification.innerText()).toMatch(/The model says Complaint \(\d+% sure\)/);
    await classification.locator('button.correction[data-type="suggestion"]').click();
    await page.locator('#current-type', { hasText: 'Type: Suggestion (corrected by an agent)' }).waitFor();
    await page.locator('#timeline', { hasText: 'changed Type from Complaint to Suggestion' }).waitFor();

    // Assign to me; then a public reply (`r` focuses the box) meets the first-response target.
    await page.click('#assign-to-me');
    await page.locator('#flash', { hasText: 'Assigned to you' }).waitFor();
    expect(await page.inputValue('#ticket-assigneeId')).toBe(agent.id);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('r');
    expect(await page.evaluate('document.activeElement?.id')).toBe('reply-body');
    await page.keyboard.type('您好，已为您催促仓库，今天内发出。');
    await page.click('#send-reply');
    await page.locator('#conversation .message.author-agent', { hasText: '已为您催促仓库' }).waitFor();
    await page.locator('#sla [data-metric="first_response"][data-status="achieved"]').waitFor();
    await page.locator('#timeline', { hasText: '王芳 (you) replied to the customer' }).waitFor();
    expect(await page.inputValue('#ticket-status')).toBe('open'); // the first public reply opened it

    // Live: a colleague's change arrives over the stream while the ticket is open.
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ priority: 'urgent' }).expect(200);
    await expect.poll(() => page.inputValue('#ticket-priority'), { timeout: 3_000 }).toBe('urgent');
    await screenshot(page, 'desk-ticket.png');

    // The customer's page.
    await page.click('#customer-link');
    await page.locator('#customer-title', { hasText: '张小明' }).waitFor();
    await page.locator(`.customer-view [data-ticket-id="${ticket.id}"]`).waitFor();
    await screenshot(page, 'desk-customer.png');
    // The ticket on a phone, as agents on the move see it.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goBack();
    await page.locator('#conversation .message.author-agent').waitFor();
    await screenshot(page, 'desk-ticket-phone.png');
    // Only the expected: the wrong password's 401, requests cut short by the reload, and "no outcome
    // published yet" (404) for the ticket once it is a suggestion.
    expect(trouble.filter((t) => !t.includes('/v1/sessions') && !t.includes('ERR_ABORTED') && !/\/v1\/tickets\/[^/]+\/outcome\b/.test(t))).toEqual([]);
    await page.close();

    // Through the API: the reply, the first response met, the agent's type kept apart from the model's.
    const messages = (await h.http.get(`/v1/tickets/${ticket.id}/messages`).set(h.auth)).body.data as { author: string; agentId: string | null }[];
    expect(messages.find((m) => m.author === 'agent')).toMatchObject({ agentId: agent.id });
    const after = (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body;
    expect(after.sla.find((t: { metric: string }) => t.metric === 'first_response')).toMatchObject({ status: 'achieved' });
    expect(after).toMatchObject({ type: 'suggestion', classification: { type: 'complaint' }, assigneeId: agent.id, status: 'open' });
  }, 60_000);

  it('confirms an unsure model in one click: the review badge goes, in the ticket and the queue, and the timeline says who', async () => {
    const { h, base } = env;
    const { email } = await createAgent('李娜');
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '嗯', customer: { externalId: `unsure-${randomBytes(3).toString('hex')}` } })).expect(201)).body;
    expect(ticket.classification.needsReview).toBe(true);
    const page = await desktop();
    const { trouble } = watchForTrouble(page);
    // In the review queue first, with its badge.
    await page.goto(`${base}/desk?review=1&sort=created`);
    await signIn(page, email);
    await page.locator(`[data-ticket-id="${ticket.id}"] .badge.review`).waitFor();
    await page.click(`[data-ticket-id="${ticket.id}"]`);
    await page.locator('#classification #needs-review').waitFor();
    await page.click('#confirm-type');
    await page.locator('#flash', { hasText: 'Type confirmed' }).waitFor();
    await page.locator('#current-type', { hasText: '(confirmed by an agent)' }).waitFor();
    expect(await page.locator('#classification #needs-review').count()).toBe(0);
    expect(await page.locator('#confirm-type').count()).toBe(0);
    await page.locator('#timeline', { hasText: '李娜 (you) confirmed the type.' }).waitFor();
    // Back in the queue (every ticket, newest first) its row has no badge any more.
    await page.goto(`${base}/desk?sort=created`);
    await page.locator(`[data-ticket-id="${ticket.id}"]`).waitFor();
    expect(await page.locator(`[data-ticket-id="${ticket.id}"] .badge.review`).count()).toBe(0);
    const after = (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth).expect(200)).body;
    expect(after.typeReviewedAt).not.toBeNull();
    expect(after.type).toBe(ticket.type);
    expect(trouble.filter((t) => !t.includes('/v1/sessions'))).toEqual([]);
    await page.close();
  });

  it('turns a countdown to warning, then to breached, live, in words and icon as well as colour', async () => {
    const { h, base } = env;
    const { email } = await createAgent('赵敏');
    // A short first response on one channel (warned at half time, missed after 6 s), and a long resolution.
    await h.http
      .post('/v1/sla-policies')
      .set(h.auth)
      .send({ name: 'Kuaishou, fast', position: 0, conditions: { channels: ['kuaishou'] }, targets: [{ metric: 'first_response', within: 'PT6S' }, { metric: 'resolution', within: 'PT8H' }], warning: { percent: 50 } })
      .expect(201);
    const page = await desktop();
    await page.goto(`${base}/desk?channel=kuaishou`);
    await signIn(page, email);
    await page.locator('#queue[aria-busy=false]').waitFor();
    for (const body of ['请问可以开发票吗？', 'The app crashes when I pay', '建议增加夜间模式']) {
      await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'kuaishou', body })).expect(201);
    }
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'kuaishou', subject: '直播间买的东西没发货', body: '直播间买的东西一周了还没发货，再不处理我就投诉到12315' })).expect(201)).body;
    const row = `a.row[data-ticket-id="${ticket.id}"]`;
    const countdown = page.locator(`${row} .countdown[data-metric="first_response"]`);
    await countdown.waitFor({ timeout: 2_000 });
    expect(await countdown.getAttribute('data-state')).toBe('ok');
    await page.locator(`${row} .countdown[data-metric="first_response"][data-state="warning"]`).waitFor({ timeout: 5_000 });
    expect(await countdown.innerText()).toMatch(/\d+ s left/);
    expect(await countdown.locator('svg').getAttribute('aria-label')).toBe('Due soon');
    await page.locator(`${row} .countdown[data-metric="first_response"][data-state="breached"]`).waitFor({ timeout: 6_000 });
    expect(await countdown.innerText()).toMatch(/overdue|missed/);
    // The server's breach arrives on the stream: the missed target stays in the row, the next deadline beside it.
    await page.locator(`${row} .countdown[data-metric="first_response"]`, { hasText: 'missed' }).waitFor({ timeout: 8_000 });
    expect(await page.locator(`${row} .countdown[data-metric="resolution"]`).innerText()).toMatch(/Resolution · 7 h 5\d min left/);
    expect(await countdown.locator('svg').getAttribute('aria-label')).toBe('Breached');
    await page.check('#filter-breached');
    await page.locator(`a.row[data-ticket-id="${ticket.id}"]`).waitFor({ timeout: 10_000 });
    await page.uncheck('#filter-breached');
    await page.locator('#queue[aria-busy=false]').waitFor();
    await screenshot(page, 'desk-queue-states.png');
    await page.close();
  }, 60_000);

  it('switches to Chinese and back; the choice, <html lang> and Intl formats survive a reload', async () => {
    const { h, base } = env;
    const { email } = await createAgent('Li Lei');
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ subject: 'Where is my order?' })).expect(201)).body;
    const page = await desktop();
    await page.goto(`${base}/desk/tickets/${ticket.id}`);
    await signIn(page, email);
    await page.locator('#ticket-title', { hasText: 'Where is my order?' }).waitFor(); // the deep link survived signing in
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.fill('#reply-body', 'a draft');

    await page.selectOption('#locale', 'zh-CN');
    await page.locator('h2', { hasText: '对话' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.inputValue('#reply-body')).toBe('a draft'); // a language switch keeps the draft
    expect(await page.locator('#sla').innerText()).toMatch(/首次响应/);
    await screenshot(page, 'desk-ticket-zh.png');
    await page.reload();
    await page.locator('h2', { hasText: '对话' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('#topbar nav').innerText()).toContain('工单队列');
    // Dates in the chosen locale: Chinese ones carry 年/月/日.
    expect(await page.locator('.meta time').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);

    await page.selectOption('#locale', 'en');
    await page.locator('h2', { hasText: 'Conversation' }).waitFor();
    await page.reload();
    await page.locator('h2', { hasText: 'Conversation' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.close();

    // A browser that prefers Chinese starts in Chinese, before anyone signs in.
    const chinese = await env.browser.newPage({ locale: 'zh-CN' });
    await chinese.goto(`${base}/desk`);
    await chinese.locator('#sign-in h1', { hasText: '客服工作台' }).waitFor();
    expect(await chinese.getAttribute('html', 'lang')).toBe('zh-CN');
    await chinese.close();
  });

  it('shows leads the Dashboard and Alerts (loaded on demand), and signs out everywhere', async () => {
    const { base } = env;
    const { email } = await createAgent('Lead 组长', 'lead');
    const first = await desktop();
    await first.goto(`${base}/desk`);
    await signIn(first, email);
    await first.locator('#queue').waitFor();
    expect(await first.locator('#topbar nav a').allTextContents()).toEqual(['Queue', 'Dashboard', 'Alerts', 'Macros', 'Routing']);
    await first.click('#nav-alerts');
    await first.waitForURL(`${base}/desk/alerts`);
    await first.locator('.page-alerts h1').waitFor();
    await first.goBack();
    await first.locator('#queue').waitFor();

    const second = await desktop();
    await second.goto(`${base}/desk/dashboard`);
    await signIn(second, email);
    await second.locator('.page-dashboard h1').waitFor();
    await second.click('#me');
    await second.click('#sign-out-everywhere');
    await second.locator('#sign-in-error', { hasText: 'signed out on every browser' }).waitFor();
    // The other browser's session ended too: its next request shows the sign-in form.
    await first.reload();
    await first.locator('#sign-in').waitFor();
    await Promise.all([first.close(), second.close()]);
  });

  it("lets an admin change their own password (the first start's printed one), keeping this session", async () => {
    const { base } = env;
    const { email } = await createAgent('Admin 管理员', 'admin');
    const page = await desktop();
    await page.goto(`${base}/desk`);
    await signIn(page, email);
    await page.locator('#queue').waitFor();
    // Admins also get the operators' queue view, another page of the service on the same cookie.
    expect(await page.locator('#topbar nav a').allTextContents()).toEqual(['Queue', 'Dashboard', 'Alerts', 'Macros', 'Routing', 'Job queues']);
    await page.click('#nav-queues');
    await page.waitForURL(`${base}/admin/queues`);
    await page.locator('text=Ticketing queues').first().waitFor();
    await page.goBack();
    await page.locator('#queue').waitFor();
    await page.click('#me');
    await page.click('#change-password');
    await page.fill('#new-password', 'a brand new password');
    await page.fill('#new-password-again', 'a different one!!');
    await page.click('#password-dialog button[type=submit]');
    await page.locator('#password-error', { hasText: 'differ' }).waitFor();
    await page.fill('#new-password-again', 'a brand new password');
    await page.click('#password-dialog button[type=submit]');
    await page.locator('#flash', { hasText: 'Password changed' }).waitFor();
    await page.reload();
    await page.locator('#queue').waitFor(); // this session stays
    await page.click('#me');
    await page.click('#sign-out');
    await signIn(page, email, 'a brand new password');
    await page.locator('#queue').waitFor();
    await page.close();
  });

  it('says when an account is locked after wrong passwords, and for how long', async () => {
    const { base } = env;
    const { email } = await createAgent('Locked');
    const page = await env.phonePage();
    await page.goto(`${base}/desk`);
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, `wrong password ${i}`);
      await page.locator('#sign-in-error', { hasText: 'Wrong email or password' }).waitFor();
      await page.locator('#sign-in button[type=submit]:enabled').waitFor();
    }
    await signIn(page, email); // even the right password waits out the lock
    await page.locator('#sign-in-error', { hasText: /locked for now\. Try again in \d+ s/ }).waitFor();
    expect(await page.locator('#sign-in button[type=submit]').isDisabled()).toBe(true);
    await page.close();
  });

  it('keeps the first load under 200 KB of gzipped JavaScript, measured in the browser', async () => {
    const { base } = env;
    const { email } = await createAgent('Budget');
    const page = await env.browser.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (type.includes('javascript')) scripts.push(response.body().then((body) => gzipSync(body).length));
    });
    await page.goto(`${base}/desk`);
    await signIn(page, email);
    await page.locator('#queue[aria-busy=false]').waitFor();
    const sizes = await Promise.all(scripts);
    expect(sizes.length).toBeGreaterThan(10);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(total).toBeLessThan(200 * 1024);
    await page.close();
  });
});
