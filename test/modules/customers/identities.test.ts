import { describe, expect, it } from 'vitest';
import { identityKeys, normalisePhone } from '../../../src/modules/customers/identities.ts';

describe('identityKeys', () => {
  it('orders identities strongest first and scopes handles to their channel', () => {
    expect(identityKeys('weibo', { handle: '@Wang', email: 'A@B.com', externalId: '42', phone: '+86 138-0013-8000' })).toEqual([
      { kind: 'external_id', channel: 'weibo', value: '42' },
      { kind: 'email', channel: '', value: 'a@b.com' },
      { kind: 'phone', channel: '', value: '+8613800138000' },
      { kind: 'handle', channel: 'weibo', value: '@wang' },
    ]);
  });

  it('ignores phones too short to identify anyone', () => {
    expect(identityKeys('phone', { phone: '12' })).toEqual([]);
  });

  it('normalises phone formatting but keeps the country prefix', () => {
    expect(normalisePhone('(010) 8888-6666')).toBe('01088886666');
    expect(normalisePhone(' +1 (555) 010-9999 ')).toBe('+15550109999');
  });
});
