import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../src/http/error-handler.ts';

/** What the driver throws for a foreign-key violation, wrapped the way drizzle wraps it. */
const pgError = (detail: string) => Object.assign(new Error('query failed'), { cause: Object.assign(new Error('fk'), { code: '23503', severity: 'ERROR', detail }) });

async function answerTo(error: Error) {
  const app = Fastify();
  registerErrorHandler(app);
  app.post('/x', async () => {
    throw error;
  });
  const res = await app.inject({ method: 'POST', url: '/x', payload: {} });
  await app.close();
  return { status: res.statusCode, body: res.json() };
}

describe('the error handler as a safety net for foreign keys', () => {
  it('turns a missing reference into a 422 naming the column as a body field', async () => {
    const res = await answerTo(pgError('Key (team_id)=(tm_nope) is not present in table "teams".'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'request.reference_missing', errors: [{ path: 'body.teamId', message: 'does not exist' }] });
    expect(JSON.stringify(res.body)).not.toContain('tm_nope');
  });

  it('turns a row still referenced into a 409', async () => {
    const res = await answerTo(pgError('Key (id)=(tm_1) is still referenced from table "agents".'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('request.still_referenced');
  });
});

describe('a transaction whose connection died', () => {
  it('is a dependency failure (503), not a bug, when even its rollback fails', async () => {
    // What drizzle throws when the backend died mid-transaction (seen under the fault run).
    const error = new Error('Failed query: rollback\nparams: ', { cause: new Error('Client has encountered a connection error and is not queryable') });
    const res = await answerTo(error);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('service.unavailable');
  });
});
