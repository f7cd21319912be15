import { AppError, conflict, notFound, unprocessable } from '../../http/problem.ts';
import { allowedTransitions } from './status-transitions.ts';
import type { TicketRow } from './tickets.repository.ts';

export const ticketNotFound = (id: string) => notFound('tickets', `No ticket ${id}`);

export const invalidTransition = (from: TicketRow['status'], to: TicketRow['status']) =>
  unprocessable(
    'tickets.invalid_transition',
    `A ${from} ticket cannot become ${to}; allowed: ${allowedTransitions(from).join(', ') || 'none'}`,
    [{ path: 'body.status', message: `cannot change from ${from} to ${to}` }],
  );

export const ticketClosed = (id: string) =>
  conflict('tickets.closed', `Ticket ${id} is closed; open a follow-up ticket instead`);

export const notClassified = (id: string) =>
  conflict('tickets.not_classified', `Ticket ${id} has no classification by the model: there is nothing to confirm`);

export const unknownReference = (field: string, id: string) =>
  unprocessable('tickets.unknown_reference', `No ${field.replace(/Id$/, '')} ${id}`, [{ path: `body.${field}`, message: 'does not exist' }]);

export const invalidIfMatch = () =>
  new AppError({
    status: 400,
    code: 'request.invalid_if_match',
    title: 'Bad request',
    detail: 'If-Match must be the version number or ETag you read',
    errors: [{ path: 'headers.if-match', message: 'not a version' }],
  });
