import { describe, expect, it } from 'vitest';
import { idf, rank, retrievalTerms, similarityTerms, weighQuestion } from '../../../src/modules/suggestions/similarity.ts';

describe('similarity terms', () => {
  it('keeps Han bigrams and words, drops single characters, stop words and long numbers', () => {
    const terms = similarityTerms('请问扫地机器人 S7 怎么连接手机？订单 20240101999');
    expect(terms).toContain('扫地');
    expect(terms).toContain('连接');
    expect(terms).toContain('s7');
    expect(terms).not.toContain('请问');
    expect(terms).not.toContain('扫');
    expect(terms).not.toContain('20240101999');
    expect(similarityTerms('How do I pair the earbuds with my phone?')).toEqual(['earbuds', 'pair', 'phone']);
  });

  it('folds traditional to simplified, so both scripts match', () => {
    expect(similarityTerms('請問怎麼連接手機')).toEqual(similarityTerms('请问怎么连接手机'));
  });
});

describe('ranking', () => {
  const answers = [
    { name: 'warranty', terms: similarityTerms('蓝牙耳机 B5 的保修期是多久？'), tickets: 40 },
    { name: 'pairing', terms: similarityTerms('请问蓝牙耳机 B5 怎么连接手机？'), tickets: 3 },
    { name: 'pairing other product', terms: similarityTerms('请问智能手表 W2 怎么连接手机？'), tickets: 30 },
    { name: 'english pairing', terms: similarityTerms('How do I pair the earbuds B5 with my phone?'), tickets: 5 },
  ];
  const df = new Map<string, number>();
  for (const a of answers) for (const t of a.terms) df.set(t, (df.get(t) ?? 0) + 1);

  it('puts the answer about the same subject first, above more popular ones about another', () => {
    const question = similarityTerms('蓝牙耳机B5连接不上手机，怎么连接？');
    const ranked = rank(weighQuestion(question, df, answers.length), answers, 3, 0);
    expect(ranked[0]!.item.name).toBe('pairing');
    expect(ranked.map((r) => r.item.name)).not.toContain('english pairing');
  });

  it('works in English', () => {
    const question = similarityTerms('my B5 earbuds will not pair with the phone');
    const ranked = rank(weighQuestion(question, df, answers.length), answers, 3);
    expect(ranked[0]!.item.name).toBe('english pairing');
  });

  it('weighs rare terms more, fetches by the rarest, and matches nothing when nothing is shared', () => {
    expect(idf(1, 100)).toBeGreaterThan(idf(50, 100));
    expect(idf(100, 100)).toBeGreaterThan(0);
    expect(retrievalTerms(['a', 'b', 'c', 'never'], new Map([['a', 900], ['b', 3], ['c', 40]]), 2)).toEqual(['b', 'c']);
    expect(rank(weighQuestion(['退款'], df, 4), answers, 3, 0)).toEqual([]);
  });
});
