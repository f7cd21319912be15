import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createFixedClock } from '../../src/shared/clock.ts';
import { insertAlert } from '../support/alerts.ts';
import { withBrowser } from '../support/browser.ts';
import { inquiry } from '../support/factories.ts';

/**
 * The Dashboard and Alerts pages in real headless Chromium: a lead signs in, the dashboard draws
 * its charts from reports over a week of tickets made through the API (every type, several
 * channels, replies, solves, rated surveys), in English and in Chinese; the alerts page lists a
 * crisis alert with its evidence and actions, and the lead acknowledges and resolves it.
 * Screenshots go to test/artifacts/ (gitignored) for a person to look at.
 */
const HOUR = 3_600_000;
const start = Date.now() - 6 * 24 * HOUR;
const clock = createFixedClock(new Date(start).toISOString());
const env = withBrowser({ clock });
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const PASSWORD = 'a long enough password';

const TYPES = ['complaint', 'question', 'suggestion'] as const;
const CHANNELS = ['weibo', 'wechat', 'email', 'douyin'] as const;
const BODIES = { complaint: '手环充电坏了，太失望了，要求退货', question: '请问会员积分怎么兑换？', suggestion: '建议App增加夜间模式' };
const TICKETS = 30;

let lead: { id: string; name: string; email: string };
let alertId: string;

/** Where a page of the desk is opened: one place, so the shell's real paths (/desk/dashboard) change only this. */
async function openDeskPage(page: Page, name: 'dashboard' | 'alerts') {
  await page.goto(`${env.base}/desk/${name}`);
}

async function signedInPage(locale: 'en-US' | 'zh-CN', viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; trouble: string[] }> {
  const context = await env.browser.newContext({ locale, viewport, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const trouble: string[] = [];
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.includes('/v1/sessions/current')) trouble.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/v1/sessions/current')) trouble.push(`${response.status()}: ${response.url()}`);
  });
  await page.goto(`${env.base}/desk`);
  await page.fill('#email', lead.email);
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in button[type=submit]');
  await page.locator('#queue').waitFor();
  return { context, page, trouble };
}

const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { h } = env;
  const email = `lead-${randomBytes(4).toString('hex')}@example.com`;
  lead = { ...(await h.http.post('/v1/agents').set(h.auth).send({ name: '陈静', email, role: 'lead', password: PASSWORD }).expect(201)).body, email };
  const agent = (await h.http.post('/v1/agents').set(h.auth).send({ name: 'Wang Fang', email: `agent-${randomBytes(4).toString('hex')}@example.com`, role: 'agent', password: PASSWORD }).expect(201)).body;

  // Thirty tickets over six days, one every ~4.8 hours: each type, four channels; most answered and
  // solved, their surveys sent an hour later and rated.
  const step = (6 * 24 * HOUR - 4 * HOUR) / TICKETS;
  for (let i = 0; i < TICKETS; i++) {
    const at = start + i * step;
    const type = TYPES[i % TYPES.length]!;
    clock.set(new Date(at).toISOString());
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: CHANNELS[i % CHANNELS.length]!, body: BODIES[type] })).expect(201)).body;
    const assignee = i % 2 ? agent.id : lead.id;
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ type, assigneeId: assignee }).expect(200);
    if (i % 5 === 4) continue; // still waiting for an answer
    clock.set(new Date(at + (10 + (i % 7) * 20) * 60_000).toISOString());
    await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'public', body: '您好，已为您处理。', agentId: assignee }).expect(201);
    if (i % 5 === 3) continue; // answered, not solved yet
    clock.set(new Date(at + (2 + (i % 3)) * HOUR).toISOString());
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.drainEvents(); // the survey follows the solve through the relay
    clock.set(new Date(at + (3 + (i % 3)) * HOUR + 60_000).toISOString());
    for (const due of await h.container.csat.dueSurveys(clock.now())) await h.container.csat.issue(due.id);
    const survey = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth).expect(200)).body;
    await h.http.post(`/v1/surveys/${survey.token}`).send({ rating: [5, 4, 2, 5, 3][i % 5] }).expect(200);
  }
  clock.set(new Date().toISOString());
  await h.drainEvents(); // reports read the facts the relay keeps
  alertId = await insertAlert(h, { subject: '小米手环8 充电', level: 'II', raisedAt: new Date(Date.now() - 20 * 60_000) });
}, 120_000);

