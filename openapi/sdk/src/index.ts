export { createTicketingClient, type TicketingClientOptions } from './client.js';
export { ProblemError, isProblem, type ProblemCode } from './problem.js';
export { each, pages, type Page, type PageFetcher } from './pages.js';
export { retryAfterMs, retryingFetch, type RetryOptions } from './retry.js';
export { signWebhook, verifyWebhook, WebhookVerificationError, type VerifyOptions, type WebhookHeaders } from './webhooks.js';
export { TicketingApi } from './generated/sdk.gen.js';
export type * from './generated/types.gen.js';
