import type { Example, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * Bitext customer-support utterances (CDLA-Sharing 1.0). Every intent → question, including
 * `review` ("how can I leave feedback?": a request for help, not a proposal; the dataset README
 * maps it to suggestion). The `complaint` intent is mostly a bare request to file a complaint
 * ("I want to lodge a claim against your company"): GUIDELINES.md does not settle it (no
 * grievance is stated, but one is implied), so those rows are dropped; the few that state the
 * grievance ("I'm very unhappy with your service, help me file a claim") → complaint, under their
 * own source id so the within-source balancing does not blow their 7 rows up to the weight of the
 * 4,000 questions (measured: mapping all 136 rows to complaint that way turned bitext refund
 * questions into complaints).
 */
const GRIEVANCE = /unhappy|dissatisfied|not (?:happy|satisfied)|disappoint|upset|angry|terrible|awful|bad|poor|unacceptable|fed up|worst|annoyed|furious/i;

export const bitextSource: TrainSource = {
  id: 'bitext',
  description: 'bitext-customer-support-en: every intent → question except complaint (stated grievance → complaint, bare requests to file one dropped)',
  load(dir) {
    const rows = readCsv(dir, ['bitext-customer-support-en', 'Bitext_Sample_Customer_Support_Training_Dataset.csv']);
    const header = rows[0] ?? [];
    const ti = header.indexOf('instruction');
    const ii = header.indexOf('intent');
    if (ti < 0 || ii < 0) throw new Error('bitext: unexpected header');
    const seen = new Set<string>();
    const out: Example[] = [];
    for (const row of rows.slice(1)) {
      const text = clean(row[ti]);
      if (text === '' || seen.has(text)) continue;
      seen.add(text);
      if (row[ii] !== 'complaint') out.push({ text, label: 'question', lang: 'en', source: 'bitext' });
      else if (GRIEVANCE.test(text)) out.push({ text, label: 'complaint', lang: 'en', source: 'bitext-complaint' });
    }
    return out;
  },
};
