import type { Logger } from 'pino';
import type { ClassifyFn } from '../modules/tickets/tickets.service.ts';

/** Until the classifier lands, intake stores no type (never a fake one). */
export function loadClassifyFn(_logger: Logger): ClassifyFn | undefined {
  return undefined;
}
