import type { Example, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * Bitext customer-support utterances (CDLA-Sharing 1.0). The `complaint` intent ("I want to lodge
 * a complaint against your company", "I'm unhappy with your service, help me file a claim")
 * → complaint, as the dataset README maps it: the writer states a grievance against the company
 * and demands redress, which GUIDELINES.md calls a complaint. Every other intent → question,
 * including `review` ("how can I leave feedback?"): a request for help to do something, not a
 * proposal (deviation from the dataset README, which maps it to suggestion).
 */
export const bitextSource: TrainSource = {
  id: 'bitext',
  description: 'bitext-customer-support-en: complaint intent → complaint; every other intent (incl. review = how to leave feedback) → question',
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
      out.push({ text, label: row[ii] === 'complaint' ? 'complaint' : 'question', lang: 'en', source: 'bitext' });
    }
    return out;
  },
};
