import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, messageForLog } from '../../src/shared/logger.ts';

/** A failed query's error carries its parameters (customers' data): logs must not. */
describe('errors in logs', () => {
  const failedQuery = () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "customers_email_key"'), {
      code: '23505',
      detail: 'Key (email)=(wang.canary@example.com) already exists.',
    });
    return new Error('Failed query: insert into "customers" ("email") values ($1)\nparams: wang.canary@example.com,13800138000', { cause });
  };

  it('keeps the statement and the driver message, not the values', () => {
    expect(messageForLog(failedQuery())).toBe('Failed query: insert into "customers" ("email") values ($1)\nparams: [redacted]');
  });

  it('the logger serialises err without params or detail', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    createLogger('info', sink).error({ err: failedQuery() }, 'unhandled error');
    const line = lines.join('');
    expect(line).toContain('customers_email_key');
    expect(line).toContain('"code":"23505"');
    expect(line).not.toContain('canary');
    expect(line).not.toContain('13800138000');
  });
});
