import { describe, expect, it } from 'vitest';
import { identityKeys, normalisePhone, phoneProblem } from '../../../src/modules/customers/identities.ts';

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

describe('phoneProblem', () => {
  it('accepts what people type for a phone, full-width included', () => {
    for (const phone of ['+86 138-0013-8000', '(010) 8888.6666', '１３８００１３８０００', '＋８６１３８００１３８０００', '12345']) {
      expect(phoneProblem(phone), phone).toBeNull();
    }
    expect(normalisePhone('＋８６ １３８－００１３')).toBe('+861380013');
    expect(phoneProblem('＋８６ １３８－００１３')).toBeNull();
  });

  it('refuses what cannot identify anyone', () => {
    for (const phone of ['', '-', 'P-1D', 'PT1H', 'NaN', '1e400', '٠١٢٣٤٥٦٧', '1234', '12-34', '+', '86+138001', '1'.repeat(21)]) {
      expect(phoneProblem(phone), phone).not.toBeNull();
    }
  });
});
