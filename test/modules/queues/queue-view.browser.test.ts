import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withBrowser } from '../../support/browser.ts';

/**
 * An admin signed in to the helpdesk opens /admin/queues in a real browser: the board renders
 * every queue with no action buttons, and the page asks nothing of any other origin (its Google
 * Fonts link is blocked by the policy; any request off loopback would be recorded here and aborted).
 */
const env = withBrowser();
const PASSWORD = 'correct horse battery';

describe('the queue view in a browser', () => {
  it("shows an admin every queue, read-only, from this origin only", async () => {
    const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
    await env.h.http.post('/v1/agents').set(env.h.auth).send({ name: 'Admin', email, role: 'admin', password: PASSWORD }).expect(201);
    const page = await env.phonePage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const offOrigin: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(env.base)) return route.continue();
      offOrigin.push(url);
      return route.abort();
    });

    // Sign in as a person would, at /desk, then open the board in the same browser.
    await page.goto(`${env.base}/desk`);
    await page.getByLabel(/email|邮箱/i).fill(email);
    await page.getByLabel(/password|密码/i).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('input[type=password]').waitFor({ state: 'detached', timeout: 15_000 });
    await page.goto(`${env.base}/admin/queues`);
    await page.getByText('sla', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByText('webhooks', { exact: true }).first().waitFor();
    // One queue's jobs by state, as an operator looks at them.
    await page.getByText('sla', { exact: true }).first().click();
    await page.getByText(/^waiting$/i).first().waitFor({ timeout: 15_000 });

    expect(await page.getByRole('button', { name: /retry|clean|pause|empty|obliterate|add job|promote/i }).count()).toBe(0);
    await page.screenshot({ path: `${process.env.QUEUE_VIEW_SCREENSHOT ?? ''}` || undefined }).catch(() => undefined);
    expect(offOrigin).toEqual([]);
    await page.close();
  });
});
