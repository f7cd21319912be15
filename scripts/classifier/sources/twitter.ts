import type { Example, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * Complaints on Twitter (Preoţiuc-Pietro et al., ACL 2019). Label 1 → complaint. Label 0 is a
 * mix; we split it by form: tweets to a brand account that ask something (a '?' or a help
 * request, not counting the @handle: @FC_Help is not a request for help) → question, the rest (praise, chatter, the random_* hard negatives) → other.
 */
const HELP = /\?|(?:^|[^a-z])(?:i need|can you|could you|please|help|how (?:do|can|to)|is it possible|wondering)(?:[^a-z]|$)/i;

export const twitterSource: TrainSource = {
  id: 'complaints-twitter',
  description: 'complaints-twitter-en: 1 → complaint; 0 with a question/help request → question; other 0 → other',
  load(dir) {
    const out: Example[] = [];
    for (const row of readCsv(dir, ['complaints-twitter-en', 'complaints-data.csv'])) {
      if (row.length < 4) continue;
      const text = clean(row[1]);
      if (text === '') continue;
      const domain = row[3] ?? '';
      let label: Example['label'];
      if (row[2] === '1') label = 'complaint';
      else if (!domain.startsWith('random') && HELP.test(text.replace(/@\w+/g, ' '))) label = 'question';
      else label = 'other';
      out.push({ text, label, lang: 'en', source: 'complaints-twitter' });
    }
    return out;
  },
};
