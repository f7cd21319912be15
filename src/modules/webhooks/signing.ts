import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64 (the spec takes 24 to 64). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * The three Standard Webhooks headers of one attempt, signed with the `standardwebhooks`
 * library itself: `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per secret, separated by a
 * space (after a rotation: the new secret's and the old one's, so receivers verify with either).
 */
export function signedHeaders(secrets: readonly string[], webhookId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body)).join(' '),
  };
}
