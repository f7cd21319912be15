import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withBrowser } from '../support/browser.ts';
import { inquiry } from '../support/factories.ts';

/**
 * What the desk shows of routing, macros, suggested answers, agent status and published outcomes,
 * in real headless Chromium: an agent sets themselves away and back (a lead sees it in the assignee
 * menu, with a load cap); a macro is previewed and applied to a ticket; a question shows the solved
 * one that asked the same, and using it is recorded; a routed complaint tells its routing in words;
 * a lead publishes an outcome (a refused note shows the server's message); the routing page's dry
 * run; the macros page creates, edits and deletes. Screenshots in English and Chinese go to
 * test/artifacts/ (gitignored).
 */
// The worker role: its relay indexes solved tickets for suggestions and feeds the live stream.
const env = withBrowser({ worker: true });
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const PASSWORD = 'a long enough password';
const CRISIS_RULE = 'Complaints with legal, media or safety signals: urgent, to the leads';

async function createAgent(name: string, role: 'agent' | 'lead' | 'admin' = 'agent', extra: Record<string, unknown> = {}) {
  const email = `assist-${randomBytes(4).toString('hex')}@example.com`;
  const agent = (await env.h.http.post('/v1/agents').set(env.h.auth).send({ name, email, role, password: PASSWORD, ...extra }).expect(201)).body;
  return { agent, email };
}

