import type { Example, Label, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * IJCNLP-2017 customer feedback (English). complaint/bug → complaint, request → suggestion,
 * comment/meaningless/undetermined → other. Multi-label sentences appear once per label; keep
 * one row with the label the team would act on first (complaint > suggestion > other), as in
 * GUIDELINES.md.
 */
const MAP: Record<string, Label> = {
  complaint: 'complaint',
  bug: 'complaint',
  request: 'suggestion',
  comment: 'other',
  meaningless: 'other',
  undetermined: 'other',
};
const PRIORITY: Record<Label, number> = { complaint: 3, suggestion: 2, question: 1, other: 0 };

export const ijcnlpSource: TrainSource = {
  id: 'ijcnlp2017',
  description: 'ijcnlp2017-customer-feedback-en: complaint+bug → complaint, request → suggestion, rest → other',
  load(dir) {
    const byText = new Map<string, Label>();
    const rows = readCsv(dir, ['ijcnlp2017-customer-feedback-en', 'en-training.tsv'], { delimiter: '\t', quotes: false });
    for (const row of rows.slice(1)) {
      const label = MAP[(row[0] ?? '').trim()];
      const text = clean(row[1]);
      if (label === undefined || text === '') continue;
      const prev = byText.get(text);
      if (prev === undefined || PRIORITY[label] > PRIORITY[prev]) byText.set(text, label);
    }
    return [...byText].map(([text, label]): Example => ({ text, label, lang: 'en', source: 'ijcnlp2017' }));
  },
};