describe('the dashboard', () => {
  it('draws volume, SLA, CSAT and response-time charts with their tables, the agents, hotspots and the open alert, in English', async () => {
    const { context, page, trouble } = await signedInPage('en-US');
    expect(await page.locator('#nav-dashboard').isVisible()).toBe(true);
    await openDeskPage(page, 'dashboard');
    await page.locator('#dash-status', { hasText: 'Reports for' }).waitFor();

    for (const id of ['chart-volumeByType', 'chart-volumeByChannel', 'chart-sla', 'chart-csat', 'chart-times']) {
      await page.locator(`#${id} .chart canvas`).waitFor();
      const box = await page.locator(`#${id} .chart canvas`).boundingBox();
      expect(box!.width, id).toBeGreaterThan(200);
      expect(await page.locator(`#${id} .chart`).getAttribute('aria-label'), id).toMatch(/\d/);
    }
    // Series by name (the legend is text), and the same numbers as a table.
    expect(await page.locator('#chart-volumeByType .u-legend').innerText()).toMatch(/complaint[\s\S]*question|question[\s\S]*complaint/i);
    expect(await page.locator('#chart-volumeByChannel .u-legend').innerText()).toContain('WeChat');
    const typeRows = page.locator('#chart-volumeByType .chart-table tbody tr');
    expect(await typeRows.count()).toBeGreaterThanOrEqual(7);
    const sums = await typeRows.evaluateAll((rows) =>
      rows.reduce((sum, row) => sum + [...row.querySelectorAll('td')].reduce((s, td) => s + Number(td.textContent) || s, 0), 0),
    );
    expect(sums).toBe(TICKETS);
    expect(await page.locator('[data-kpi="created"] .kpi-value').innerText()).toBe(String(TICKETS));
    expect(await page.locator('[data-kpi="csat"] .kpi-value').innerText()).toMatch(/%$/);
    expect(await page.locator('#chart-sla .u-legend').innerText()).toContain('First response');

    // The per-agent table names both agents; the alert shows its level in words.
    const agents = await page.locator('#dash-agents').innerText();
    expect(agents).toContain('陈静');
    expect(agents).toContain('Wang Fang');
    expect(await page.locator(`#dash-alerts [data-alert-id="${alertId}"]`).innerText()).toContain('Level II · severe');
    expect(await page.locator('#dash-hotspots').innerText()).toContain('Complaints');
    await shot(page, 'dashboard-en');

    // Another period and zone: the reports are asked again, in that zone.
    await page.selectOption('#dash-zone', 'UTC');
    await page.locator('#dash-status', { hasText: '(UTC)' }).waitFor();
    await page.selectOption('#dash-preset', 'today');
    await page.locator('#dash-status', { hasText: 'per hour' }).waitFor();
    await page.selectOption('#dash-preset', 'custom');
    await page.fill('#dash-from', new Date(start).toISOString().slice(0, 10));
    await page.click('#dash-period button[type=submit]');
    await page.locator('#dash-status', { hasText: 'per day' }).waitFor();
    expect(await page.locator('[data-kpi="created"] .kpi-value').innerText()).toBe(String(TICKETS));
    await page.selectOption('#dash-preset', '7d');
    await page.locator('#dash-status', { hasText: 'per day' }).waitFor();

    // Leaving the page ends its charts; coming back draws them again.
    await page.click('.brand');
    await page.locator('#queue').waitFor();
    await page.click('#nav-dashboard');
    await page.locator('#chart-volumeByType .chart canvas').waitFor();
    expect(await page.locator('.uplot').count()).toBe(5);
    expect(trouble).toEqual([]);
    await context.close();
  });

  it('reads in Chinese: words, numbers and dates in zh-CN', async () => {
    const { context, page, trouble } = await signedInPage('zh-CN');
    await openDeskPage(page, 'dashboard');
    await page.locator('#dash-status', { hasText: '的报表' }).waitFor();
    await page.locator('#chart-volumeByType .chart canvas').waitFor();
    expect(await page.locator('.dashboard h1').innerText()).toBe('数据看板');
    expect(await page.locator('#chart-volumeByType .u-legend').innerText()).toContain('投诉');
    expect(await page.locator('#chart-volumeByChannel .u-legend').innerText()).toContain('微信');
    expect(await page.locator('#chart-volumeByType .chart-table tbody tr th').first().textContent()).toMatch(/\d+月\d+日/);
    expect(await page.locator(`#dash-alerts [data-alert-id="${alertId}"]`).innerText()).toContain('II级 · 严重');
    await shot(page, 'dashboard-zh-CN');
    expect(trouble).toEqual([]);
    await context.close();
  });
});

