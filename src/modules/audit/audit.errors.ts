import { badRequest } from '../../http/problem.ts';

export const invalidPeriod = () =>
  badRequest('audit.invalid_period', '`from` must be before `to`', [{ path: 'querystring.from', message: 'must be before `to`' }]);
