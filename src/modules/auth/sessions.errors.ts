import { AppError } from '../../http/problem.ts';

/** One answer for an unknown email, a wrong password and a deactivated agent: no enumeration. */
export const invalidCredentials = () =>
  new AppError({ status: 401, code: 'auth.invalid_credentials', title: 'Unauthorized', detail: 'Wrong email or password' });

export const notSignedIn = () =>
  new AppError({ status: 401, code: 'auth.unauthorized', title: 'Unauthorized', detail: 'Not signed in, or the session has ended; sign in again' });

/** Cookie-authenticated writes must come from the helpdesk's own fetch, which a cross-site form cannot imitate. */
export const csrfRejected = () =>
  new AppError({
    status: 403,
    code: 'auth.csrf',
    title: 'Forbidden',
    detail: 'Requests signed in with the helpdesk cookie must send `X-Requested-With: desk`',
  });

const retryAfter = (ms: number) => ({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });

/** Too many wrong passwords for this email (known or not: the answer is the same for both). */
export const signInLocked = (retryAfterMs: number) =>
  new AppError({
    status: 429,
    code: 'auth.sign_in_locked',
    title: 'Too many requests',
    detail: 'Too many wrong passwords for this account: sign-in is paused; try again later or ask an admin to unlock it',
    headers: retryAfter(retryAfterMs),
  });

/** Too many failed sign-ins from this address, across accounts. */
export const tooManyAttempts = (retryAfterMs: number) =>
  new AppError({
    status: 429,
    code: 'auth.too_many_attempts',
    title: 'Too many requests',
    detail: 'Too many failed sign-ins from this address; try again later',
    headers: retryAfter(retryAfterMs),
  });
