import { notFound } from '../../http/problem.ts';

export const customerNotFound = (id: string) => notFound('customers', `No customer ${id}`);
