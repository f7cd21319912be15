import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/config/env.ts';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './.data', LOG_LEVEL: 'info' });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_API_KEY', 'short'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '2'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1,not-an-address'],
    ['QUEUE_PREFIX', '{tickets'],
    ['QUEUE_PREFIX', 'a:b'],
    ['SHUTDOWN_TIMEOUT_MS', '10'],
  ])('stops on a malformed %s and names it', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(name);
  });

  it('reads TRUST_PROXY as off by default, true, or a list of proxy addresses and ranges', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });

  it('takes a Redis Cluster hash tag as QUEUE_PREFIX, and a shutdown bound', () => {
    expect(parseEnv({}).QUEUE_PREFIX).toBe('tickets');
    expect(parseEnv({ QUEUE_PREFIX: '{tickets}' }).QUEUE_PREFIX).toBe('{tickets}');
    expect(parseEnv({}).SHUTDOWN_TIMEOUT_MS).toBe(25_000);
    expect(parseEnv({ SHUTDOWN_TIMEOUT_MS: '5000' }).SHUTDOWN_TIMEOUT_MS).toBe(5_000);
  });
});
