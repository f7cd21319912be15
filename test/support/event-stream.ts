import type { Test } from 'supertest';

/**
 * An endless Server-Sent Events answer would keep supertest waiting forever: for a 200 event
 * stream this resolves at its first bytes (and closes it); any other answer is read and parsed
 * as usual, so its status and problem+json body can be checked.
 */
export function untilFirstBytes(request: Test): Test {
  return request.buffer(false).parse((res, done) => {
    const chunks: Buffer[] = [];
    const streaming = res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/event-stream');
    res.on('data', (chunk: Buffer) => {
      if (streaming) {
        done(null, null);
        (res as unknown as { destroy(): void }).destroy();
      } else chunks.push(chunk);
    });
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        done(null, text ? JSON.parse(text) : null);
      } catch {
        done(null, text);
      }
    });
  });
}

/** The operations that answer an event stream. */
export const STREAM_PATHS = new Set(['/v1/stream']);