describe('the alerts page', () => {
  it('lists the alert with its level, shows evidence and actions, and acknowledges then resolves it with notes', async () => {
    const { h } = env;
    const { context, page, trouble } = await signedInPage('en-US');
    await openDeskPage(page, 'alerts');
    const item = page.locator(`#alert-list [data-alert-id="${alertId}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain('Level II · severe');
    expect(await item.innerText()).toContain('Open');
    await item.locator('button').click();
    const card = page.locator(`#alert-detail article[data-alert-id="${alertId}"]`);
    await card.waitFor();
    expect(await page.locator('#alert-title:focus').count()).toBe(1); // focus follows the opened alert
    expect(await card.locator('.evidence').innerText()).toContain('25');
    expect(await card.locator('table', { hasText: 'By channel' }).innerText()).toContain('Weibo');
    expect(await card.locator('.alert-actions li').count()).toBeGreaterThan(0);
    await shot(page, 'alerts-en');

    await page.fill('#alert-note', 'Checked the batch with the warehouse');
    await page.click('#alert-acknowledge');
    await page.locator('#alert-detail .alert-message', { hasText: 'Alert acknowledged.' }).waitFor();
    expect(await page.locator('#alert-status').innerText()).toBe('Acknowledged');
    expect(await item.innerText()).toContain('Acknowledged');
    expect(await page.locator('#alert-acknowledge').count()).toBe(0);

    await page.fill('#alert-note', 'Replacement chargers sent');
    await page.click('#alert-resolve');
    await page.locator('#alert-detail .alert-message', { hasText: 'Alert resolved.' }).waitFor();
    expect(await page.locator('#alert-status').innerText()).toBe('Resolved');
    expect(await card.locator('.alert-history').innerText()).toContain('Replacement chargers sent');

    const alert = (await h.http.get(`/v1/alerts/${alertId}`).set(h.auth).expect(200)).body;
    expect(alert).toMatchObject({ status: 'resolved', resolution: 'manual', acknowledgedBy: { type: 'agent', id: lead.id }, resolvedBy: { type: 'agent', id: lead.id } });
    expect(alert.history.map((c: { change: string; note: string | null }) => [c.change, c.note])).toEqual([
      ['raised', null],
      ['acknowledged', 'Checked the batch with the warehouse'],
      ['resolved', 'Replacement chargers sent'],
    ]);
    // Resolved alerts leave the default list and show under "Resolved".
    await page.click('#alert-refresh');
    await page.locator('#alert-count', { hasText: 'Alerts shown: 0' }).waitFor();
    await page.selectOption('#alert-filter', 'resolved');
    await item.waitFor();
    expect(trouble).toEqual([]);
    await context.close();
  });

  it('gives each alert its own address: the dashboard links it, the address follows the alert opened, a reload opens it again', async () => {
    const { h } = env;
    const linked = await insertAlert(h, { subject: '奶粉批次 过敏', level: 'I', raisedAt: new Date(Date.now() - 2 * 60_000) });
    const { context, page, trouble } = await signedInPage('en-US');
    await openDeskPage(page, 'dashboard');
    await page.click(`#dash-alerts [data-alert-id="${linked}"] a.alert-subject`);
    await page.waitForURL(`${env.base}/desk/alerts/${linked}`);
    await page.locator(`#alert-detail article[data-alert-id="${linked}"]`).waitFor();
    expect(await page.locator('#alert-title:focus').count()).toBe(1);
    expect(await page.locator(`#alert-list [data-alert-id="${linked}"] button[aria-current="true"]`).count()).toBe(1);

    // Opening another one from the list puts it in the address bar; a reload opens that one.
    await page.selectOption('#alert-filter', 'all'); // the first alert may be resolved by now
    await page.locator(`#alert-list [data-alert-id="${alertId}"] button`).click();
    await page.waitForURL(`${env.base}/desk/alerts/${alertId}`);
    await page.reload();
    await page.locator(`#alert-detail article[data-alert-id="${alertId}"]`).waitFor();
    expect(trouble).toEqual([]);

    // An id that names no alert says so in the detail, in a page that still works.
    await page.goto(`${env.base}/desk/alerts/alr_unknown`);
    await page.locator('#alert-detail .error').waitFor();
    await page.locator(`#alert-list [data-alert-id="${linked}"]`).waitFor();
    await context.close();
  });

  it('reads in Chinese, and a stale version is refused with the latest shown', async () => {
    const { h } = env;
    const second = await insertAlert(h, { subject: '快递延误', level: 'III', raisedAt: new Date(Date.now() - 5 * 60_000) });
    const { context, page, trouble } = await signedInPage('zh-CN', { width: 390, height: 844 });
    await openDeskPage(page, 'alerts');
    const item = page.locator(`#alert-list [data-alert-id="${second}"]`);
    await item.waitFor();
    expect(await page.locator('.alerts-page h1').innerText()).toBe('危机预警');
    expect(await item.innerText()).toContain('III级 · 较重');
    await item.locator('button').click();
    await page.locator('#alert-detail .alert-actions li').first().waitFor();
    await shot(page, 'alerts-zh-CN');

    // Someone else acknowledges it meanwhile: the page's If-Match is stale.
    await h.http.patch(`/v1/alerts/${second}`).set(h.auth).send({ status: 'acknowledged', note: '已知' }).expect(200);
    await page.click('#alert-acknowledge');
    await page.locator('#alert-detail .alert-message', { hasText: '其他人已修改此预警' }).waitFor();
    expect(await page.locator('#alert-status').innerText()).toBe('已确认');
    expect(trouble.filter((t) => !t.includes('412'))).toEqual([]); // the refused PATCH itself is expected
    await context.close();
  });
});
