import { describe, expect, it } from 'vitest';
import { highlight } from '../../../src/modules/search/search-highlight.ts';

describe('highlight', () => {
  it('marks Han terms wherever they are, merging overlapping bigrams', () => {
    expect(highlight('客服一直不回复，退款还没到账', '退款还没')).toBe('客服一直不回复，<mark>退款还没</mark>到账');
  });

  it('marks the original text for a query folded to simplified (traditional in the text)', () => {
    expect(highlight('申請退款三天了', '申请')).toBe('<mark>申請</mark>退款三天了');
  });

  it('marks whole words that start with a query word, in any case, and not inside other words', () => {
    expect(highlight('Refunds: the prefund is not a REFUND', 'refund')).toBe('<mark>Refunds</mark>: the prefund is not a <mark>REFUND</mark>');
  });

  it('escapes HTML around and inside the marks', () => {
    expect(highlight('<b>refund</b> & "more"', 'refund')).toBe('&lt;b&gt;<mark>refund</mark>&lt;/b&gt; &amp; &quot;more&quot;');
  });

  it('cuts a window around the first match of a long text', () => {
    const text = `${'很'.repeat(200)}退款${'好'.repeat(200)}`;
    const snippet = highlight(text, '退款')!;
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>退款</mark>');
    expect(snippet.length).toBeLessThan(160);
  });

  it('is null when nothing of the query is there, or the query has nothing searchable', () => {
    expect(highlight('你好', '退款')).toBeNull();
    expect(highlight('你好', '!!!')).toBeNull();
  });
});
