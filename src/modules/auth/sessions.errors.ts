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
