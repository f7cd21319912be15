/**
 * What the audit log keeps of a User-Agent: its product tokens (`Mozilla/5.0`, `Chrome/131.0.0.0`,
 * `curl/8.5.0`, `ticketing-sdk/1.2`), enough to tell a browser from a script or an SDK. The
 * comments in parentheses go (they name the device and system: fingerprinting), and so does any
 * token that is not the plain `name/version` shape, which is where an email address, a phone
 * number, a person's name or a free-text label would hide. Pure.
 */
const PRODUCT = /^[A-Za-z][A-Za-z0-9._+-]{0,40}\/[A-Za-z0-9._+-]{1,30}$/;
const PERSONAL = /@|\d{6,}/;
const MAX_TOKENS = 6;

export function userAgentForAudit(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || header.length === 0) return null;
  const withoutComments = header.slice(0, 1_024).replace(/\([^)]*\)?/g, ' ');
  const tokens = withoutComments
    .split(/\s+/)
    .filter((token) => PRODUCT.test(token) && !PERSONAL.test(token))
    .slice(0, MAX_TOKENS);
  return tokens.length > 0 ? tokens.join(' ') : null;
}
