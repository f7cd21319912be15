import type { Example, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * ChineseNlpCorpus reviews (waimai_10k, online_shopping_10_cats). Negative → complaint (a proxy:
 * a bad experience told to the shop). Positive → other (praise), except positive reviews that
 * propose something to the shop (希望能…, 如果…就更好了, 建议商家…), which GUIDELINES.md calls
 * suggestions, or complaints when they also report a problem. "建议大家…" (advice to other
 * buyers) stays other.
 */
const PROPOSAL =
  /希望(?!大家|各位)|如果(?:能|可以|再|有).{0,20}(?:就更好|就好了|更好|会更)|要是.{0,20}(?:就更好|就好了)|建议(?:商家|店家|老板|你们|贵店|酒店|京东|卖家|厂家|以后|下次)|最好(?:能|可以)|能不能(?:多|再|加)|改进|改善/;

const BAD_EXPERIENCE = /坏|破|漏|碎|脏|差|慢|失望|不好|不满|问题|一般|不足|缺点|遗憾|可惜|不新鲜|少了|没有送|太久|投诉|退/;

function load(dir: string, file: string, source: string, labelCol: number, textCol: number): Example[] {
  const out: Example[] = [];
  const seen = new Set<string>();
  for (const row of readCsv(dir, ['zh-reviews-chinesenlpcorpus', file]).slice(1)) {
    const text = clean(row[textCol]);
    if (text.length < 2 || seen.has(text)) continue;
    seen.add(text);
    const positive = row[labelCol] === '1';
    let label: Example['label'] = positive ? 'other' : 'complaint';
    // A positive review that proposes something is a suggestion, unless it also reports a
    // concrete problem (damaged, slow, missing…): then, per GUIDELINES.md, it is a complaint.
    if (positive && PROPOSAL.test(text)) label = BAD_EXPERIENCE.test(text) ? 'complaint' : 'suggestion';
    out.push({ text, label, lang: 'zh', source });
  }
  return out;
}

export const waimaiSource: TrainSource = {
  id: 'waimai-reviews',
  description: 'zh-reviews-chinesenlpcorpus/waimai_10k: 0 → complaint; 1 → other, or suggestion when it proposes something to the shop',
  load: (dir) => load(dir, 'waimai_10k.csv', 'waimai-reviews', 0, 1),
};

export const shoppingSource: TrainSource = {
  id: 'shopping-reviews',
  description: 'zh-reviews-chinesenlpcorpus/online_shopping_10_cats: as waimai',
  load: (dir) => load(dir, 'online_shopping_10_cats.csv', 'shopping-reviews', 1, 2),
};
