import type { Example, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * MSGABench citizen messages. The type is the writer's own choice on the posting form, so we
 * keep the cleaner subsets: neutral 咨询 → question, 投诉/求助 → complaint, neutral 建言 →
 * suggestion; angry 咨询 / 建言 (often grievances phrased as a question or ending in a wish)
 * are dropped. The `*` masking is class-correlated (README): runs of * become 某, the usual
 * Chinese placeholder, so the mask teaches nothing about the class.
 */
export const govSource: TrainSource = {
  id: 'gov-messages',
  description:
    'zh-gov-messages-msgabench: neutral 咨询 → question, 投诉/求助 → complaint, neutral 建言 → suggestion (angry 咨询/建言 dropped); nlu questions → question',
  load(dir) {
    const out: Example[] = [];
    const seen = new Set<string>();
    const push = (raw: string | undefined, label: Example['label']): void => {
      const text = clean((raw ?? '').replace(/\*+/g, '某'));
      if (text === '' || seen.has(text)) return;
      seen.add(text);
      out.push({ text, label, lang: 'zh', source: 'gov-messages' });
    };
    const rows = readCsv(dir, ['zh-gov-messages-msgabench', 'messages_type_sentiment.csv']);
    for (const row of rows.slice(1)) {
      const [text, sentiment, type] = row;
      if (type === '投诉/求助') push(text, 'complaint');
      else if (type === '咨询' && sentiment === '中性') push(text, 'question');
      else if (type === '建言' && sentiment === '中性') push(text, 'suggestion');
    }
    for (const row of readCsv(dir, ['zh-gov-messages-msgabench', 'nlu_user_questions.csv']).slice(1)) {
      push(row[0], 'question');
    }
    return out;
  },
};
