import { AppError } from '../../http/problem.ts';

/** Every export slot of this process is streaming: each holds a database connection until it ends. */
export const exportsBusy = () =>
  new AppError({
    status: 429,
    code: 'customers.export_busy',
    title: 'Too many requests',
    detail: 'Customer exports run a few at a time; try again shortly',
    headers: { 'retry-after': '5' },
  });