/** Anything that went wrong in the page; `expected` leaves out answers the test provokes (a refused note). */
function watch(page: Page) {
  const trouble: string[] = [];
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()}: ${response.url()}`);
  });
  // The only 4xx the desk asks for on purpose: "is there a session?" and "is an outcome published?" (404: not yet).
  return (expected: RegExp[] = []) => trouble.filter((t) => !/\/v1\/sessions\/current|\/outcome\b/.test(t) && !expected.some((re) => re.test(t)));
}

async function signedIn(email: string, locale: 'en-GB' | 'zh-CN' = 'en-GB', path = '/desk') {
  const context = await env.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const trouble = watch(page);
  await page.goto(`${env.base}${path}`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in button[type=submit]');
  await page.locator('#topbar:not([hidden])').waitFor();
  return { page, trouble, close: () => context.close() };
}

async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // From the top: a full-page shot of a scrolled page draws the sticky top bar mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  return page.screenshot({ path: new URL(name, ARTIFACTS).pathname, fullPage: true });
}

const customer = (name = '张小明') => ({ externalId: `wb-user-${randomBytes(4).toString('hex')}`, name, handle: `@u_${randomBytes(3).toString('hex')}` });

async function postInquiry(body: string, extra: Record<string, unknown> = {}) {
  return (await env.h.http.post('/v1/inquiries').set(env.h.auth).send(inquiry({ body, customer: customer(), ...extra })).expect(201)).body.ticket as { id: string; number: number; type: string | null };
}

describe('the desk shows routing, macros, suggestions, status and outcomes', () => {
  it('lets an agent set themselves away and back; a lead sees away and at cap in the assignee menu', async () => {
    const { h } = env;
    const { agent, email } = await createAgent('周杰');
    const { agent: capped } = await createAgent('林青', 'agent', {});
    await h.http.patch(`/v1/agents/${capped.id}`).set(h.auth).send({ loadCap: 1 }).expect(200);
    const held = await postInquiry('我的订单三天了还没发货，请帮忙查一下');
    await h.http.patch(`/v1/tickets/${held.id}`).set(h.auth).send({ assigneeId: capped.id }).expect(200);

    const { page, trouble, close } = await signedIn(email);
    await page.locator('#my-status[data-status=available]').waitFor();
    expect(await page.locator('#my-status').innerText()).toContain('Available');
    await page.click('#me');
    await page.check('#status-away');
    await page.locator('#flash', { hasText: 'You are away' }).waitFor();
    await page.locator('#my-status[data-status=away]', { hasText: 'Away' }).waitFor();
    expect((await h.http.get(`/v1/agents/${agent.id}`).set(h.auth).expect(200)).body.status).toBe('away');

    // A lead, on some ticket: the assignee menu says who routing skips, and why.
    const lead = await createAgent('组长 陈', 'lead');
    const leadPage = await signedIn(lead.email, 'en-GB', `/desk/tickets/${held.id}`);
    await leadPage.page.locator('#ticket-assigneeId').waitFor();
    const options = await leadPage.page.locator('#ticket-assigneeId option').allTextContents();
    expect(options).toContain('周杰 (Away)');
    expect(options).toContain('林青 (at cap 1/1)');
    await leadPage.close();

    // And back: a reload keeps it (it is the server's).
    await page.reload();
    await page.locator('#my-status[data-status=away]').waitFor();
    await page.click('#me');
    await page.check('#status-available');
    await page.locator('#my-status[data-status=available]').waitFor();
    expect((await h.http.get(`/v1/agents/${agent.id}`).set(h.auth).expect(200)).body.status).toBe('available');
    expect(trouble()).toEqual([]);
    await close();
  });

  it('previews a macro with its placeholders filled and applies it in one click: reply, status and tags change', async () => {
    const { h } = env;
    const { agent, email } = await createAgent('王芳');
    const name = `物流催单 ${randomBytes(2).toString('hex')}`;
    const macro = (
      await h.http
        .post('/v1/macros')
        .set(h.auth)
        .send({ name, reply: { 'zh-Hans': '您好 {{customer.name}}，工单 #{{ticket.number}} 已催促仓库，今天发出。—— {{agent.name}}', en: 'Hello {{customer.name}}, we chased the warehouse.' }, status: 'pending', addTags: ['logistics'] })
        .expect(201)
    ).body;
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '我的订单三天了还没发货，请帮忙查一下', customer: customer('李娜') })).expect(201)).body;

    const { page, trouble, close } = await signedIn(email, 'en-GB', `/desk/tickets/${ticket.id}`);
    await page.locator('#customer-name', { hasText: '李娜' }).waitFor();
    await page.click('#macros-button');
    await page.locator('#macro-select').waitFor();
    await page.selectOption('#macro-select', macro.id);
    const preview = page.locator('#macro-preview-reply');
    await preview.waitFor();
    expect(await preview.innerText()).toBe(`您好 李娜，工单 #${ticket.number} 已催促仓库，今天发出。—— 王芳`);
    expect(await page.locator('#macro-preview-actions').innerText()).toMatch(/sets Status to Pending[\s\S]*adds the tags logistics/);
    await screenshot(page, 'assist-ticket-macro.png');
    await page.click('#apply-macro');
    await page.locator('#flash', { hasText: `Macro “${name}” applied` }).waitFor();
    await page.locator('#conversation .message.author-agent', { hasText: '已催促仓库' }).waitFor();
    expect(await page.inputValue('#ticket-status')).toBe('pending');
    expect(await page.inputValue('#ticket-tags')).toContain('logistics');
    await page.locator('#timeline', { hasText: `王芳 (you) applied the macro “${name}”` }).waitFor();
    // Once: the ticket has one reply from the macro.
    const messages = (await h.http.get(`/v1/tickets/${ticket.id}/messages`).set(h.auth)).body.data as { author: string; agentId: string | null }[];
    expect(messages.filter((m) => m.author === 'agent')).toEqual([expect.objectContaining({ agentId: agent.id })]);
    expect(trouble()).toEqual([]);
    await close();
  });

  it('suggests the solved question that asked the same; Use puts its reply in the box and records the use', async () => {
    const { h } = env;
    const { email } = await createAgent('赵敏');
    const reply = '您好，积分可在 App「我的 - 积分商城」里兑换优惠券，100 积分抵 1 元。';
    const solved = await postInquiry('请问会员积分怎么兑换优惠券？');
    await h.http.patch(`/v1/tickets/${solved.id}`).set(h.auth).send({ type: 'question' }).expect(200);
    await h.http.post(`/v1/tickets/${solved.id}/messages`).set(h.auth).send({ author: 'agent', body: reply }).expect(201);
    await h.http.patch(`/v1/tickets/${solved.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    // The worker's relay indexes the solved ticket: wait until a probe question finds it.
    const probe = await postInquiry('会员积分如何兑换优惠券');
    await h.http.patch(`/v1/tickets/${probe.id}`).set(h.auth).send({ type: 'question' }).expect(200);
    await expect
      .poll(async () => ((await h.http.get(`/v1/tickets/${probe.id}/suggestions`).set(h.auth)).body.data as { answer?: { ticketId: string } }[]).some((s) => s.answer?.ticketId === solved.id), { timeout: 10_000 })
      .toBe(true);

    const asking = await postInquiry('你好，会员积分可以兑换优惠券吗？怎么兑换？');
    await h.http.patch(`/v1/tickets/${asking.id}`).set(h.auth).send({ type: 'question' }).expect(200);
    const { page, trouble, close } = await signedIn(email, 'en-GB', `/desk/tickets/${asking.id}`);
    const item = page.locator(`#suggestions li[data-kind=answer][data-suggestion-id="${solved.id}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain(`#${solved.number}`);
    expect(await item.locator('.suggestion-reply').innerText()).toBe(reply);
    await page.click('#macros-button');
    await page.locator('#macro-panel h2').waitFor();
    await screenshot(page, 'assist-ticket-suggestions.png');
    await page.click('#macros-button');
    await item.locator('button.use-suggestion').click();
    expect(await page.inputValue('#reply-body')).toBe(reply);
    expect(await page.evaluate('document.activeElement?.id')).toBe('reply-body');
    await item.locator('button.use-suggestion', { hasText: 'Used' }).waitFor();
    // Recorded: the report counts one use of an answer at rank 1 (nothing else here was used).
    await expect
      .poll(async () => ((await h.http.get('/v1/reports/suggestions').set(h.auth).expect(200)).body.byKind as { kind: string; used: number }[]).find((k) => k.kind === 'answer')?.used ?? 0)
      .toBeGreaterThanOrEqual(1);

    // The same screen in Chinese.
    await page.selectOption('#locale', 'zh-CN');
    await page.locator('h2', { hasText: '推荐答案' }).waitFor();
    await page.click('#macros-button');
    await page.locator('#macro-panel h2', { hasText: '适用于此工单的快捷回复' }).waitFor();
    await screenshot(page, 'assist-ticket-suggestions-zh.png');
    await page.selectOption('#locale', 'en');
    expect(trouble()).toEqual([]);
    await close();
  });

  it('tells a routed complaint’s routing in words, in English and Chinese, and badges the review queue', async () => {
    const { h } = env;
    const lead = await createAgent('组长 吴', 'lead');
    const complaint = await postInquiry('你们的产品把我孩子烫伤了，再不处理我就找律师起诉你们！');
    const after = (await h.http.get(`/v1/tickets/${complaint.id}`).set(h.auth).expect(200)).body;
    expect(after).toMatchObject({ priority: 'urgent', teamId: 'team_leads' });

    const { page, trouble, close } = await signedIn(lead.email, 'en-GB', `/desk/tickets/${complaint.id}`);
    await page.locator('#timeline [data-event-type="ticket.routed"]', { hasText: `Routed by rule “${CRISIS_RULE}”: priority Urgent; team Leads.` }).waitFor();
    await page.selectOption('#locale', 'zh-CN');
    await page.locator('#timeline [data-event-type="ticket.routed"]', { hasText: `按规则“${CRISIS_RULE}”分派：优先级 紧急；团队 Leads。` }).waitFor();
    await page.selectOption('#locale', 'en');

    // The review queue is a tag: shown as a badge in words, in the ticket and in the queue.
    await h.http.patch(`/v1/tickets/${complaint.id}`).set(h.auth).send({ tags: ['needs-review'] }).expect(200);
    await page.locator('#review-tag', { hasText: 'In review' }).waitFor({ timeout: 5_000 });
    await page.goto(`${env.base}/desk?q=${encodeURIComponent('律师')}`);
    await page.locator(`a.row[data-ticket-id="${complaint.id}"] .review-tag`, { hasText: 'In review' }).waitFor();
    expect(trouble()).toEqual([]);
    await close();
  });

  it('lets a lead publish an outcome (a note with personal data is refused with the server’s words) and withdraw it', async () => {
    const { h } = env;
    const lead = await createAgent('组长 郑', 'lead');
    const suggestion = await postInquiry('建议App增加夜间模式，晚上看太刺眼了');
    await h.http.patch(`/v1/tickets/${suggestion.id}`).set(h.auth).send({ type: 'suggestion' }).expect(200);
    const { page, trouble, close } = await signedIn(lead.email, 'en-GB', `/desk/tickets/${suggestion.id}`);
    await page.locator('#outcome-none').waitFor();
    expect(await page.locator('#outcome-rules').innerText()).toContain('No names, e-mail addresses, links, phone or order numbers');

    await page.fill('#outcome-note-input', '已上线夜间模式，详情请致电 13800138000');
    await page.click('#outcome-publish');
    await page.locator('#outcome-error', { hasText: 'must not carry personal data' }).waitFor();
    expect(await page.getAttribute('#outcome-note-input', 'aria-invalid')).toBe('true');

    const note = `App 3.2 已上线夜间模式 ${randomBytes(2).toString('hex')}`;
    await page.fill('#outcome-note-input', note);
    await page.fill('#outcome-topic', '夜间模式');
    await page.click('#outcome-publish');
    await page.locator('#outcome-note', { hasText: note }).waitFor();
    await page.locator('#timeline [data-event-type="outcome.published"]', { hasText: `published the outcome: “${note}”` }).waitFor();
    const feed = (await h.http.get('/v1/public/outcomes?type=suggestion').expect(200)).body.data as { note: string; topic: string | null }[];
    expect(feed).toContainEqual(expect.objectContaining({ note, topic: '夜间模式' }));
    await screenshot(page, 'assist-ticket-outcome.png');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#outcome-withdraw');
    await page.locator('#outcome-none').waitFor();
    await page.locator('#timeline [data-event-type="outcome.withdrawn"]', { hasText: 'withdrew the published outcome' }).waitFor();
    expect(((await h.http.get('/v1/public/outcomes?type=suggestion').expect(200)).body.data as { note: string }[]).map((o) => o.note)).not.toContain(note);
    expect(trouble([/422.*\/outcome\b/])).toEqual([]);
    await close();
  });

  it('shows leads the routing rules in words and runs an inquiry through them (dry run), in English and Chinese', async () => {
    const lead = await createAgent('组长 孙', 'lead');
    const { page, trouble, close } = await signedIn(lead.email);
    await page.locator('#queue').waitFor();
    expect(await page.locator('#topbar nav a').allTextContents()).toEqual(['Queue', 'Dashboard', 'Alerts', 'Macros', 'Routing']);
    await page.click('#nav-routing');
    await page.waitForURL(`${env.base}/desk/routing`);
    const crisis = page.locator('#rule-list li[data-rule-id="rtr_default_crisis"]');
    await crisis.waitFor();
    expect(await crisis.locator('.rule-conditions').innerText()).toMatch(/type is Complaint[\s\S]*the model found Legal threat or /);
    expect(await crisis.locator('.rule-actions').innerText()).toMatch(/priority Urgent[\s\S]*team Leads/);

    await page.click('#dry-run-submit');
    await page.locator('#dry-run-error', { hasText: 'Paste the message first' }).waitFor();
    await page.fill('#dry-body', '快递把东西摔坏了，不赔偿我就找律师起诉你们');
    await page.click('#dry-run-submit');
    await page.locator('#dry-classification', { hasText: 'Classified as Complaint' }).waitFor();
    const matched = page.locator('#dry-rules li[data-rule-id="rtr_default_crisis"]');
    expect(await matched.getAttribute('data-matched')).toBe('true');
    expect(await matched.innerText()).toMatch(/✓ Matches[\s\S]*✓ type is Complaint \(type complaint in \[complaint\]\)[\s\S]*✓ the model found Legal threat or [^\n]*\(signal legal_threat\)[\s\S]*priority Urgent — applied/);
    expect(await page.locator('#dry-priority-result').innerText()).toBe('Urgent');
    await screenshot(page, 'assist-routing.png');

    // A reload keeps the page (a deep link); in Chinese.
    await page.selectOption('#locale', 'zh-CN');
    await page.reload();
    await page.locator('#routing-title', { hasText: '分派规则' }).waitFor();
    await crisis.locator('.rule-conditions', { hasText: '类型为投诉' }).waitFor();
    await page.fill('#dry-body', '快递把东西摔坏了，不赔偿我就找律师起诉你们');
    await page.click('#dry-run-submit');
    await page.locator('#dry-classification', { hasText: '分类为投诉' }).waitFor();
    await page.locator('#dry-rules li[data-rule-id="rtr_default_crisis"]', { hasText: '✓ 模型识别出法律威胁' }).waitFor();
    await screenshot(page, 'assist-routing-zh.png');
    expect(trouble()).toEqual([]);
    await close();

    // Not for agents: no nav entry, and the page says so.
    const { email } = await createAgent('Agent 小刘');
    const agentPage = await signedIn(email, 'en-GB', '/desk/routing');
    await agentPage.page.locator('h1', { hasText: 'Not for your role' }).waitFor();
    expect(await agentPage.page.locator('#topbar nav a').allTextContents()).toEqual(['Queue']);
    await agentPage.close();
  }, 60_000);

  it('lets a lead create, edit and delete a macro on the macros page (placeholders help; an unknown one is refused)', async () => {
    const { h } = env;
    const lead = await createAgent('组长 钱', 'lead');
    const { page, trouble, close } = await signedIn(lead.email, 'en-GB', '/desk/macros');
    await page.locator('#macros-title').waitFor();
    await page.locator('#macro-list[aria-busy=false]').waitFor();
    await page.click('#macro-new');
    const name = `退款进度 ${randomBytes(2).toString('hex')}`;
    await page.fill('#macro-name', name);
    await page.check('#macro-type-complaint');
    await page.fill('#macro-reply-zh-Hans', '您好 ');
    await page.click('button[data-placeholder="customer.name"]');
    await page.keyboard.type('，退款已提交 {{order.id}}。');
    await page.selectOption('#macro-status', 'pending');
    await page.fill('#macro-add-tags', 'refund, 退款');
    await page.click('#macro-save');
    await page.locator('#macro-errors', { hasText: 'order.id' }).waitFor();
    await screenshot(page, 'assist-macros-form.png');

    await page.fill('#macro-reply-zh-Hans', '您好 {{customer.name}}，退款已提交，1–3 个工作日到账。');
    await page.fill('#macro-reply-en', 'Hello {{customer.name}}, your refund is on its way (1–3 working days).');
    await page.click('#macro-save');
    const row = page.locator('#macro-list tr', { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Complaint[\s\S]*退款已提交[\s\S]*status → Pending; adds refund, 退款/);
    const saved = ((await h.http.get('/v1/macros?limit=100').set(h.auth).expect(200)).body.data as { id: string; name: string; reply: Record<string, string> }[]).find((m) => m.name === name)!;
    expect(saved.reply).toEqual({ 'zh-Hans': '您好 {{customer.name}}，退款已提交，1–3 个工作日到账。', en: 'Hello {{customer.name}}, your refund is on its way (1–3 working days).' });
    await screenshot(page, 'assist-macros.png');

    await row.locator('button[data-action=edit]').click();
    await page.fill('#macro-name', `${name} v2`);
    await page.uncheck('#macro-active');
    await page.click('#macro-save');
    await page.locator('#macro-list tr', { hasText: `${name} v2` }).waitFor();
    expect((await h.http.get(`/v1/macros/${saved.id}`).set(h.auth).expect(200)).body).toMatchObject({ name: `${name} v2`, active: false });

    await page.selectOption('#locale', 'zh-CN');
    await page.locator('#macros-title', { hasText: '快捷回复' }).waitFor();
    await page.locator('#macro-list[aria-busy=false]').waitFor();
    await page.locator('#macro-list tr', { hasText: `${name} v2` }).locator('button[data-action=edit]').click();
    await page.locator('#macro-form-title', { hasText: '编辑' }).waitFor();
    await screenshot(page, 'assist-macros-zh.png');
    await page.selectOption('#locale', 'en');
    await page.locator('#macro-list[aria-busy=false]').waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('#macro-list tr', { hasText: `${name} v2` }).locator('button[data-action=delete]').click();
    await page.locator('#flash', { hasText: 'deleted' }).waitFor();
    await expect.poll(() => page.locator('#macro-list tr', { hasText: `${name} v2` }).count()).toBe(0);
    await h.http.get(`/v1/macros/${saved.id}`).set(h.auth).expect(404);
    expect(trouble([/400.*\/v1\/macros\b/])).toEqual([]);
    await close();
  }, 60_000);
});
