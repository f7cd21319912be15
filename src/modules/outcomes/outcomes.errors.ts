import { notFound, unprocessable } from '../../http/problem.ts';

export const outcomeNotFound = (ticketId: string) => notFound('outcomes', `Ticket ${ticketId} has no published outcome`);

export const outcomeWrongType = (type: string | null) =>
  unprocessable('outcomes.wrong_type', `Only suggestions and complaints publish outcomes; this ticket is ${type ?? 'not classified'}`);

export const personalData = (field: string) =>
  unprocessable('outcomes.personal_data', 'A published outcome must not carry personal data: names, e-mail addresses, links, phone or order numbers', [
    { path: `body.${field}`, message: 'looks like personal data' },
  ]);
