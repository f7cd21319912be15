/**
 * Lexicon-based sentiment on normalised text (simplified Chinese, lower-case ASCII).
 *
 * Why a lexicon and not a trained model: no sentiment data we may ship covers support messages in
 * both languages, polarity is secondary to the type (an agent sorts by type, then reads), and a
 * lexicon is transparent: a wrong label can be explained and fixed by editing a word list.
 * English negators flip the next polar word ("not good", "never helpful"); Chinese negated forms
 * are listed as words of their own (不好, 不满意) because Chinese negation binds inside the word.
 */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  label: SentimentLabel;
  score: number;
}

const ZH_NEG =
  /不好|不行|不满|不新鲜|不值|不推荐|不能用|不合理|太差|很差|真差|极差|差劲|差评|垃圾|恶心|失望|糟糕|难吃|难用|难看|坑|骗|假货|投诉|愤怒|生气|气死|无语|烂|慢|贵|坏|脏|臭|吵|骂|欺负|推诿|敷衍|不负责|恶劣|粗鲁|冷漠|拖延|破损|变质|退款|拒绝|可恶|心寒|崩溃|后悔|倒霉|郁闷|伤心|害怕|担心|麻烦/g;
const ZH_POS =
  /(?<!不)(?:满意|喜欢|好吃|好用|好看|不错|很好|挺好|真好|非常好|太好|棒|赞|给力|完美|优秀|感谢|谢谢|贴心|热情|耐心|周到|专业|干净|方便|快捷|及时|实惠|划算|推荐|惊喜|开心|高兴|舒服|好评|点赞|负责)/g;

const EN_NEG = new Set(
  (
    'bad worst terrible awful horrible disgusting disappointed disappointing disappointment unacceptable ridiculous ' +
    'rude useless pathetic poor broken faulty damaged defective crash crashed crashes crashing bug buggy fail failed ' +
    'fails failure wrong late delayed delay missing lost angry furious annoyed annoying frustrated frustrating upset ' +
    'hate hated sucks suck scam fraud stolen slow expensive overpriced overcharged dirty cold stale rotten unhappy ' +
    'dissatisfied complaint complain never nothing nobody problem problems issue issues error errors worse joke shame ' +
    'shameful incompetent misleading lied lie liar cheated sick hurt injured dangerous unsafe stuck waste wasted sorry'
  ).split(' '),
);
const EN_POS = new Set(
  (
    'good great excellent amazing awesome fantastic wonderful love loved lovely like liked nice perfect happy pleased ' +
    'glad satisfied helpful friendly quick fast easy thanks thank thx appreciate appreciated best brilliant superb ' +
    'recommend recommended impressed enjoy enjoyed fine smooth kind polite professional beautiful cool fresh delicious ' +
    'reliable outstanding well'
  ).split(' '),
);
const EN_NEGATORS = new Set("not no never don't doesn't didn't isn't wasn't aren't won't can't cannot hardly".split(' '));
// "no problem", "not bad": the negator flips a negative word into a mild positive.

/** matchAll works on a copy of the regex, so the shared /g regexes keep no state between calls. */
function countMatches(text: string, re: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(re)) count++;
  return count;
}

export function analyzeSentiment(norm: string): Sentiment {
  let neg = 0;
  let pos = 0;
  neg += countMatches(norm, ZH_NEG);
  pos += countMatches(norm, ZH_POS);

  // English: walk the words once; a negator within the previous two words flips polarity.
  let negateUntil = -1;
  let wordIndex = 0;
  let start = -1;
  const n = norm.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? norm.charCodeAt(i) : 0x20;
    const inWord = (c >= 0x61 && c <= 0x7a) || c === 0x27;
    if (inWord) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const w = norm.slice(start, i);
      start = -1;
      wordIndex++;
      if (EN_NEGATORS.has(w)) {
        negateUntil = wordIndex + 2;
      } else {
        const flipped = wordIndex <= negateUntil;
        if (EN_NEG.has(w)) {
          if (flipped) pos += 0.5;
          else neg++;
        } else if (EN_POS.has(w)) {
          if (flipped) neg++;
          else pos++;
        }
      }
    }
    // Clause punctuation ends the scope of a negator.
    if (c === 0x2e || c === 0x2c || c === 0x21 || c === 0x3f || c === 0x3b) negateUntil = -1;
  }
  if (/!{2,}|\?{2,}|\?!|!\?/.test(norm)) neg += 0.5;

  // Squash the balance into -1…1; two net polar words already give a clear label.
  const score = Math.tanh((pos - neg) / 2);
  const rounded = Math.round(score * 1000) / 1000;
  const label: SentimentLabel = rounded <= -0.3 ? 'negative' : rounded >= 0.3 ? 'positive' : 'neutral';
  return { label, score: rounded === 0 ? 0 : rounded };
}
