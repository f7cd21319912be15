import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One inbound message as a channel connector sends it. */
export interface Message {
  externalId: string;
  threadId: string;
  customer: string;
  body: string;
}

/** A conversation: its messages, and how they are sent. */
export interface Thread {
  id: string;
  messages: Message[];
  /** The first two messages at once, to the two APIs: both race to open the thread's ticket. */
  concurrentOpen: boolean;
  /** Indexes of messages the connector delivers twice (the second time to the other API)… */
  redeliver: Set<number>;
  /** …at the same moment as the first delivery, for these. */
  redeliverAtOnce: Set<number>;
}

/** What the client finally got for one delivery (after retries and failover). */
export interface Answer {
  externalId: string;
  threadId: string;
  status: number; // 0: no answer at all after every retry
  outcome?: 'opened' | 'joined' | 'duplicate';
  ticketId?: string;
  messageId?: string;
  /** The API (index) that answered. */
  api: number;
  attempts: number;
  failovers: number;
  sample?: string;
}

/**
 * Threads for `messages` messages, numbered from `from`: half of them one message, the rest two or
 * three; a customer writes in two threads now and then; one message in ten redelivered, one in
 * twenty of those at the same moment as the original.
 */
export function planThreads(phase: string, from: number, messages: number): Thread[] {
  const threads: Thread[] = [];
  let n = from;
  const end = from + messages;
  for (let t = from; n < end; t++) {
    const size = Math.min(end - n, t % 2 === 0 ? 1 : t % 4 === 1 ? 2 : 3);
    const threadId = `${phase}-thread-${t}`;
    // Every fifth customer also opens the thread after next: two threads, one customer.
    const customer = `${phase}-user-${t % 5 === 2 ? t - 2 : t}`;
    const thread: Thread = { id: threadId, messages: [], concurrentOpen: t % 3 === 0, redeliver: new Set(), redeliverAtOnce: new Set() };
    for (let i = 0; i < size; i++, n++) {
      thread.messages.push({
        externalId: `${phase}-msg-${n}`,
        threadId,
        customer,
        body: n % 2 ? `订单${n}还没有发货，请尽快处理，谢谢` : `Where is my order ${n}? It has not shipped yet, please check.`,
      });
      if (n % 10 === 3) thread.redeliver.add(i);
      if (n % 20 === 3) thread.redeliverAtOnce.add(i);
    }
    threads.push(thread);
  }
  return threads;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_ATTEMPTS = 60;

/**
 * The intake side of a load balancer and a connector: a delivery goes to the API it is sent to;
 * when that one refuses (connection refused or reset, 503) it goes to the other, with the same
 * Idempotency-Key (a first attempt may have committed). A 409 `idempotency.in_flight` waits.
 */
export function createIntakeClient(urls: string[], adminKey: string) {
  const answers: Answer[] = [];
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);

  async function deliver(message: Message, api: number): Promise<Answer> {
    const key = randomUUID();
    const body = JSON.stringify({ channel: 'wechat', externalId: message.externalId, threadId: message.threadId, customer: { externalId: message.customer }, body: message.body });
    let target = api;
    let failovers = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        const res = await fetch(`${urls[target]}/v1/inquiries`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        count(String(res.status));
        if (res.ok) {
          const parsed = JSON.parse(text) as { outcome: Answer['outcome']; ticket: { id: string }; message: { id: string } };
          const answer: Answer = { externalId: message.externalId, threadId: message.threadId, status: res.status, outcome: parsed.outcome, ticketId: parsed.ticket.id, messageId: parsed.message.id, api: target, attempts: attempt, failovers };
          answers.push(answer);
          return answer;
        }
        if (res.status === 409 && text.includes('idempotency.in_flight')) {
          await sleep(200);
          continue;
        }
        if (res.status !== 503) {
          const answer: Answer = { externalId: message.externalId, threadId: message.threadId, status: res.status, api: target, attempts: attempt, failovers, sample: text.slice(0, 300) };
          answers.push(answer);
          return answer;
        }
      } catch (error) {
        count(`no answer (${String((error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name)})`);
      }
      target = (target + 1) % urls.length;
      failovers++;
      await sleep(attempt < 3 ? 20 : 250);
    }
    const answer: Answer = { externalId: message.externalId, threadId: message.threadId, status: 0, api: target, attempts: MAX_ATTEMPTS, failovers };
    answers.push(answer);
    return answer;
  }

  /** A thread as a connector sends it; `api` is where its first message goes, the next ones alternate. */
  async function sendThread(thread: Thread, api: number) {
    const other = (api + 1) % urls.length;
    const redeliveries: Promise<unknown>[] = [];
    const send = async (i: number, to: number) => {
      const message = thread.messages[i]!;
      const first = deliver(message, to);
      if (thread.redeliverAtOnce.has(i)) redeliveries.push(deliver(message, (to + 1) % urls.length));
      await first;
      if (thread.redeliver.has(i) && !thread.redeliverAtOnce.has(i)) redeliveries.push(deliver(message, (to + 1) % urls.length));
    };
    let i = 0;
    if (thread.concurrentOpen && thread.messages.length >= 2) {
      await Promise.all([send(0, api), send(1, other)]);
      i = 2;
    }
    for (; i < thread.messages.length; i++) await send(i, (api + i) % urls.length);
    await Promise.all(redeliveries);
  }

  return { answers, statuses, deliver, sendThread };
}

