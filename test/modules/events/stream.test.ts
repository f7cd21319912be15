import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { buildApp } from '../../../src/app.ts';
import { createContainer, type Container } from '../../../src/container.ts';

/**
 * GET /v1/stream: an event written through one API process reaches a client of another (the
 * worker's relay sends the notice), and Last-Event-ID resumes right after the last one seen.
 */
let h: Harness;
let other: { container: Container; app: FastifyInstance; url: string };

beforeAll(async () => {
  h = await createHarness({ worker: true });
  const container = createContainer({ databaseUrl: h.databaseUrl, redisUrl: h.redisUrl, queuePrefix: h.queuePrefix, logger: pino({ level: 'silent' }), databasePoolSize: 3 });
  const app = await buildApp({ container });
  await app.listen({ port: 0, host: '127.0.0.1' });
  other = { container, app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
});
afterAll(async () => {
  await other.app.close();
  await other.container.close();
  await h.close();
});

interface SseMessage {
  id: string;
  event: string;
  data: { type: string; ticketId: string | null };
}

/** Reads SSE messages until `until` says stop (or the time is up). */
async function collect(headers: Record<string, string>, until: (seen: SseMessage[]) => boolean, ms = 5_000): Promise<SseMessage[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const seen: SseMessage[] = [];
  try {
    const res = await fetch(`${other.url}/v1/stream`, { headers: { ...h.auth, ...headers }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buffer = '';
    while (!until(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.data) seen.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) });
      }
    }
    controller.abort();
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
  }
  return seen;
}

describe('the live stream', () => {
  it('shows an inquiry posted to another API process within 2 s, and resumes after Last-Event-ID', async () => {
    let ticketId = '';
    const started = Date.now();
    const live = collect({}, (seen) => seen.some((m) => m.event === 'message.created' && m.data.ticketId === ticketId));
    await new Promise((r) => setTimeout(r, 300)); // the stream is open
    ticketId = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body.ticket.id;
    const seen = await live;
    const created = seen.find((m) => m.event === 'ticket.created' && m.data.ticketId === ticketId);
    expect(created, 'ticket.created arrived').toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_300 + 300);

    // Resume after ticket.created: the next events of the ticket come, ticket.created does not again.
    await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', body: '已收到' }).expect(201);
    const resumed = await collect({ 'last-event-id': created!.id }, (s) => s.filter((m) => m.data.ticketId === ticketId && m.event === 'message.created').length >= 2);
    const mine = resumed.filter((m) => m.data.ticketId === ticketId).map((m) => m.event);
    expect(mine).not.toContain('ticket.created');
    expect(mine.filter((e) => e === 'message.created')).toHaveLength(2);
  });

  it("answers a browser's EventSource, which accepts text/event-stream only", async () => {
    const seen = await collect({ accept: 'text/event-stream' }, () => true, 1_000);
    expect(seen).toEqual([]); // the 200 and its content type are checked inside
  });

  it('needs a key with tickets:read', async () => {
    const res = await fetch(`${other.url}/v1/stream`);
    expect(res.status).toBe(401);
  });
});
