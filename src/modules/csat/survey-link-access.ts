import { AppError } from '../../http/problem.ts';
import { readSessionCookie } from '../auth/sessions.cookie.ts';
import { hasScope } from '../auth/scopes.ts';

/**
 * A survey's link (its token) is the customer's key to rate the agent who served them, so the
 * agents being rated never see it: only what delivers surveys does (`surveys:deliver`, which
 * `admin` implies). Everyone else who reads tickets sees status, rating and comment.
 */
export const canSeeSurveyLinks = (principal: { scopes: readonly string[] } | null) => !!principal && hasScope(principal.scopes, 'surveys:deliver');

/** `csat.requested` as the timeline shows it to those who may not see the link: everything else. */
export function withoutSurveyLink(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type !== 'csat.requested') return data;
  const { token: _token, url: _url, ...rest } = data;
  return rest;
}

/**
 * An answer that comes with a helpdesk session or an API key is staff, not the customer (a link
 * that reached an agent anyway, say quoted in a reply, still cannot be used from the helpdesk).
 */
export function comesWithStaffCredentials(headers: { authorization?: string | undefined; cookie?: string | undefined }): boolean {
  return headers.authorization !== undefined || readSessionCookie(headers.cookie) !== undefined;
}

export const notFromCustomer = () =>
  new AppError({
    status: 403,
    code: 'surveys.not_from_customer',
    title: 'Forbidden',
    detail: 'Surveys are answered by customers: send the answer without a helpdesk session or an API key',
  });