/** Runs threads `concurrency` at a time until the source runs dry or `stop()`; spreads them over the APIs. */
export function runThreads(client: ReturnType<typeof createIntakeClient>, next: () => Thread | undefined, concurrency: number) {
  let stopped = false;
  let started = 0;
  const lanes = Array.from({ length: concurrency }, async () => {
    // Asks for a thread only when it will send it: what was handed out is what was sent.
    for (let thread = stopped ? undefined : next(); thread; thread = stopped ? undefined : next()) await client.sendThread(thread, started++ % 2);
  });
  const done = Promise.all(lanes).then(() => undefined);
  return {
    done,
    get started() {
      return started;
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/**
 * A live-stream client as the helpdesk's EventSource behaves: it reads `GET /v1/stream` from one
 * API; when the stream ends (a `reconnect` event from a process shutting down) or the connection
 * fails, it reconnects after the server's `retry` with `Last-Event-ID`, to the other API when this
 * one refuses (as a load balancer would send it). Records each ticket.created it sees.
 */
export function startStreamClient(urls: string[], first: number, adminKey: string) {
  const seen = new Map<string, number>(); // ticketId → times seen
  const served = urls.map(() => 0); // events per API
  let lastEventId: string | undefined;
  let retryMs = 2_000;
  let reconnects = 0;
  let endedByServer = 0;
  let running = true;
  let controller = new AbortController();
  const loop = (async () => {
    let target = first;
    while (running) {
      try {
        const res = await fetch(`${urls[target]}/v1/stream?types=ticket.created`, {
          headers: { authorization: `Bearer ${adminKey}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: controller.signal,
        });
        if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = new Map<string, string>();
            for (const line of block.split('\n')) {
              const colon = line.indexOf(':');
              if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
            }
            if (fields.has('retry')) retryMs = Number(fields.get('retry'));
            if (fields.has('id')) lastEventId = fields.get('id');
            if (fields.get('event') === 'ticket.created') {
              const { ticketId } = JSON.parse(fields.get('data')!) as { ticketId: string };
              seen.set(ticketId, (seen.get(ticketId) ?? 0) + 1);
              served[target]!++;
            }
          }
        }
        endedByServer++;
      } catch {
        if (!running) break;
      }
      if (!running) break;
      reconnects++;
      await sleep(retryMs);
      // The API that ended the stream is going away: the balancer sends the reconnect elsewhere.
      target = (target + 1) % urls.length;
    }
  })();
  return {
    seen,
    served,
    get reconnects() {
      return reconnects;
    },
    get endedByServer() {
      return endedByServer;
    },
    async stop() {
      running = false;
      controller.abort();
      controller = new AbortController();
      await loop;
    },
  };
}

/** A webhook receiver on loopback that counts deliveries per `webhook-id` and answers 204. */
export async function startCountingReceiver() {
  const byId = new Map<string, number>();
  let total = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? '');
      byId.set(id, (byId.get(id) ?? 0) + 1);
      total++;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    byId,
    get total() {
      return total;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
