import type { Example, TrainSource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * ATEC 2018 (Alipay support bot). Every sentence is addressed to support, so by construction a
 * question; but under GUIDELINES.md a question carrying a grievance ("为什么我的借呗还没到账")
 * is a complaint. Sentences with an explicit grievance (still not…, charged twice, cut my
 * limit…) become complaints; sentences with weaker "why can't I…" cues are dropped as ambiguous.
 * The complaints also break the shortcut "花呗 ⇒ question".
 */
const GRIEVANCE =
  /还没(?:有)?(?:到|收|退|恢复|显示|到账|处理)|一直(?:没|不|都没|都不|是)|迟迟|至今|多扣|重复(?:扣|还)|乱扣|扣了两|被(?:降|关闭|冻结|封)|降额|骗|投诉|垃圾|太(?:差|坑|慢)|凭什么|搞什么|太低|不安全|有异议|暂停服务/;
const AMBIGUOUS = /怎么回事|为什么|怎么.{0,4}还|失败|不能|不了|不可以|用不|扣了|扣款|没有/;

export const atecSource: TrainSource = {
  id: 'atec-alipay',
  description:
    'zh-atec-cs-questions: question; explicit grievances (还没到账, 被降额, 多扣…) → complaint; weaker why-can’t sentences dropped',
  load(dir) {
    const seen = new Set<string>();
    const out: Example[] = [];
    const rows = readCsv(dir, ['zh-atec-cs-questions', 'atec_nlp_sim_train.csv'], { delimiter: '\t', quotes: false });
    for (const row of rows) {
      for (const raw of [row[1], row[2]]) {
        const text = clean(raw);
        if (text === '' || seen.has(text)) continue;
        seen.add(text);
        if (GRIEVANCE.test(text)) out.push({ text, label: 'complaint', lang: 'zh', source: 'atec-alipay' });
        else if (!AMBIGUOUS.test(text)) out.push({ text, label: 'question', lang: 'zh', source: 'atec-alipay' });
      }
    }
    return out;
  },
};
