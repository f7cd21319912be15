import { conflict, notFound, unprocessable } from '../../http/problem.ts';

export const webhookNotFound = (id: string) => notFound('webhooks', `No webhook ${id}`);

export const deliveryNotFound = (id: string) => notFound('webhook_deliveries', `No delivery ${id} of this webhook`);

export const urlRefused = (message: string) => unprocessable('webhooks.url_refused', `The webhook URL is refused: ${message}`, [{ path: 'body.url', message }]);

export const webhookBusy = () => conflict('webhooks.concurrent_update', 'The webhook changed while the secret was rotated; retry');
