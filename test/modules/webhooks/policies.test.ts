import { describe, expect, it } from 'vitest';
import { allowListOf, judgeAddress, refusalOf } from '../../../src/modules/webhooks/address-policy.ts';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelay, shouldPause } from '../../../src/modules/webhooks/retry-policy.ts';
import { ENVELOPE_FIELDS, eventBody } from '../../../src/modules/webhooks/payload.ts';
import { EVENT_CATALOGUE } from '../../../src/modules/events/catalogue.ts';
import { parseEnv } from '../../../src/config/env.ts';

const none = allowListOf([]);
const dns = (table: Record<string, string[]>) => async (host: string) => table[host] ?? [];

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.0.10', 'private'],
    ['172.16.5.4', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fd00:ec2::254', 'private'],
    ['fe80::1', 'link-local'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['192.0.2.10', 'reserved'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, kind) => {
    const verdict = judgeAddress(address, none);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.reason).toContain(kind);
  });

  it('lets public unicast addresses through, and allowed networks (listed)', () => {
    expect(judgeAddress('93.184.215.14', none)).toEqual({ allowed: true, listed: false });
    expect(judgeAddress('2606:4700::1111', none)).toEqual({ allowed: true, listed: false });
    const allow = allowListOf(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'hooks.internal']);
    expect(judgeAddress('127.0.0.1', allow)).toEqual({ allowed: true, listed: true });
    expect(judgeAddress('::ffff:10.9.8.7', allow)).toEqual({ allowed: true, listed: true });
    expect(judgeAddress('fd12::1', allow)).toEqual({ allowed: true, listed: true });
    expect(judgeAddress('127.0.0.2', allow).allowed).toBe(false);
    expect(allow.hosts.has('hooks.internal')).toBe(true);
  });

  it('refuses URLs at registration for what they resolve to, their scheme or credentials', async () => {
    const resolve = dns({ 'hooks.example.com': ['93.184.215.14'], 'mixed.example.com': ['93.184.215.14', '10.0.0.5'], 'inside.example.com': ['10.0.0.5'] });
    const check = (url: string, allow = none) => refusalOf(new URL(url), { allow, resolve });
    expect(await check('https://hooks.example.com/in')).toBeNull();
    expect(await check('https://93.184.215.14/in')).toBeNull();
    expect(await check('http://127.0.0.1:8080/in')).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(await check('http://169.254.169.254/latest/meta-data')).toMatch(/link-local/);
    expect(await check('https://[::ffff:169.254.169.254]/')).toMatch(/link-local/);
    expect(await check('https://2130706433/')).toMatch(/loopback/); // the URL parser reads it as 127.0.0.1
    expect(await check('https://mixed.example.com/')).toMatch(/resolves to 10\.0\.0\.5, a private address/);
    expect(await check('http://hooks.example.com/in')).toMatch(/must use https/);
    expect(await check('https://user:pw@hooks.example.com/in')).toMatch(/user name or password/);
    expect(await check('ftp://hooks.example.com/')).toMatch(/http or https/);
    // Not resolvable yet: https is accepted (judged when it connects), plain http is not.
    expect(await check('https://not-yet.example.com/')).toBeNull();
    expect(await check('http://not-yet.example.com/', allowListOf(['10.0.0.0/8']))).toMatch(/does not resolve/);
    // Allowed networks and names: private addresses, and plain http, only for them.
    expect(await check('http://inside.example.com/', allowListOf(['10.0.0.0/8']))).toBeNull();
    expect(await check('http://127.0.0.1:9/', allowListOf(['127.0.0.1']))).toBeNull();
    expect(await check('http://anything.internal/', allowListOf(['anything.internal']))).toBeNull();
  });

  it('reads WEBHOOK_ALLOWED_HOSTS as host names, addresses and CIDR ranges, and names a bad entry', () => {
    expect(parseEnv({}).WEBHOOK_ALLOWED_HOSTS).toEqual([]);
    expect(parseEnv({ WEBHOOK_ALLOWED_HOSTS: ' 127.0.0.1, 10.0.0.0/8 ,Hooks.Internal.,[::1],fd00::/8' }).WEBHOOK_ALLOWED_HOSTS).toEqual(['127.0.0.1', '10.0.0.0/8', 'hooks.internal', '::1', 'fd00::/8']);
    for (const bad of ['10.0.0.0/33', '999.1.1.1', 'http://x', 'a b']) expect(() => parseEnv({ WEBHOOK_ALLOWED_HOSTS: bad })).toThrow('WEBHOOK_ALLOWED_HOSTS');
    expect(parseEnv({ WEBHOOK_SECRET_KEY: `${'a'.repeat(32)},${'b'.repeat(40)}` }).WEBHOOK_SECRET_KEY).toHaveLength(2);
    expect(() => parseEnv({ WEBHOOK_SECRET_KEY: 'short' })).toThrow('WEBHOOK_SECRET_KEY');
  });
});

describe('retry schedule', () => {
  it('backs off exponentially to 20 h, ten attempts over about three days, jittered ±25 %', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([10, 50, 250, 1250, 6250, 31250, 72000, 72000, 72000]);
    const hours = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(70);
    expect(hours).toBeLessThan(72);
    expect(retryDelay(1, () => 0)).toBe(7_500);
    expect(retryDelay(1, () => 1)).toBe(12_500);
    expect(retryDelay(9, () => 0.5)).toBe(72_000_000);
    expect(retryDelay(10)).toBeNull();
  });

  it('pauses after 20 failures in a row spanning an hour, not before', () => {
    const since = new Date('2026-04-01T00:00:00Z');
    expect(shouldPause(20, since, new Date('2026-04-01T00:59:59Z'))).toBe(false);
    expect(shouldPause(19, since, new Date('2026-04-01T05:00:00Z'))).toBe(false);
    expect(shouldPause(20, since, new Date('2026-04-01T01:00:00Z'))).toBe(true);
  });
});

describe('delivery body', () => {
  it('puts the event id, ticket and actor beside the data, which no catalogue schema uses', () => {
    for (const [type, schema] of Object.entries(EVENT_CATALOGUE)) {
      for (const field of ENVELOPE_FIELDS) expect(Object.keys(schema.shape), `${type} must not define ${field}`).not.toContain(field);
    }
    const event = { id: 'evt_1', type: 'csat.requested', ticketId: 'tkt_1', actor: { type: 'system' as const, id: null }, data: { surveyId: 'srv_1', token: 't', url: 'u', channel: 'weibo' }, createdAt: new Date('2026-04-01T00:00:00Z') };
    expect(JSON.parse(eventBody(event, { surveyLinks: false }))).toEqual({
      type: 'csat.requested',
      timestamp: '2026-04-01T00:00:00.000Z',
      data: { eventId: 'evt_1', ticketId: 'tkt_1', actor: { type: 'system', id: null }, surveyId: 'srv_1', channel: 'weibo' },
    });
    expect(JSON.parse(eventBody(event, { surveyLinks: true })).data).toMatchObject({ token: 't', url: 'u' });
  });
});
