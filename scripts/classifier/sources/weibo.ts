import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDelimited } from '../csv.ts';
import type { Example, TrainSource } from './types.ts';
import { clean } from './util.ts';

/**
 * Weibo complaint intensity (Fang et al. 2022), GB18030. Intensity ≥ 0.5 → complaint (public
 * outrage at an institution), ≤ −0.25 → other (opinions); the ambiguous middle is dropped.
 * ASCII '?' are emoji lost in the GBK conversion (README): removed, or the model would learn
 * them as a source marker; full-width ？ are genuine and kept.
 */
export const weiboSource: TrainSource = {
  id: 'weibo-complaints',
  description: 'zh-weibo-complaint-intensity: intensity ≥ 0.5 → complaint, ≤ −0.25 → other (middle dropped)',
  load(dir) {
    const raw = new TextDecoder('gb18030').decode(readFileSync(join(dir, 'zh-weibo-complaint-intensity', 'data.csv')));
    const out: Example[] = [];
    const seen = new Set<string>();
    for (const row of parseDelimited(raw).slice(1)) {
      const text = clean((row[0] ?? '').replace(/\?/g, ' '));
      const intensity = Number(row[1]);
      if (text === '' || !Number.isFinite(intensity) || seen.has(text)) continue;
      seen.add(text);
      if (intensity >= 0.5) out.push({ text, label: 'complaint', lang: 'zh', source: 'weibo-complaints' });
      else if (intensity <= -0.25) out.push({ text, label: 'other', lang: 'zh', source: 'weibo-complaints' });
    }
    return out;
  },
};
