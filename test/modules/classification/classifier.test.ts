import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassificationSchema } from '../../../src/modules/classification/classification.schemas.ts';
import { loadClassifier } from '../../../src/modules/classification/classifier.ts';

const classifier = loadClassifier();

describe('classifier', () => {
  it('returns a Classification that matches the contract', () => {
    for (const text of ['Where is my parcel?', '外卖送到都凉了，差评', '希望能增加夜間客服', 'please add dark mode', '😀']) {
      const r = ClassificationSchema.parse(classifier.classify(text));
      const sum = r.scores.question + r.scores.complaint + r.scores.suggestion;
      expect(sum).toBeGreaterThan(0.999);
      expect(sum).toBeLessThan(1.001);
      expect(r.modelVersion).toBe(classifier.modelVersion);
      expect(r.confidence).toBeLessThanOrEqual(r.scores[r.type] + 1e-4);
    }
  });

  it.each([
    ['How do I change the delivery address on my order?', 'question'],
    ['请问会员自动续费在哪里关闭？', 'question'],
    ['My order arrived broken and nobody answers my emails. I want a refund.', 'complaint'],
    ['买的鞋子穿了三天就开胶了，客服也不理人', 'complaint'],
    ['為什麼我的退款兩個星期了還沒到帳？', 'complaint'],
    ['It would be great if the app had a dark mode.', 'suggestion'],
    ['建议增加夜间客服，晚上有问题找不到人', 'suggestion'],
  ])('classifies %s as %s', (text, type) => {
    expect(classifier.classify(text).type).toBe(type);
  });

  it('does not throw on empty or whitespace text: low-confidence question, needs review', () => {
    for (const text of ['', '   ', '\n\t']) {
      const r = ClassificationSchema.parse(classifier.classify(text));
      expect(r.type).toBe('question');
      expect(r.needsReview).toBe(true);
      expect(r.language).toBe('other');
      expect(r.confidence).toBeLessThan(0.5);
    }
  });

  it('is deterministic and independent of call history and instance', () => {
    const other = loadClassifier();
    const text = 'The app crashes every time I open the camera, please fix it';
    const first = classifier.classify(text);
    classifier.classify('一段完全不同的中文文本，用来改变内部缓冲区的内容'.repeat(50));
    expect(classifier.classify(text)).toEqual(first);
    expect(other.classify(text)).toEqual(first);
  });

  it('treats traditional and simplified versions of a message alike', () => {
    const hans = classifier.classify('为什么我的退款还没到账');
    const hant = classifier.classify('為什麼我的退款還沒到帳');
    expect(hant.type).toBe(hans.type);
    expect(hant.language).toBe('zh-Hant');
    expect(hans.language).toBe('zh-Hans');
    expect(Math.abs(hant.confidence - hans.confidence)).toBeLessThan(0.1);
  });

  it('honours a configurable review threshold', () => {
    const strict = loadClassifier({ reviewThreshold: 1 });
    const lax = loadClassifier({ reviewThreshold: 0 });
    expect(strict.classify('Where is my parcel?').needsReview).toBe(true);
    expect(lax.classify('Where is my parcel?').needsReview).toBe(false);
    expect(() => loadClassifier({ reviewThreshold: 2 })).toThrow();
  });

  it('reports signals with the type', () => {
    const r = classifier.classify('Third time I am writing: refund me or I will contact my lawyer');
    expect(r.signals.map((s) => s.kind)).toEqual(expect.arrayContaining(['refund', 'legal_threat', 'repeat_contact']));
  });

  it('classifies very long texts within the contract', () => {
    const r = ClassificationSchema.parse(classifier.classify('我的订单还没到。'.repeat(5000)));
    expect(r.type).toBe('complaint');
  });

  it('never throws and always satisfies the schema (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        ClassificationSchema.parse(classifier.classify(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        ClassificationSchema.parse(classifier.classify(text));
      }),
      { numRuns: 300 },
    );
  });
});
