import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { vi } from 'vitest';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  headers: Record<string, string>;
  body: string;
  /** performance.now() when the request had arrived in full */
  at: number;
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  /** The answer to the next requests: a status (and body), or 'hang' to never answer. */
  answer(with_: number | 'hang', body?: string): void;
  /** Answers the requests left hanging, with the answer set now. */
  release(): void;
  close(): Promise<void>;
}

/** A plain HTTP server on loopback that records every delivery and answers as told. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
  let status: number | 'hang' = 204;
  let answerBody = '';
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
      if (status === 'hang') {
        hanging.push(response);
        return;
      }
      response.writeHead(status, { 'content-type': 'text/plain' }).end(answerBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer(with_, body = '') {
      status = with_;
      answerBody = body;
    },
    release() {
      if (status === 'hang') return;
      for (const response of hanging.splice(0)) response.writeHead(status, { 'content-type': 'text/plain' }).end(answerBody);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Verifies a delivery with the stock `standardwebhooks` library, as a receiver would: returns the
 * parsed body, or throws. `at`: the receiver's clock (the library checks the timestamp against
 * "now"; tests that move the service's clock verify at the time it signed for).
 */
export function verifyDelivery(secret: string, delivery: ReceivedDelivery, at?: Date): { type: string; timestamp: string; data: Record<string, unknown> } {
  const verify = () => new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
  if (!at) return verify();
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(at);
    return verify();
  } finally {
    vi.useRealTimers();
  }
}

/** Waits (polling) until `check` holds; the tests' way to wait for a worker they do not drive. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
