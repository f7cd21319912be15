import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Survey tokens are signed, not stored: `<surveyId>.<HMAC-SHA256(secret, surveyId)>` (256 bits of
 * MAC). A forged or altered token fails here, without touching the database, and the link can be
 * shown again to agents (the channel connector delivers it) without keeping it in plain text.
 */
export function signSurveyToken(secret: string, surveyId: string): string {
  return `${surveyId}.${createHmac('sha256', secret).update(surveyId).digest('base64url')}`;
}

/** The survey id of a genuine token, or null. */
export function verifySurveyToken(secret: string, token: string): string | null {
  if (token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const surveyId = token.slice(0, dot);
  if (!/^srv_[0-9a-z]+$/.test(surveyId)) return null;
  const expected = Buffer.from(signSurveyToken(secret, surveyId).slice(dot + 1));
  const given = Buffer.from(token.slice(dot + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? surveyId : null;
}
