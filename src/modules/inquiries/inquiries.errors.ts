import { AppError } from '../../http/problem.ts';

/**
 * A known `(channel, externalId)` sent again with another customer or body. Answering with the
 * stored message would hand its body and customer to whoever guessed the id, so only the id is told.
 */
export const redeliveryMismatch = (messageId: string) =>
  new AppError({
    status: 409,
    code: 'inquiries.redelivery_mismatch',
    title: 'Conflict',
    detail: 'This (channel, externalId) was delivered before with another customer or body; a redelivery must repeat the first delivery',
    errors: [{ path: 'body.externalId', message: 'already delivered with other content' }],
    existingId: messageId,
  });
