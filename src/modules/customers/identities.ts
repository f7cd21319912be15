/**
 * How a customer is recognised across channels. Pure: turns what a channel tells us about the
 * sender into identity keys, strongest first (the channel's own user id beats an email, which
 * beats a phone, which beats a display handle that people can change).
 */
export interface CustomerContact {
  externalId?: string | null | undefined;
  handle?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
}

export interface IdentityKey {
  kind: 'external_id' | 'handle' | 'email' | 'phone';
  channel: string;
  value: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Full-width digits and `＋` (what Chinese keyboards type) become ASCII; other characters stay as typed. */
const asciiForm = (phone: string) => phone.normalize('NFKC').trim();

/** Digits only, keeping a leading + : "+86 138-0013-8000" and "+8613800138000" are one phone. */
export function normalisePhone(phone: string): string {
  const trimmed = asciiForm(phone);
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export const PHONE_MIN_DIGITS = 5;
export const PHONE_MAX_DIGITS = 20;

/**
 * The one phone rule (intake, customers, tickets): after NFKC, an optional leading +, then
 * digits 0-9 with spaces, - ( ) . between them, and 5 to 20 digits. Anything else
 * ("-", "PT1H", "1e400", Arabic-Indic digits) could not identify anyone: why it fails, or null.
 */
export function phoneProblem(phone: string): string | null {
  const text = asciiForm(phone);
  if (!/^\+?[0-9 ()\-.]*$/.test(text)) return 'use digits 0-9, spaces and + - ( ) . only';
  const digits = text.replace(/\D/g, '').length;
  if (digits < PHONE_MIN_DIGITS) return `needs at least ${PHONE_MIN_DIGITS} digits`;
  if (digits > PHONE_MAX_DIGITS) return `has more than ${PHONE_MAX_DIGITS} digits`;
  return null;
}

export function identityKeys(channel: string, contact: CustomerContact): IdentityKey[] {
  const keys: IdentityKey[] = [];
  if (contact.externalId) keys.push({ kind: 'external_id', channel, value: contact.externalId.trim() });
  if (contact.email) keys.push({ kind: 'email', channel: '', value: normaliseEmail(contact.email) });
  if (contact.phone) {
    const phone = normalisePhone(contact.phone);
    if (phone.replace('+', '').length >= PHONE_MIN_DIGITS) keys.push({ kind: 'phone', channel: '', value: phone });
  }
  if (contact.handle) keys.push({ kind: 'handle', channel, value: contact.handle.trim().toLowerCase() });
  return keys.filter((key) => key.value.length > 0);
}

export const identityLockKey = (key: IdentityKey) => `customer:${key.kind}:${key.channel}:${key.value}`;
