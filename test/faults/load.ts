import { randomUUID } from 'node:crypto';

/** One HTTP attempt as the client saw it. */
export interface Attempt {
  at: number;
  status: number; // 0: no answer (connection refused, reset, timed out)
  problemJson: boolean;
  retryAfter: boolean;
  /** A 409 `idempotency.in_flight`: the key's first attempt still holds its claim (see verify). */
  inFlight?: boolean;
  /** The start of the body, for answers that break the rules (a 500, a bare 503). */
  sample?: string;
}

/** A message the API acknowledged (2xx): it must be in Postgres at the end, exactly once. */
export interface Ack {
  externalId: string;
  threadId: string;
  ticketId: string;
  messageId: string;
  at: number;
}

/** A connector keeps trying for a while (about 15 s here) before it gives up on a message. */
const MAX_ATTEMPTS = 30;

/**
 * A steady intake load, as a channel connector would send it: new conversations and follow-ups in
 * known threads, each message with its own Idempotency-Key, retried with the same key on a 503 or
 * when no answer came (the first attempt may have committed: the retry must not duplicate it).
 * A 409 `idempotency.in_flight` with Retry-After is retried too, as the contract says: an earlier
 * attempt still holds the key, e.g. its 503 could not release the claim while the pool was dry,
 * and the release lands in the background as soon as a connection is free.
 */
export function startLoad(options: { url: string; adminKey: string; perSecond: number }) {
  const attempts: Attempt[] = [];
  const acks: Ack[] = [];
  let gaveUp = 0;
  let sent = 0;
  let running = true;
  const inFlight = new Set<Promise<void>>();

  async function deliver(n: number) {
    const followUp = acks.length > 10 && n % 5 === 0 ? acks[(n * 7919) % acks.length]! : undefined;
    const threadId = followUp?.threadId ?? `thread-${n}`;
    const externalId = `fault-msg-${n}`;
    const body = JSON.stringify({
      channel: 'wechat',
      externalId,
      threadId,
      customer: { externalId: `fault-user-${followUp ? followUp.threadId : n}` },
      body: n % 2 ? `订单${n}还没有发货，请尽快处理` : `Where is my order ${n}? It has not shipped yet.`,
    });
    const key = randomUUID();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const at = Date.now();
      try {
        const res = await fetch(`${options.url}/v1/inquiries`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.adminKey}`, 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        const problemJson = (res.headers.get('content-type') ?? '').includes('application/problem+json');
        const retryAfter = res.headers.has('retry-after');
        const inFlight = res.status === 409 && problemJson && retryAfter && text.includes('"idempotency.in_flight"');
        const odd = !res.ok && !inFlight && !(res.status === 503 && problemJson && retryAfter);
        attempts.push({ at, status: res.status, problemJson, retryAfter, ...(inFlight ? { inFlight } : {}), ...(odd ? { sample: `${res.headers.get('content-type')} ${text.slice(0, 300)}` } : {}) });
        if (res.ok) {
          const { ticket, message } = JSON.parse(text) as { ticket: { id: string }; message: { id: string } };
          acks.push({ externalId, threadId, ticketId: ticket.id, messageId: message.id, at: Date.now() });
          return;
        }
        if (res.status !== 503 && !inFlight) break; // anything else is a bug the report shows; retrying hides it
      } catch (error) {
        attempts.push({ at, status: 0, problemJson: false, retryAfter: false, sample: String((error as Error).cause ?? error) });
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    gaveUp++;
  }

  const timer = setInterval(() => {
    if (!running) return;
    const p = deliver(sent++).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / options.perSecond);

  return {
    attempts,
    acks,
    get sent() {
      return sent;
    },
    get gaveUp() {
      return gaveUp;
    },
    async stop() {
      running = false;
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

/** /readyz as an operator's probe sees it, every 100 ms. */
export function startReadinessProbe(url: string) {
  const samples: { at: number; ready: boolean; failing: string[] }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      try {
        const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3_000) });
        const body = (await res.json()) as { checks: { name: string; ok: boolean }[] };
        samples.push({ at, ready: res.status === 200, failing: body.checks.filter((c) => !c.ok).map((c) => c.name) });
      } catch {
        samples.push({ at, ready: false, failing: ['api'] });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}
