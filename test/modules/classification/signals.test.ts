import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/modules/classification/normalize.ts';
import { detectSignals } from '../../../src/modules/classification/signals.ts';
import { tables } from './helpers.ts';

const kinds = (text: string): string[] => detectSignals(normalize(tables().chars, text), text).map((s) => s.kind);

describe('detectSignals', () => {
  it.each([
    ['I want my money back now', 'refund'],
    ['请尽快给我退款', 'refund'],
    ['請儘快退款', 'refund'],
    ['I will dispute the charge with my bank', 'chargeback'],
    ['My lawyer will be in touch', 'legal_threat'],
    ['再不处理我就起诉你们', 'legal_threat'],
    ['我要打12315投诉你们', 'regulator'],
    ['Reporting this to trading standards', 'regulator'],
    ['I am going to post this on social media', 'media_exposure'],
    ['再不解决我就找媒体曝光', 'media_exposure'],
    ['The charger caught fire last night', 'safety'],
    ['吃完以后食物中毒住院了', 'safety'],
    ['This is the third time I am contacting you', 'repeat_contact'],
    ['我已经打了五次电话了', 'repeat_contact'],
    ['已經多次反映了', 'repeat_contact'],
    ['Please cancel my subscription', 'cancellation'],
    ['我要取消订单', 'cancellation'],
    ['Never buying from you again', 'churn_risk'],
    ['再也不买你们家的东西了', 'churn_risk'],
    ['There is an unauthorised payment on my card', 'fraud'],
    ['我的卡被盗刷了', 'fraud'],
    ['Your company leaked my personal data', 'privacy'],
    ['我的个人信息被泄露了', 'privacy'],
    ['This is urgent, I fly tomorrow', 'urgent'],
    ['十万火急，请马上处理', 'urgent'],
    ['I have been a loyal customer for 10 years', 'vip'],
    ['我是你们的钻石会员', 'vip'],
  ])('%s → %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it('finds nothing in a plain question', () => {
    expect(kinds('How do I change my delivery address?')).toEqual([]);
    expect(kinds('请问这件衣服有大一码的吗')).toEqual([]);
  });

  it('does not fire on look-alike words', () => {
    expect(kinds('My Kindle Firestick is great and so is multimedia')).toEqual([]);
  });

  it('reports the cue as written in the original text (traditional, upper case)', () => {
    const text = '我要退款！I want a REFUND';
    const signals = detectSignals(normalize(tables().chars, text), text);
    expect(signals).toEqual([{ kind: 'refund', match: '退款' }]);
    const hant = '請立即處理，否則我會找記者';
    expect(detectSignals(normalize(tables().chars, hant), hant).find((s) => s.kind === 'media_exposure')?.match).toBe('記者');
  });

  it('returns at most one signal per kind', () => {
    const list = kinds('refund refund 退款 退钱');
    expect(list.filter((k) => k === 'refund')).toHaveLength(1);
  });
});
