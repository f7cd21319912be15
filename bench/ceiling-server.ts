// The ceiling of `npm run bench`: what this stack serves when a request does nothing but one
// INSERT. A bare Fastify route (JSON body parsed, 201 with a small JSON answer) and node-postgres
// with the service's pool size, against the same Postgres as the service, in its own process.
import Fastify from 'fastify';
import pg from 'pg';
import { randomUUID } from 'node:crypto';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
await pool.query('CREATE TABLE IF NOT EXISTS bench_ceiling (id text PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL)');

const app = Fastify({ logger: false });
app.post('/ceiling', async (request, reply) => {
  const { body } = request.body as { body: string };
  const id = randomUUID();
  await pool.query('INSERT INTO bench_ceiling (id, body, created_at) VALUES ($1, $2, now())', [id, body]);
  return reply.code(201).send({ id });
});
app.get('/readyz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
