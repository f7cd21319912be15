import type { Classifier } from '../../src/modules/classification/classifier.ts';
import type { InquiryType } from '../../src/modules/classification/classification.schemas.ts';
import { computeMetrics, type Metrics } from '../../src/modules/classification/metrics.ts';
import type { GoldItem } from './gold.ts';

/** Evaluation helpers shared by eval.ts and the gold-floor test. */

export const TYPES: readonly InquiryType[] = ['question', 'complaint', 'suggestion'];

export interface GoldReport {
  overall: Metrics<InquiryType>;
  perLanguage: Record<string, Metrics<InquiryType>>;
  perSource: Record<string, Metrics<InquiryType>>;
  other: { n: number; needsReview: number; predicted: Record<InquiryType, number> };
  /** needsReview among the scored items, and accuracy of the items not flagged. */
  review: { flagged: number; scored: number; accuracyUnflagged: number };
  errors: Array<{ id: string; lang: string; source: string; gold: string; predicted: string; confidence: number; text: string }>;
}

export function evaluateGold(classifier: Classifier, gold: readonly GoldItem[]): GoldReport {
  const pairs: Array<{ gold: InquiryType; predicted: InquiryType; lang: string; source: string }> = [];
  const other = { n: 0, needsReview: 0, predicted: { question: 0, complaint: 0, suggestion: 0 } };
  const errors: GoldReport['errors'] = [];
  let flagged = 0;
  let unflaggedCorrect = 0;
  for (const item of gold) {
    const r = classifier.classify(item.text);
    if (item.label === 'other') {
      other.n++;
      if (r.needsReview) other.needsReview++;
      other.predicted[r.type]++;
      continue;
    }
    const g = item.label;
    pairs.push({ gold: g, predicted: r.type, lang: item.lang, source: item.source });
    if (r.needsReview) flagged++;
    else if (r.type === g) unflaggedCorrect++;
    if (r.type !== g) {
      errors.push({ id: item.id, lang: item.lang, source: item.source, gold: g, predicted: r.type, confidence: r.confidence, text: item.text });
    }
  }
  const by = (key: 'lang' | 'source'): Record<string, Metrics<InquiryType>> => {
    const groups = new Map<string, typeof pairs>();
    for (const p of pairs) {
      const list = groups.get(p[key]) ?? [];
      list.push(p);
      groups.set(p[key], list);
    }
    return Object.fromEntries([...groups].sort().map(([k, list]) => [k, computeMetrics(TYPES, list)]));
  };
  return {
    overall: computeMetrics(TYPES, pairs),
    perLanguage: by('lang'),
    perSource: by('source'),
    other,
    review: { flagged, scored: pairs.length, accuracyUnflagged: unflaggedCorrect / Math.max(1, pairs.length - flagged) },
    errors,
  };
}
