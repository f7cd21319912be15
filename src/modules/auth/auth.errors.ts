import { notFound } from '../../http/problem.ts';

export const apiKeyNotFound = (id: string) => notFound('api_keys', `No API key ${id}`);
