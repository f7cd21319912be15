import { notFound, unprocessable } from '../../http/problem.ts';
import type { AlertStatus } from './levels.ts';

export const alertNotFound = (id: string) => notFound('alerts', `No alert ${id}`);

export const invalidAlertTransition = (from: AlertStatus, to: AlertStatus) =>
  unprocessable('alerts.invalid_transition', `A ${from} alert cannot become ${to}`, [{ path: 'body.status', message: `cannot change from ${from} to ${to}` }]);
