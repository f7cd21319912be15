import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError } from '../../openapi/sdk/src/index.ts';

/**
 * verifyWebhook against Standard Webhooks signatures made here, independently of the SDK's own
 * signer: HMAC-SHA256 over `id.timestamp.body` with the base64 key after `whsec_`.
 */
const key = randomBytes(24);
const secret = `whsec_${key.toString('base64')}`;
const id = 'msg_2Lh9KBNoXAbSw6NTJz5y';
const timestamp = 1_775_030_400; // 2026-04-01T08:00:00Z
const now = () => timestamp + 10;
const body = JSON.stringify({ type: 'ticket.created', data: { ticket: { id: 'tkt_1', subject: '发货' } } });
const sign = (content: string, withKey = key) => `v1,${createHmac('sha256', withKey).update(content).digest('base64')}`;
const headers = (signature: string, overrides: Record<string, string> = {}) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
  ...overrides,
});

describe('verifyWebhook', () => {
  it('accepts a payload signed as Standard Webhooks signs it, and returns it parsed', () => {
    const payload = verifyWebhook<{ type: string }>(secret, headers(sign(`${id}.${timestamp}.${body}`)), body, { now });
    expect(payload.type).toBe('ticket.created');
    // Headers objects, raw bytes and several signatures (a key rotation) work too.
    const rotated = `v1,${randomBytes(32).toString('base64')} ${sign(`${id}.${timestamp}.${body}`)}`;
    expect(verifyWebhook(secret, new Headers(headers(rotated)), Buffer.from(body), { now })).toEqual(JSON.parse(body));
    expect(signWebhook(secret, id, timestamp, body)).toBe(sign(`${id}.${timestamp}.${body}`));
  });

  it('refuses a changed body, another secret, another id, a stale or future timestamp, a missing header', () => {
    const good = sign(`${id}.${timestamp}.${body}`);
    const cases: [string, () => unknown][] = [
      ['changed body', () => verifyWebhook(secret, headers(good), body.replace('tkt_1', 'tkt_2'), { now })],
      ['other secret', () => verifyWebhook(`whsec_${randomBytes(24).toString('base64')}`, headers(good), body, { now })],
      ['other id', () => verifyWebhook(secret, headers(good, { 'webhook-id': 'msg_other' }), body, { now })],
      ['stale', () => verifyWebhook(secret, headers(good), body, { now: () => timestamp + 301 })],
      ['future', () => verifyWebhook(secret, headers(good), body, { now: () => timestamp - 301 })],
      ['v2 scheme', () => verifyWebhook(secret, headers(good.replace('v1,', 'v2,')), body, { now })],
      ['no signature', () => verifyWebhook(secret, { 'webhook-id': id, 'webhook-timestamp': String(timestamp) }, body, { now })],
      ['junk timestamp', () => verifyWebhook(secret, headers(good, { 'webhook-timestamp': 'yesterday' }), body, { now })],
    ];
    for (const [name, verify] of cases) expect(verify, name).toThrow(WebhookVerificationError);
  });
});
